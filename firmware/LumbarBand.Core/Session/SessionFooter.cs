using LumbarBand.Core.Storage;

namespace LumbarBand.Core.Session
{
    /// <summary>
    /// The last record of a session before the log's end record (type <see cref="SessionRecordTypes.Footer"/>),
    /// 53 bytes, little-endian (docs/sessions.md §6). Times are milliseconds; "offset" means from the session start;
    /// <see cref="SessionUnits.NotHappened"/> (0xFFFFFFFF) marks something that did not happen.
    /// <code>
    ///  0 endReason:u8            <see cref="SessionEndReason"/>
    ///  1 durationMs:u32          start to end
    ///  5 endUtcSeconds:u32       UTC at the end (0: clock not set); places a session whose start UTC was unknown
    ///  9 steps:u32              13 walkingMs:u32
    /// 17 flexionCues:u16        19 lateralCues:u16        21 swayCues:u16        23 painMarkers:u16
    /// 25 firstPainOffsetMs:u32  29 walkingMsBeforePain:u32 (walking before the first pain marker)
    /// 33 firstCueOffsetMs:u32
    /// 37 flexionExcessMs:u32    41 lateralExcessMs:u32    45 swayExcessMs:u32
    /// 49 epochCount:u16         epoch summaries stored
    /// 51 droppedRecords:u16     records the band could not queue for storage (0 normally)
    /// </code>
    /// A session cut short by a power loss or by full storage has no footer; <see cref="SessionContent.ComputeTotals"/>
    /// then derives the totals from its epochs.
    /// </summary>
    public sealed class SessionFooter
    {
        /// <summary>Bytes of this version's footer.</summary>
        public const int EncodedLength = 53;

        private const int ReasonOffset = 0;
        private const int DurationOffset = 1;
        private const int EndUtcOffset = 5;
        private const int StepsOffset = 9;
        private const int WalkingOffset = 13;
        private const int CuesOffset = 17;
        private const int PainOffset = 23;
        private const int FirstPainOffset = 25;
        private const int WalkingBeforePainOffset = 29;
        private const int FirstCueOffset = 33;
        private const int ExcessOffset = 37;
        private const int EpochCountOffset = 49;
        private const int DroppedOffset = 51;
        private const int UInt16Bytes = 2;
        private const int UInt32Bytes = 4;

        /// <summary>Why the session ended.</summary>
        public SessionEndReason EndReason;

        /// <summary>Start to end, milliseconds.</summary>
        public uint DurationMs;

        /// <summary>UTC at the end, seconds since 1970; 0 when the clock was not set.</summary>
        public uint EndUtcSeconds;

        /// <summary>Steps counted.</summary>
        public uint Steps;

        /// <summary>Time in confirmed walking bouts, milliseconds.</summary>
        public uint WalkingMs;

        /// <summary>Cues of rule 1 (flexion).</summary>
        public int FlexionCues;

        /// <summary>Cues of rule 2 (lateral lean).</summary>
        public int LateralCues;

        /// <summary>Cues of rule 3 (sway).</summary>
        public int SwayCues;

        /// <summary>Pain-marker presses.</summary>
        public int PainMarkers;

        /// <summary>Offset of the first pain marker, milliseconds; <see cref="SessionUnits.NotHappened"/> without one.</summary>
        public uint FirstPainOffsetMs = SessionUnits.NotHappened;

        /// <summary>
        /// Walking before the first pain marker, milliseconds ("ten minutes, then it starts");
        /// <see cref="SessionUnits.NotHappened"/> without one.
        /// </summary>
        public uint WalkingMsBeforePain = SessionUnits.NotHappened;

        /// <summary>Offset of the first cue, milliseconds; <see cref="SessionUnits.NotHappened"/> without one.</summary>
        public uint FirstCueOffsetMs = SessionUnits.NotHappened;

        /// <summary>Time in sustained excessive flexion, milliseconds.</summary>
        public uint FlexionExcessMs;

        /// <summary>Time in sustained excessive lateral lean, milliseconds.</summary>
        public uint LateralExcessMs;

        /// <summary>Time in excessive sway, milliseconds.</summary>
        public uint SwayExcessMs;

        /// <summary>Epoch summaries stored.</summary>
        public int EpochCount;

        /// <summary>Records the band could not queue for storage.</summary>
        public int DroppedRecords;

        /// <summary>Cues of every rule.</summary>
        public int Cues { get { return FlexionCues + LateralCues + SwayCues; } }

        /// <summary>Sets every field to an empty session's values (nothing happened).</summary>
        public void Clear()
        {
            EndReason = SessionEndReason.Unknown;
            DurationMs = 0;
            EndUtcSeconds = 0;
            Steps = 0;
            WalkingMs = 0;
            FlexionCues = 0;
            LateralCues = 0;
            SwayCues = 0;
            PainMarkers = 0;
            FirstPainOffsetMs = SessionUnits.NotHappened;
            WalkingMsBeforePain = SessionUnits.NotHappened;
            FirstCueOffsetMs = SessionUnits.NotHappened;
            FlexionExcessMs = 0;
            LateralExcessMs = 0;
            SwayExcessMs = 0;
            EpochCount = 0;
            DroppedRecords = 0;
        }

        /// <summary>Writes the footer at <paramref name="index"/>; returns <see cref="EncodedLength"/>. Counts saturate.</summary>
        public int Encode(byte[] buffer, int index)
        {
            buffer[index + ReasonOffset] = (byte)EndReason;
            LittleEndian.WriteUInt32(buffer, index + DurationOffset, DurationMs);
            LittleEndian.WriteUInt32(buffer, index + EndUtcOffset, EndUtcSeconds);
            LittleEndian.WriteUInt32(buffer, index + StepsOffset, Steps);
            LittleEndian.WriteUInt32(buffer, index + WalkingOffset, WalkingMs);
            LittleEndian.WriteUInt16(buffer, index + CuesOffset, Saturation.ToUInt16(FlexionCues));
            LittleEndian.WriteUInt16(buffer, index + CuesOffset + UInt16Bytes, Saturation.ToUInt16(LateralCues));
            LittleEndian.WriteUInt16(buffer, index + CuesOffset + (2 * UInt16Bytes), Saturation.ToUInt16(SwayCues));
            LittleEndian.WriteUInt16(buffer, index + PainOffset, Saturation.ToUInt16(PainMarkers));
            LittleEndian.WriteUInt32(buffer, index + FirstPainOffset, FirstPainOffsetMs);
            LittleEndian.WriteUInt32(buffer, index + WalkingBeforePainOffset, WalkingMsBeforePain);
            LittleEndian.WriteUInt32(buffer, index + FirstCueOffset, FirstCueOffsetMs);
            LittleEndian.WriteUInt32(buffer, index + ExcessOffset, FlexionExcessMs);
            LittleEndian.WriteUInt32(buffer, index + ExcessOffset + UInt32Bytes, LateralExcessMs);
            LittleEndian.WriteUInt32(buffer, index + ExcessOffset + (2 * UInt32Bytes), SwayExcessMs);
            LittleEndian.WriteUInt16(buffer, index + EpochCountOffset, Saturation.ToUInt16(EpochCount));
            LittleEndian.WriteUInt16(buffer, index + DroppedOffset, Saturation.ToUInt16(DroppedRecords));
            return EncodedLength;
        }

        /// <summary>Reads a footer from the <see cref="EncodedLength"/> bytes at <paramref name="index"/> (the caller checked they are there).</summary>
        public void Decode(byte[] buffer, int index)
        {
            EndReason = (SessionEndReason)buffer[index + ReasonOffset];
            DurationMs = LittleEndian.ReadUInt32(buffer, index + DurationOffset);
            EndUtcSeconds = LittleEndian.ReadUInt32(buffer, index + EndUtcOffset);
            Steps = LittleEndian.ReadUInt32(buffer, index + StepsOffset);
            WalkingMs = LittleEndian.ReadUInt32(buffer, index + WalkingOffset);
            FlexionCues = LittleEndian.ReadUInt16(buffer, index + CuesOffset);
            LateralCues = LittleEndian.ReadUInt16(buffer, index + CuesOffset + UInt16Bytes);
            SwayCues = LittleEndian.ReadUInt16(buffer, index + CuesOffset + (2 * UInt16Bytes));
            PainMarkers = LittleEndian.ReadUInt16(buffer, index + PainOffset);
            FirstPainOffsetMs = LittleEndian.ReadUInt32(buffer, index + FirstPainOffset);
            WalkingMsBeforePain = LittleEndian.ReadUInt32(buffer, index + WalkingBeforePainOffset);
            FirstCueOffsetMs = LittleEndian.ReadUInt32(buffer, index + FirstCueOffset);
            FlexionExcessMs = LittleEndian.ReadUInt32(buffer, index + ExcessOffset);
            LateralExcessMs = LittleEndian.ReadUInt32(buffer, index + ExcessOffset + UInt32Bytes);
            SwayExcessMs = LittleEndian.ReadUInt32(buffer, index + ExcessOffset + (2 * UInt32Bytes));
            EpochCount = LittleEndian.ReadUInt16(buffer, index + EpochCountOffset);
            DroppedRecords = LittleEndian.ReadUInt16(buffer, index + DroppedOffset);
        }

        /// <summary>Copies every field of <paramref name="other"/>.</summary>
        public void CopyFrom(SessionFooter other)
        {
            if (other == null)
            {
                throw new System.ArgumentException("must not be null", nameof(other));
            }

            EndReason = other.EndReason;
            DurationMs = other.DurationMs;
            EndUtcSeconds = other.EndUtcSeconds;
            Steps = other.Steps;
            WalkingMs = other.WalkingMs;
            FlexionCues = other.FlexionCues;
            LateralCues = other.LateralCues;
            SwayCues = other.SwayCues;
            PainMarkers = other.PainMarkers;
            FirstPainOffsetMs = other.FirstPainOffsetMs;
            WalkingMsBeforePain = other.WalkingMsBeforePain;
            FirstCueOffsetMs = other.FirstCueOffsetMs;
            FlexionExcessMs = other.FlexionExcessMs;
            LateralExcessMs = other.LateralExcessMs;
            SwayExcessMs = other.SwayExcessMs;
            EpochCount = other.EpochCount;
            DroppedRecords = other.DroppedRecords;
        }
    }
}
