namespace LumbarBand.Core.Storage
{
    /// <summary>
    /// Byte layout of one record (little-endian; docs/storage.md):
    /// <c>type:u8 | payloadLength:u8 | sequence:u32 | payload[payloadLength] | crc32:u32</c>, the CRC covering every byte
    /// before it.
    /// </summary>
    public static class RecordFormat
    {
        /// <summary>Offset of the type byte.</summary>
        public const int TypeOffset = 0;

        /// <summary>Offset of the payload length byte.</summary>
        public const int PayloadLengthOffset = 1;

        /// <summary>Offset of the 32-bit sequence number.</summary>
        public const int SequenceOffset = 2;

        /// <summary>Bytes before the payload: type, payload length, sequence number.</summary>
        public const int HeaderLength = 6;

        /// <summary>Bytes of the CRC-32 after the payload.</summary>
        public const int ChecksumLength = 4;

        /// <summary>Bytes a record adds to its payload (10): the capacity cost of every record.</summary>
        public const int OverheadLength = HeaderLength + ChecksumLength;

        /// <summary>
        /// Largest payload: the length is one byte. Epoch summaries are a few dozen bytes, so a wider field would add a
        /// byte to every record (about 60 an hour) for nothing; a bigger block is split by the session layer.
        /// </summary>
        public const int MaxPayloadLength = 255;

        /// <summary>Largest encoded record (265 bytes): the size of the buffers that hold one.</summary>
        public const int MaxRecordLength = MaxPayloadLength + OverheadLength;

        /// <summary>Payload of every control record: one session id.</summary>
        public const int ControlPayloadLength = 4;

        /// <summary>Encoded length of a control record (14 bytes).</summary>
        public const int ControlRecordLength = ControlPayloadLength + OverheadLength;

        /// <summary>Encoded length of a record with <paramref name="payloadLength"/> bytes of payload.</summary>
        public static int EncodedLength(int payloadLength)
        {
            return payloadLength + OverheadLength;
        }
    }
}
