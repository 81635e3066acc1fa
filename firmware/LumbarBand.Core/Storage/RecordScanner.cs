namespace LumbarBand.Core.Storage
{
    /// <summary>Reads one record from storage into a buffer and verifies it: the single path by which records come back.</summary>
    internal static class RecordScanner
    {
        /// <summary>
        /// Reads the record at <paramref name="offset"/> of <paramref name="segment"/> (whose readable data ends at
        /// <paramref name="end"/>) into <paramref name="buffer"/> from index 0, which must hold
        /// <see cref="RecordFormat.MaxRecordLength"/> bytes, and decodes it with its CRC checked.
        /// </summary>
        public static DecodeResult Read(IRecordStorage storage, int segment, int offset, int end, byte[] buffer, out RecordHeader header)
        {
            header = new RecordHeader();
            int available = end - offset;
            if (available < RecordFormat.HeaderLength
                || storage.Read(segment, offset, buffer, 0, RecordFormat.HeaderLength) != RecordFormat.HeaderLength)
            {
                return DecodeResult.Truncated;
            }

            DecodeResult result = RecordCodec.DecodeHeader(buffer, 0, RecordFormat.HeaderLength, out header);
            if (result != DecodeResult.Ok)
            {
                return result;
            }

            int length = header.EncodedLength;
            int rest = length - RecordFormat.HeaderLength;
            if (length > available || storage.Read(segment, offset + RecordFormat.HeaderLength, buffer, RecordFormat.HeaderLength, rest) != rest)
            {
                return DecodeResult.Truncated;
            }

            return RecordCodec.Decode(buffer, 0, length, out header);
        }

        /// <summary>Reads and decodes the header of <paramref name="segment"/> into <paramref name="buffer"/> from index 0.</summary>
        public static DecodeResult ReadSegmentHeader(IRecordStorage storage, int segment, byte[] buffer, out SegmentHeader header)
        {
            int read = storage.Read(segment, 0, buffer, 0, SegmentHeader.EncodedLength);
            return SegmentHeader.Decode(buffer, 0, read, out header);
        }
    }
}
