using LumbarBand.Core.Gait;
using LumbarBand.Core.Storage;

namespace LumbarBand.Core.Session
{
    /// <summary>
    /// One walking bout of a session (type <see cref="SessionRecordTypes.Bout"/>, session format 4), 22 bytes,
    /// little-endian (docs/sessions.md §5c): what the band measured of the walk itself — speed, stride length, rhythm —
    /// written when the bout ends.
    /// <code>
    ///  0 startOffsetCs:u24       the bout's start, centiseconds from the session start (0 when it began before it)
    ///  3 durationCs:u24          the bout's length, centiseconds
    ///  6 steps:u16               steps in it (saturating)
    ///  8 cadenceDeciSpm:u12      | speedMmPerS:u12            (a twelve-bit pair: 3 bytes)
    /// 11 strideLengthMm:u12      | stepTimeCvPermille:u12
    /// 14 strideTimeCvPermille:u12 | stepTimeAsymmetryPermille:u12
    /// 17 strideRegularity:i12    | cues:u12
    /// 20 excessivePostureSeconds:u16
    /// </code>
    /// A twelve-bit pair holds its first field in the low 12 bits of the 3 bytes read as a little-endian 24-bit value,
    /// its second in the high 12 (<see cref="LittleEndian.WriteTwelveBitPair"/>). Units: cadence 0.1 steps/min (to
    /// 409.5), speed mm/s and stride length mm (to 4.095 m/s and 4.095 m), variability and asymmetry 0.1 % (to 409.5 %),
    /// regularity 0.001 (−1.000..1.000). Every value saturates at its field's largest value. As in
    /// <see cref="Gait.WalkingBoutOutcome"/>, 0 in a measured field (speed, stride length, variability, asymmetry,
    /// regularity) means the band had too few usable steps or strides in the bout to measure it.
    /// </summary>
    /// <remarks>
    /// Why this compact: one record per bout costs its 10 bytes of record overhead plus these 22, and a walking hour
    /// must fit in 2 KB with everything else (docs/sessions.md §3). Times to 10 ms (the band's steps are 20 ms apart at
    /// the finest); the variability and speed fields need 12 bits for the range walkers reach, not 16.
    /// </remarks>
    public sealed class SessionBoutRecord
    {
        /// <summary>Bytes of this version's record.</summary>
        public const int EncodedLength = 22;

        /// <summary>Largest value of an unsigned twelve-bit field.</summary>
        public const int MaxValue = LittleEndian.MaxTwelveBit;

        /// <summary>Largest stride regularity magnitude stored, permille (the autocorrelation is within ±1).</summary>
        public const int MaxRegularityPermille = 1000;

        /// <summary>Largest bout start or length, centiseconds (24 bits: 46.6 h, above the 24-h session).</summary>
        public const int MaxCentiseconds = 0xFFFFFF;

        /// <summary>Milliseconds per centisecond.</summary>
        public const int MillisPerCentisecond = 10;

        private const int StartOffset = 0;
        private const int DurationOffset = 3;
        private const int StepsOffset = 6;
        private const int CadenceSpeedOffset = 8;
        private const int StrideStepCvOffset = 11;
        private const int StrideCvAsymmetryOffset = 14;
        private const int RegularityCuesOffset = 17;
        private const int ExcessiveOffset = 20;

        /// <summary>The bout's start, milliseconds from the session start (to 10 ms).</summary>
        public uint StartOffsetMs;

        /// <summary>The bout's length, milliseconds (to 10 ms).</summary>
        public uint DurationMs;

        /// <summary>Steps in the bout.</summary>
        public int Steps;

        /// <summary>Cadence, 0.1 steps/min.</summary>
        public int CadenceDeciSpm;

        /// <summary>Walking speed, mm/s; 0 when not measured (as for every measured field below).</summary>
        public int SpeedMmPerS;

        /// <summary>Stride length (two steps), mm; 0 when not measured.</summary>
        public int StrideLengthMm;

        /// <summary>Step-time coefficient of variation, 0.1 %.</summary>
        public int StepTimeCvPermille;

        /// <summary>Stride-time coefficient of variation, 0.1 %.</summary>
        public int StrideTimeCvPermille;

        /// <summary>Left/right step-time asymmetry, 0.1 %.</summary>
        public int StepTimeAsymmetryPermille;

        /// <summary>Stride regularity (autocorrelation at the stride lag), 0.001, −1000..1000.</summary>
        public int StrideRegularityPermille;

        /// <summary>Seconds in excessive posture during the bout.</summary>
        public int ExcessivePostureSeconds;

        /// <summary>Cues during the bout.</summary>
        public int Cues;

        /// <summary>
        /// Writes the record of <paramref name="outcome"/>, a bout of a session begun at device time
        /// <paramref name="sessionStartUs"/>; returns <see cref="EncodedLength"/>. Uses no memory besides the buffer.
        /// </summary>
        public static int Encode(byte[] buffer, int index, WalkingBoutOutcome outcome, long sessionStartUs)
        {
            long startUs = outcome.StartUs > sessionStartUs ? outcome.StartUs : sessionStartUs;
            long endUs = outcome.EndUs > startUs ? outcome.EndUs : startUs;
            LittleEndian.WriteUInt24(buffer, index + StartOffset, Centiseconds(SessionUnits.Milliseconds(startUs - sessionStartUs)));
            LittleEndian.WriteUInt24(buffer, index + DurationOffset, Centiseconds(SessionUnits.Milliseconds(endUs - startUs)));
            return EncodeMeasures(
                buffer, index, outcome.Steps, outcome.CadenceDeciSpm, outcome.SpeedMmPerS, outcome.StrideLengthMm, outcome.StepTimeCvPermille,
                outcome.StrideTimeCvPermille, outcome.StepTimeAsymmetryPermille, outcome.StrideRegularityPermille, outcome.Cues, outcome.ExcessivePostureSeconds);
        }

        /// <summary>Writes this record at <paramref name="index"/>; returns <see cref="EncodedLength"/>. Values are saturated to their fields.</summary>
        public int Encode(byte[] buffer, int index)
        {
            LittleEndian.WriteUInt24(buffer, index + StartOffset, Centiseconds(StartOffsetMs));
            LittleEndian.WriteUInt24(buffer, index + DurationOffset, Centiseconds(DurationMs));
            return EncodeMeasures(
                buffer, index, Steps, CadenceDeciSpm, SpeedMmPerS, StrideLengthMm, StepTimeCvPermille,
                StrideTimeCvPermille, StepTimeAsymmetryPermille, StrideRegularityPermille, Cues, ExcessivePostureSeconds);
        }

        /// <summary>Reads a record (at least <see cref="EncodedLength"/> bytes at <paramref name="index"/>, checked by the caller).</summary>
        public void Decode(byte[] buffer, int index)
        {
            StartOffsetMs = (uint)LittleEndian.ReadUInt24(buffer, index + StartOffset) * MillisPerCentisecond;
            DurationMs = (uint)LittleEndian.ReadUInt24(buffer, index + DurationOffset) * MillisPerCentisecond;
            Steps = LittleEndian.ReadUInt16(buffer, index + StepsOffset);
            CadenceDeciSpm = LittleEndian.ReadTwelveBitFirst(buffer, index + CadenceSpeedOffset);
            SpeedMmPerS = LittleEndian.ReadTwelveBitSecond(buffer, index + CadenceSpeedOffset);
            StrideLengthMm = LittleEndian.ReadTwelveBitFirst(buffer, index + StrideStepCvOffset);
            StepTimeCvPermille = LittleEndian.ReadTwelveBitSecond(buffer, index + StrideStepCvOffset);
            StrideTimeCvPermille = LittleEndian.ReadTwelveBitFirst(buffer, index + StrideCvAsymmetryOffset);
            StepTimeAsymmetryPermille = LittleEndian.ReadTwelveBitSecond(buffer, index + StrideCvAsymmetryOffset);
            StrideRegularityPermille = LittleEndian.ReadTwelveBitSigned(LittleEndian.ReadTwelveBitFirst(buffer, index + RegularityCuesOffset));
            Cues = LittleEndian.ReadTwelveBitSecond(buffer, index + RegularityCuesOffset);
            ExcessivePostureSeconds = LittleEndian.ReadUInt16(buffer, index + ExcessiveOffset);
        }

        /// <summary>Everything after the two times, saturated to the fields; returns <see cref="EncodedLength"/>.</summary>
        private static int EncodeMeasures(
            byte[] buffer, int index, int steps, int cadenceDeciSpm, int speedMmPerS, int strideLengthMm, int stepTimeCvPermille,
            int strideTimeCvPermille, int asymmetryPermille, int regularityPermille, int cues, int excessivePostureSeconds)
        {
            LittleEndian.WriteUInt16(buffer, index + StepsOffset, Saturation.ToUInt16(steps));
            LittleEndian.WriteTwelveBitPair(buffer, index + CadenceSpeedOffset, Field(cadenceDeciSpm), Field(speedMmPerS));
            LittleEndian.WriteTwelveBitPair(buffer, index + StrideStepCvOffset, Field(strideLengthMm), Field(stepTimeCvPermille));
            LittleEndian.WriteTwelveBitPair(buffer, index + StrideCvAsymmetryOffset, Field(strideTimeCvPermille), Field(asymmetryPermille));
            LittleEndian.WriteTwelveBitPair(buffer, index + RegularityCuesOffset, Regularity(regularityPermille), Field(cues));
            LittleEndian.WriteUInt16(buffer, index + ExcessiveOffset, Saturation.ToUInt16(excessivePostureSeconds));
            return EncodedLength;
        }

        /// <summary>True when the band measured speed in this bout (and so stride length).</summary>
        public bool HasSpeed { get { return SpeedMmPerS != 0; } }

        /// <summary>Centiseconds of a millisecond offset or length, rounded, saturated to 24 bits.</summary>
        private static int Centiseconds(uint milliseconds)
        {
            uint centiseconds = (milliseconds + (MillisPerCentisecond / 2)) / MillisPerCentisecond;
            return centiseconds > MaxCentiseconds ? MaxCentiseconds : (int)centiseconds;
        }

        /// <summary>An unsigned twelve-bit value, saturated to 0..<see cref="MaxValue"/>.</summary>
        private static int Field(int value)
        {
            if (value < 0)
            {
                return 0;
            }

            return value > MaxValue ? MaxValue : value;
        }

        /// <summary>A regularity field: within ±<see cref="MaxRegularityPermille"/>.</summary>
        private static int Regularity(int permille)
        {
            if (permille > MaxRegularityPermille)
            {
                return MaxRegularityPermille;
            }

            return permille < -MaxRegularityPermille ? -MaxRegularityPermille : permille;
        }
    }
}
