namespace LumbarBand.Core.Storage
{
    /// <summary>
    /// The 24 bytes at the start of every segment (little-endian; docs/storage.md):
    /// <c>magic "LBLG" | version:u8 | flags:u8 | reserved:u16 | firstSequence:u32 | lastSessionId:u32 |
    /// acknowledgedThrough:u32 | crc32:u32</c>. It carries the log's state at the moment the segment was opened, so
    /// that boot reads headers and scans the newest segment only, and so that state survives eviction of older segments.
    /// </summary>
    public struct SegmentHeader
    {
        /// <summary>Encoded length of a segment header.</summary>
        public const int EncodedLength = 24;

        /// <summary>The format version this code writes and reads.</summary>
        public const byte CurrentVersion = 1;

        /// <summary>Offset of the format version byte (after the 4 magic bytes "LBLG").</summary>
        private const int VersionOffset = 4;

        /// <summary>Offset of the flags byte.</summary>
        private const int FlagsOffset = 5;

        /// <summary>Offset of two reserved bytes: written as zero, ignored on reading.</summary>
        private const int ReservedOffset = 6;

        /// <summary>Offset of <see cref="FirstSequence"/>.</summary>
        private const int FirstSequenceOffset = 8;

        /// <summary>Offset of <see cref="LastSessionId"/>.</summary>
        private const int LastSessionIdOffset = 12;

        /// <summary>Offset of <see cref="AcknowledgedThrough"/>.</summary>
        private const int AcknowledgedThroughOffset = 16;

        /// <summary>Offset of the CRC-32 over bytes 0..19.</summary>
        private const int ChecksumOffset = 20;

        /// <summary>Flags bit: the session <see cref="LastSessionId"/> was open when the segment was opened.</summary>
        private const byte SessionOpenFlag = 0x01;

        /// <summary>Magic bytes "LBLG" (LumbarBand log), so a file of something else is never mistaken for a segment.</summary>
        private const byte Magic0 = 0x4C;

        /// <summary>Second magic byte, 'B'.</summary>
        private const byte Magic1 = 0x42;

        /// <summary>Third magic byte, 'L'.</summary>
        private const byte Magic2 = 0x4C;

        /// <summary>Fourth magic byte, 'G'.</summary>
        private const byte Magic3 = 0x47;

        /// <summary>Sequence number of the first record in the segment (the next one, if it holds none yet).</summary>
        public uint FirstSequence;

        /// <summary>The newest session id started before the segment opened (0: none yet).</summary>
        public uint LastSessionId;

        /// <summary>Whether session <see cref="LastSessionId"/> was still open: records at the segment's start belong to it.</summary>
        public bool SessionOpen;

        /// <summary>The host's acknowledgement watermark when the segment opened: every session up to it is acknowledged.</summary>
        public uint AcknowledgedThrough;

        /// <summary>Writes the header into <paramref name="destination"/> at <paramref name="index"/>.</summary>
        public void Encode(byte[] destination, int index)
        {
            destination[index] = Magic0;
            destination[index + 1] = Magic1;
            destination[index + 2] = Magic2;
            destination[index + 3] = Magic3;
            destination[index + VersionOffset] = CurrentVersion;
            destination[index + FlagsOffset] = SessionOpen ? SessionOpenFlag : (byte)0;
            destination[index + ReservedOffset] = 0;
            destination[index + ReservedOffset + 1] = 0;
            LittleEndian.WriteUInt32(destination, index + FirstSequenceOffset, FirstSequence);
            LittleEndian.WriteUInt32(destination, index + LastSessionIdOffset, LastSessionId);
            LittleEndian.WriteUInt32(destination, index + AcknowledgedThroughOffset, AcknowledgedThrough);
            LittleEndian.WriteUInt32(destination, index + ChecksumOffset, Crc32.Compute(destination, index, ChecksumOffset));
        }

        /// <summary>
        /// Decodes a header from the <paramref name="available"/> bytes at <paramref name="index"/>. Bad bytes give a
        /// result other than <see cref="DecodeResult.Ok"/>, never an exception. A header of another version is
        /// reported as <see cref="DecodeResult.UnsupportedVersion"/> only when its CRC holds.
        /// </summary>
        public static DecodeResult Decode(byte[] source, int index, int available, out SegmentHeader header)
        {
            RecordCodec.CheckRange(source, index, available);
            header = new SegmentHeader();
            if (available < EncodedLength)
            {
                return DecodeResult.Truncated;
            }

            if (source[index] != Magic0 || source[index + 1] != Magic1 || source[index + 2] != Magic2 || source[index + 3] != Magic3)
            {
                return DecodeResult.BadMagic;
            }

            if (LittleEndian.ReadUInt32(source, index + ChecksumOffset) != Crc32.Compute(source, index, ChecksumOffset))
            {
                return DecodeResult.BadChecksum;
            }

            if (source[index + VersionOffset] != CurrentVersion)
            {
                return DecodeResult.UnsupportedVersion;
            }

            byte flags = source[index + FlagsOffset];
            if ((flags & ~SessionOpenFlag) != 0)
            {
                return DecodeResult.InvalidField;
            }

            header.SessionOpen = flags == SessionOpenFlag;
            header.FirstSequence = LittleEndian.ReadUInt32(source, index + FirstSequenceOffset);
            header.LastSessionId = LittleEndian.ReadUInt32(source, index + LastSessionIdOffset);
            header.AcknowledgedThrough = LittleEndian.ReadUInt32(source, index + AcknowledgedThroughOffset);

            // The log never writes these: sequence numbers start at 1, and only started sessions are acknowledged.
            if (header.FirstSequence == 0 || header.AcknowledgedThrough > header.LastSessionId)
            {
                return DecodeResult.InvalidField;
            }

            return DecodeResult.Ok;
        }
    }
}
