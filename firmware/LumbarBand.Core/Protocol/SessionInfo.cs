using LumbarBand.Core.Storage;

namespace LumbarBand.Core.Protocol
{
    /// <summary>
    /// One stored session as <see cref="Opcode.ListSessions"/> describes it (17 bytes):
    /// <c>id:u32 | length:u32 | crc32:u32 | startUtcSeconds:u32 | flags:u8</c>. A session is downloaded as an opaque
    /// byte sequence of <see cref="Length"/> bytes (its stored records) whose CRC-32 is <see cref="Crc"/>.
    /// </summary>
    public sealed class SessionInfo
    {
        /// <summary>Encoded length of one entry.</summary>
        public const int EncodedBytes = 17;

        /// <summary>Flags bit: acknowledged by a host (evictable when the band needs room).</summary>
        public const byte FlagAcknowledged = 0x01;

        /// <summary>Flags bit: still being recorded (length and CRC still change; cannot be read or acknowledged yet).</summary>
        public const byte FlagOpen = 0x02;

        private const int IdOffset = 0;
        private const int LengthOffset = 4;
        private const int CrcOffset = 8;
        private const int StartOffset = 12;
        private const int FlagsOffset = 16;

        /// <summary>Session id: starts at 1, increases, never repeats (until the log is erased by a factory reset).</summary>
        public uint Id;

        /// <summary>Bytes of the session's serialized form.</summary>
        public int Length;

        /// <summary>CRC-32 (<see cref="Storage.Crc32"/>) of the whole serialized form.</summary>
        public uint Crc;

        /// <summary>Start time, UTC seconds since 1970; 0 when the band's clock was not set.</summary>
        public uint StartUtcSeconds;

        /// <summary>True when a host acknowledged it.</summary>
        public bool Acknowledged;

        /// <summary>True while it is being recorded.</summary>
        public bool Open;

        /// <summary>Copies every field of <paramref name="other"/>.</summary>
        public void CopyFrom(SessionInfo other)
        {
            if (other == null)
            {
                throw new System.ArgumentException("must not be null", nameof(other));
            }

            Id = other.Id;
            Length = other.Length;
            Crc = other.Crc;
            StartUtcSeconds = other.StartUtcSeconds;
            Acknowledged = other.Acknowledged;
            Open = other.Open;
        }

        /// <summary>Writes the entry at <paramref name="index"/>; returns <see cref="EncodedBytes"/>.</summary>
        public int Write(byte[] buffer, int index)
        {
            LittleEndian.WriteUInt32(buffer, index + IdOffset, Id);
            LittleEndian.WriteUInt32(buffer, index + LengthOffset, (uint)Length);
            LittleEndian.WriteUInt32(buffer, index + CrcOffset, Crc);
            LittleEndian.WriteUInt32(buffer, index + StartOffset, StartUtcSeconds);
            int flags = (Acknowledged ? FlagAcknowledged : 0) | (Open ? FlagOpen : 0);
            buffer[index + FlagsOffset] = (byte)flags;
            return EncodedBytes;
        }

        /// <summary>Reads an entry at <paramref name="index"/> (the caller checked that <see cref="EncodedBytes"/> are there).</summary>
        public void Read(byte[] buffer, int index)
        {
            Id = LittleEndian.ReadUInt32(buffer, index + IdOffset);
            Length = (int)LittleEndian.ReadUInt32(buffer, index + LengthOffset);
            Crc = LittleEndian.ReadUInt32(buffer, index + CrcOffset);
            StartUtcSeconds = LittleEndian.ReadUInt32(buffer, index + StartOffset);
            byte flags = buffer[index + FlagsOffset];
            Acknowledged = (flags & FlagAcknowledged) != 0;
            Open = (flags & FlagOpen) != 0;
        }
    }
}
