using LumbarBand.Core.Storage;

namespace LumbarBand.Core.Session
{
    /// <summary>
    /// One epoch of a session as stored: 26 bytes (24 in formats 1–3), little-endian (docs/sessions.md §4).
    /// <code>
    ///  0 index:u16            epoch number from the session start (epoch i covers [i·L, (i+1)·L) of the session)
    ///  2 steps:u16            steps counted (saturating)
    ///  4 walking:u8           time in confirmed walking bouts, 1/240ths of the epoch
    ///  5 cadence:u8           mean cadence, steps/min (0: no step interval in the epoch)
    ///  6 flexionMean:i8       mean trunk flexion while walking, degrees (−128: unknown)
    ///  7 flexionMax:i8        largest flexion while walking, degrees (−128: unknown)
    ///  8 lateralMean:i8       mean lateral bend while walking, degrees, right positive (−128: unknown)
    ///  9 lateralMax:i8        the lateral bend of largest magnitude, signed (−128: unknown)
    /// 10 mlMean:u8 11 mlMax:u8 12 apMean:u8 13 apMax:u8 14 rotMean:u8 15 rotMax:u8
    ///                         per-stride sway ranges (mediolateral, anteroposterior, rotation), ¼° (255: no stride)
    /// 16 flexionExcess:u8 17 lateralExcess:u8 18 swayExcess:u8
    ///                         time in each sustained excessive-motion state, 1/240ths of the epoch
    /// 19 flexionCues:u8 20 lateralCues:u8 21 swayCues:u8   cues by rule (saturating)
    /// 22 painMarkers:u8       pain-marker presses
    /// 23 battery:u8           battery at the epoch's end, percent (255: unknown)
    /// 24 speed:u8             walking speed, cm/s (0: not measured; saturates at 2.55 m/s)       format 4 on
    /// 25 strideLength:u8      stride length, cm (0: not measured; saturates at 2.55 m)            format 4 on
    /// </code>
    /// An epoch in which nothing happened (no walking, steps, posture, strides, excess, cues or presses) is not
    /// stored; the index tells where each stored one lies.
    /// </summary>
    public sealed class EpochSummary
    {
        /// <summary>Bytes of one encoded epoch in this format (4): format 3's and the speed and stride length.</summary>
        public const int EncodedLength = 26;

        /// <summary>Bytes of one encoded epoch in formats 1–3 (no speed or stride length).</summary>
        public const int Format3EncodedLength = 24;

        /// <summary>
        /// Speed and stride length are stored in centimetres (per second): one byte each, 0–2.55 m(/s), finer than a
        /// walker's step-to-step variation; the bout record keeps millimetres.
        /// </summary>
        public const int MillimetresPerStoredUnit = 10;

        private const int IndexOffset = 0;
        private const int StepsOffset = 2;
        private const int WalkingOffset = 4;
        private const int CadenceOffset = 5;
        private const int FlexionMeanOffset = 6;
        private const int FlexionMaxOffset = 7;
        private const int LateralMeanOffset = 8;
        private const int LateralMaxOffset = 9;
        private const int SwayOffset = 10;
        private const int ExcessOffset = 16;
        private const int CuesOffset = 19;
        private const int PainOffset = 22;
        private const int BatteryOffset = 23;
        private const int SpeedOffset = 24;
        private const int StrideLengthOffset = 25;

        /// <summary>Epoch number from the session start, 0..65535.</summary>
        public int Index;

        /// <summary>Steps counted.</summary>
        public int Steps;

        /// <summary>Walking time, 1/240ths of the epoch (<see cref="SessionUnits.TimeUnitsPerEpoch"/>).</summary>
        public int WalkingUnits;

        /// <summary>Mean cadence, steps per minute; <see cref="SessionUnits.NoCadence"/> when unknown.</summary>
        public int CadenceStepsPerMinute;

        /// <summary>Mean flexion while walking, degrees, forward positive; <see cref="SessionUnits.UnknownAngle"/> when unknown.</summary>
        public int FlexionMeanDegrees;

        /// <summary>Largest flexion while walking, degrees; <see cref="SessionUnits.UnknownAngle"/> when unknown.</summary>
        public int FlexionMaxDegrees;

        /// <summary>Mean lateral bend while walking, degrees, right positive; <see cref="SessionUnits.UnknownAngle"/> when unknown.</summary>
        public int LateralMeanDegrees;

        /// <summary>The lateral bend of largest magnitude, signed degrees; <see cref="SessionUnits.UnknownAngle"/> when unknown.</summary>
        public int LateralMaxDegrees;

        /// <summary>Mean per-stride mediolateral range, ¼°; <see cref="SessionUnits.UnknownSway"/> without a stride.</summary>
        public int MediolateralMeanUnits;

        /// <summary>Largest per-stride mediolateral range, ¼°.</summary>
        public int MediolateralMaxUnits;

        /// <summary>Mean per-stride anteroposterior range, ¼°.</summary>
        public int AnteroposteriorMeanUnits;

        /// <summary>Largest per-stride anteroposterior range, ¼°.</summary>
        public int AnteroposteriorMaxUnits;

        /// <summary>Mean per-stride rotation range, ¼°.</summary>
        public int RotationMeanUnits;

        /// <summary>Largest per-stride rotation range, ¼°.</summary>
        public int RotationMaxUnits;

        /// <summary>Time in sustained excessive flexion, 1/240ths of the epoch.</summary>
        public int FlexionExcessUnits;

        /// <summary>Time in sustained excessive lateral lean, 1/240ths of the epoch.</summary>
        public int LateralExcessUnits;

        /// <summary>Time in excessive sway, 1/240ths of the epoch.</summary>
        public int SwayExcessUnits;

        /// <summary>Cues of rule 1 (flexion).</summary>
        public int FlexionCues;

        /// <summary>Cues of rule 2 (lateral lean).</summary>
        public int LateralCues;

        /// <summary>Cues of rule 3 (sway).</summary>
        public int SwayCues;

        /// <summary>Pain-marker presses.</summary>
        public int PainMarkers;

        /// <summary>Battery at the end of the epoch, percent; <see cref="SessionUnits.UnknownBattery"/> when unknown.</summary>
        public int BatteryPercent;

        /// <summary>
        /// Walking speed, mm/s: the step-weighted mean over the epoch's steps whose length the band measured
        /// (inverted pendulum of the step length estimator); 0 when none was measured. Stored in cm/s (offset 24).
        /// </summary>
        public int SpeedMmPerS;

        /// <summary>Stride length, mm: twice the epoch's measured distance over the steps its measured intervals span (an interval holding a missed step counts two, <see cref="Gait.WalkingSpeed"/>); 0 when none was measured. Stored in cm (offset 25).</summary>
        public int StrideLengthMm;

        /// <summary>Cues of every rule.</summary>
        public int Cues { get { return FlexionCues + LateralCues + SwayCues; } }

        /// <summary>Writes the epoch at <paramref name="index"/>; returns <see cref="EncodedLength"/>. Values are saturated to their fields.</summary>
        public int Encode(byte[] buffer, int index)
        {
            LittleEndian.WriteUInt16(buffer, index + IndexOffset, Saturation.ToUInt16(Index));
            LittleEndian.WriteUInt16(buffer, index + StepsOffset, Saturation.ToUInt16(Steps));
            buffer[index + WalkingOffset] = Saturation.ToByte(WalkingUnits);
            buffer[index + CadenceOffset] = Saturation.ToByte(CadenceStepsPerMinute);
            buffer[index + FlexionMeanOffset] = Angle(FlexionMeanDegrees);
            buffer[index + FlexionMaxOffset] = Angle(FlexionMaxDegrees);
            buffer[index + LateralMeanOffset] = Angle(LateralMeanDegrees);
            buffer[index + LateralMaxOffset] = Angle(LateralMaxDegrees);
            buffer[index + SwayOffset] = Saturation.ToByte(MediolateralMeanUnits);
            buffer[index + SwayOffset + 1] = Saturation.ToByte(MediolateralMaxUnits);
            buffer[index + SwayOffset + 2] = Saturation.ToByte(AnteroposteriorMeanUnits);
            buffer[index + SwayOffset + 3] = Saturation.ToByte(AnteroposteriorMaxUnits);
            buffer[index + SwayOffset + 4] = Saturation.ToByte(RotationMeanUnits);
            buffer[index + SwayOffset + 5] = Saturation.ToByte(RotationMaxUnits);
            buffer[index + ExcessOffset] = Saturation.ToByte(FlexionExcessUnits);
            buffer[index + ExcessOffset + 1] = Saturation.ToByte(LateralExcessUnits);
            buffer[index + ExcessOffset + 2] = Saturation.ToByte(SwayExcessUnits);
            buffer[index + CuesOffset] = Saturation.ToByte(FlexionCues);
            buffer[index + CuesOffset + 1] = Saturation.ToByte(LateralCues);
            buffer[index + CuesOffset + 2] = Saturation.ToByte(SwayCues);
            buffer[index + PainOffset] = Saturation.ToByte(PainMarkers);
            buffer[index + BatteryOffset] = Saturation.ToByte(BatteryPercent);
            buffer[index + SpeedOffset] = Centimetres(SpeedMmPerS);
            buffer[index + StrideLengthOffset] = Centimetres(StrideLengthMm);
            return EncodedLength;
        }

        /// <summary>Bytes of one epoch in session format <paramref name="formatVersion"/>.</summary>
        public static int EncodedLengthOf(int formatVersion)
        {
            return formatVersion >= SessionHeader.FirstWalkingOutcomeFormatVersion ? EncodedLength : Format3EncodedLength;
        }

        /// <summary>Reads an epoch from the <see cref="EncodedLength"/> bytes at <paramref name="index"/> (the caller checked they are there).</summary>
        public void Decode(byte[] buffer, int index)
        {
            Decode(buffer, index, EncodedLength);
        }

        /// <summary>
        /// Reads an epoch of <paramref name="length"/> bytes (<see cref="EncodedLengthOf"/> its session's format, checked
        /// by the caller) at <paramref name="index"/>: speed and stride length are 0 (not measured) in the 24 bytes of
        /// formats 1–3.
        /// </summary>
        public void Decode(byte[] buffer, int index, int length)
        {
            bool measured = length >= EncodedLength;
            SpeedMmPerS = measured ? buffer[index + SpeedOffset] * MillimetresPerStoredUnit : 0;
            StrideLengthMm = measured ? buffer[index + StrideLengthOffset] * MillimetresPerStoredUnit : 0;
            Index = LittleEndian.ReadUInt16(buffer, index + IndexOffset);
            Steps = LittleEndian.ReadUInt16(buffer, index + StepsOffset);
            WalkingUnits = buffer[index + WalkingOffset];
            CadenceStepsPerMinute = buffer[index + CadenceOffset];
            FlexionMeanDegrees = (sbyte)buffer[index + FlexionMeanOffset];
            FlexionMaxDegrees = (sbyte)buffer[index + FlexionMaxOffset];
            LateralMeanDegrees = (sbyte)buffer[index + LateralMeanOffset];
            LateralMaxDegrees = (sbyte)buffer[index + LateralMaxOffset];
            MediolateralMeanUnits = buffer[index + SwayOffset];
            MediolateralMaxUnits = buffer[index + SwayOffset + 1];
            AnteroposteriorMeanUnits = buffer[index + SwayOffset + 2];
            AnteroposteriorMaxUnits = buffer[index + SwayOffset + 3];
            RotationMeanUnits = buffer[index + SwayOffset + 4];
            RotationMaxUnits = buffer[index + SwayOffset + 5];
            FlexionExcessUnits = buffer[index + ExcessOffset];
            LateralExcessUnits = buffer[index + ExcessOffset + 1];
            SwayExcessUnits = buffer[index + ExcessOffset + 2];
            FlexionCues = buffer[index + CuesOffset];
            LateralCues = buffer[index + CuesOffset + 1];
            SwayCues = buffer[index + CuesOffset + 2];
            PainMarkers = buffer[index + PainOffset];
            BatteryPercent = buffer[index + BatteryOffset];
        }

        /// <summary>Copies every field of <paramref name="other"/>.</summary>
        public void CopyFrom(EpochSummary other)
        {
            if (other == null)
            {
                throw new System.ArgumentException("must not be null", nameof(other));
            }

            Index = other.Index;
            Steps = other.Steps;
            WalkingUnits = other.WalkingUnits;
            CadenceStepsPerMinute = other.CadenceStepsPerMinute;
            FlexionMeanDegrees = other.FlexionMeanDegrees;
            FlexionMaxDegrees = other.FlexionMaxDegrees;
            LateralMeanDegrees = other.LateralMeanDegrees;
            LateralMaxDegrees = other.LateralMaxDegrees;
            MediolateralMeanUnits = other.MediolateralMeanUnits;
            MediolateralMaxUnits = other.MediolateralMaxUnits;
            AnteroposteriorMeanUnits = other.AnteroposteriorMeanUnits;
            AnteroposteriorMaxUnits = other.AnteroposteriorMaxUnits;
            RotationMeanUnits = other.RotationMeanUnits;
            RotationMaxUnits = other.RotationMaxUnits;
            FlexionExcessUnits = other.FlexionExcessUnits;
            LateralExcessUnits = other.LateralExcessUnits;
            SwayExcessUnits = other.SwayExcessUnits;
            FlexionCues = other.FlexionCues;
            LateralCues = other.LateralCues;
            SwayCues = other.SwayCues;
            PainMarkers = other.PainMarkers;
            BatteryPercent = other.BatteryPercent;
            SpeedMmPerS = other.SpeedMmPerS;
            StrideLengthMm = other.StrideLengthMm;
        }

        /// <summary>
        /// A speed or length byte: millimetres to centimetres, rounded, saturated to 255; 0 stays "not measured", and a
        /// measured value under half a centimetre is stored as 1 so that it is not mistaken for that.
        /// </summary>
        private static byte Centimetres(int millimetres)
        {
            if (millimetres <= 0)
            {
                return 0;
            }

            int units = (millimetres + (MillimetresPerStoredUnit / 2)) / MillimetresPerStoredUnit;
            return units == 0 ? (byte)1 : Saturation.ToByte(units);
        }

        /// <summary>An angle byte: the unknown marker as is, anything else saturated to ±127.</summary>
        private static byte Angle(int degrees)
        {
            if (degrees == SessionUnits.UnknownAngle)
            {
                return unchecked((byte)SessionUnits.UnknownAngle);
            }

            if (degrees > SessionUnits.MaxAngleDegrees)
            {
                degrees = SessionUnits.MaxAngleDegrees;
            }
            else if (degrees < -SessionUnits.MaxAngleDegrees)
            {
                degrees = -SessionUnits.MaxAngleDegrees;
            }

            return unchecked((byte)degrees);
        }
    }
}
