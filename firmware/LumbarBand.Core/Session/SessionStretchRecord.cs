using LumbarBand.Core.Pacing;
using LumbarBand.Core.Storage;

namespace LumbarBand.Core.Session
{
    /// <summary>
    /// One stretch of a walk under a walking plan (type <see cref="SessionRecordTypes.Stretch"/>, session format 2),
    /// 24 bytes, little-endian (docs/sessions.md §5a). Offsets are milliseconds from the session start.
    /// <code>
    ///  0 number:u8             stretch within the walk, from 1
    ///  1 flags:u8              <see cref="StretchFlags"/>
    ///  2 plannedWalkSeconds:u16
    ///  4 plannedRestSeconds:u16
    ///  6 startOffsetMs:u32     its first walking
    /// 10 walkEndOffsetMs:u32   the end of its last walking
    /// 14 walkedMs:u32          confirmed walking in it (short stops not counted)
    /// 18 restMs:u32            rest after it: the planned rest if complete, else the stop until walking resumed
    /// 22 steps:u16
    /// </code>
    /// Written when the stretch ends (its rest is over, or walking resumed); a stretch under way when a session ends
    /// some other way (button, host erase, 24 h) is not recorded.
    /// </summary>
    public sealed class SessionStretchRecord
    {
        /// <summary>Bytes of this version's record.</summary>
        public const int EncodedLength = 24;

        private const int NumberOffset = 0;
        private const int FlagsOffset = 1;
        private const int PlannedWalkOffset = 2;
        private const int PlannedRestOffset = 4;
        private const int StartOffset = 6;
        private const int WalkEndOffset = 10;
        private const int WalkedOffset = 14;
        private const int RestOffset = 18;
        private const int StepsOffset = 22;

        /// <summary>Stretch within the walk, from 1.</summary>
        public int Number;

        /// <summary><see cref="StretchFlags"/> bits.</summary>
        public int Flags;

        /// <summary>Planned walking time, seconds.</summary>
        public int PlannedWalkSeconds;

        /// <summary>Planned rest after it, seconds.</summary>
        public int PlannedRestSeconds;

        /// <summary>Its first walking, milliseconds from the session start.</summary>
        public uint StartOffsetMs;

        /// <summary>End of its last walking, milliseconds from the session start.</summary>
        public uint WalkEndOffsetMs;

        /// <summary>Confirmed walking in it, milliseconds.</summary>
        public uint WalkedMs;

        /// <summary>Rest after it, milliseconds.</summary>
        public uint RestMs;

        /// <summary>Steps counted in it.</summary>
        public int Steps;

        /// <summary>True when <paramref name="flag"/> (a <see cref="StretchFlags"/> bit) is set.</summary>
        public bool Has(int flag)
        {
            return (Flags & flag) != 0;
        }

        /// <summary>Writes the record of <paramref name="stretch"/> of a session begun at <paramref name="sessionStartUs"/>; returns <see cref="EncodedLength"/>.</summary>
        public static int Encode(byte[] buffer, int index, Stretch stretch, long sessionStartUs)
        {
            buffer[index + NumberOffset] = Saturation.ToByte(stretch.Number);
            buffer[index + FlagsOffset] = (byte)stretch.Flags;
            LittleEndian.WriteUInt16(buffer, index + PlannedWalkOffset, Saturation.ToUInt16(stretch.PlannedWalkSeconds));
            LittleEndian.WriteUInt16(buffer, index + PlannedRestOffset, Saturation.ToUInt16(stretch.PlannedRestSeconds));
            LittleEndian.WriteUInt32(buffer, index + StartOffset, SessionUnits.Milliseconds(stretch.StartUs - sessionStartUs));
            LittleEndian.WriteUInt32(buffer, index + WalkEndOffset, SessionUnits.Milliseconds(stretch.WalkEndUs - sessionStartUs));
            LittleEndian.WriteUInt32(buffer, index + WalkedOffset, SessionUnits.Milliseconds(stretch.WalkedUs));
            LittleEndian.WriteUInt32(buffer, index + RestOffset, SessionUnits.Milliseconds(stretch.RestUs));
            LittleEndian.WriteUInt16(buffer, index + StepsOffset, Saturation.ToUInt16(stretch.Steps));
            return EncodedLength;
        }

        /// <summary>Reads a record (at least <see cref="EncodedLength"/> bytes at <paramref name="index"/>).</summary>
        public void Decode(byte[] buffer, int index)
        {
            Number = buffer[index + NumberOffset];
            Flags = buffer[index + FlagsOffset];
            PlannedWalkSeconds = LittleEndian.ReadUInt16(buffer, index + PlannedWalkOffset);
            PlannedRestSeconds = LittleEndian.ReadUInt16(buffer, index + PlannedRestOffset);
            StartOffsetMs = LittleEndian.ReadUInt32(buffer, index + StartOffset);
            WalkEndOffsetMs = LittleEndian.ReadUInt32(buffer, index + WalkEndOffset);
            WalkedMs = LittleEndian.ReadUInt32(buffer, index + WalkedOffset);
            RestMs = LittleEndian.ReadUInt32(buffer, index + RestOffset);
            Steps = LittleEndian.ReadUInt16(buffer, index + StepsOffset);
        }
    }
}
