using LumbarBand.Core.Storage;

namespace LumbarBand.Core.Session
{
    /// <summary>
    /// The units and "unknown" markers of session records, and the rounding from the band's working units (microseconds,
    /// centidegrees) to the compact stored ones. Integers only; every conversion rounds to nearest and saturates.
    /// </summary>
    public static class SessionUnits
    {
        /// <summary>
        /// Epoch times (walking, each excessive-motion state) are stored in 1/240ths of the epoch in one byte: a quarter
        /// of a second at the default 60 s epoch, 15 s at the longest (3600 s), so one byte fits every epoch length.
        /// </summary>
        public const int TimeUnitsPerEpoch = 240;

        /// <summary>Angle byte meaning "not measured in this epoch" (not calibrated, or not walking).</summary>
        public const int UnknownAngle = sbyte.MinValue;

        /// <summary>Largest stored angle magnitude, degrees (the byte's range without the unknown marker).</summary>
        public const int MaxAngleDegrees = sbyte.MaxValue;

        /// <summary>Sway byte meaning "no stride measured in this epoch".</summary>
        public const int UnknownSway = byte.MaxValue;

        /// <summary>Sway is stored in quarter degrees (25 centidegrees): 0–63.5° in a byte, finer than stride-to-stride variation.</summary>
        public const int SwayUnitCentidegrees = 25;

        /// <summary>Largest stored sway value (63.5°); larger ranges saturate.</summary>
        public const int MaxSwayUnits = byte.MaxValue - 1;

        /// <summary>Battery byte meaning "the band cannot measure its battery".</summary>
        public const int UnknownBattery = byte.MaxValue;

        /// <summary>Cadence byte meaning "no two consecutive steps in this epoch".</summary>
        public const int NoCadence = 0;

        /// <summary>A 32-bit time field meaning "did not happen" (no pain marker, no cue).</summary>
        public const uint NotHappened = uint.MaxValue;

        /// <summary>Microseconds per second.</summary>
        public const long MicrosPerSecond = 1000000;

        /// <summary>Microseconds per millisecond.</summary>
        public const long MicrosPerMillisecond = 1000;

        /// <summary>Centidegrees per degree.</summary>
        private const int CentiPerDegree = 100;

        /// <summary>Microseconds in a minute, for cadence in steps per minute.</summary>
        private const long MicrosPerMinute = 60 * MicrosPerSecond;

        /// <summary>Whole degrees from centidegrees, rounded half away from zero, saturated to ±127.</summary>
        public static int Degrees(int centidegrees)
        {
            int degrees = centidegrees >= 0
                ? (centidegrees + (CentiPerDegree / 2)) / CentiPerDegree
                : (centidegrees - (CentiPerDegree / 2)) / CentiPerDegree;
            if (degrees > MaxAngleDegrees)
            {
                return MaxAngleDegrees;
            }

            return degrees < -MaxAngleDegrees ? -MaxAngleDegrees : degrees;
        }

        /// <summary>Quarter degrees from a non-negative range in centidegrees, rounded, saturated to <see cref="MaxSwayUnits"/>.</summary>
        public static int SwayUnits(int centidegrees)
        {
            if (centidegrees <= 0)
            {
                return 0;
            }

            int units = (centidegrees + (SwayUnitCentidegrees / 2)) / SwayUnitCentidegrees;
            return units > MaxSwayUnits ? MaxSwayUnits : units;
        }

        /// <summary>A duration as 1/240ths of an epoch of <paramref name="epochUs"/>, rounded, 0..240.</summary>
        public static int TimeUnits(long durationUs, long epochUs)
        {
            if (durationUs <= 0 || epochUs <= 0)
            {
                return 0;
            }

            long units = ((durationUs * TimeUnitsPerEpoch) + (epochUs / 2)) / epochUs;
            return units > TimeUnitsPerEpoch ? TimeUnitsPerEpoch : (int)units;
        }

        /// <summary>Milliseconds from 1/240ths of an epoch of <paramref name="epochSeconds"/> seconds.</summary>
        public static long TimeUnitsToMilliseconds(int units, int epochSeconds)
        {
            return ((long)units * epochSeconds * (MicrosPerSecond / MicrosPerMillisecond)) / TimeUnitsPerEpoch;
        }

        /// <summary>
        /// Mean cadence in whole steps per minute from <paramref name="intervals"/> step intervals summing to
        /// <paramref name="intervalSumUs"/>: the reciprocal of the mean interval, rounded, 1..255 (or
        /// <see cref="NoCadence"/> without an interval).
        /// </summary>
        public static int CadenceStepsPerMinute(int intervals, long intervalSumUs)
        {
            if (intervals <= 0 || intervalSumUs <= 0)
            {
                return NoCadence;
            }

            long spm = ((MicrosPerMinute * intervals) + (intervalSumUs / 2)) / intervalSumUs;
            if (spm < 1)
            {
                return 1;
            }

            return spm > byte.MaxValue ? byte.MaxValue : (int)spm;
        }

        /// <summary>Milliseconds from microseconds, truncated, saturated to 0..<see cref="NotHappened"/> − 1.</summary>
        public static uint Milliseconds(long durationUs)
        {
            return Saturation.ToUInt32(durationUs / MicrosPerMillisecond);
        }
    }
}
