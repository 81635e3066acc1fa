namespace LumbarBand.Core.Storage
{
    /// <summary>The fields of one record besides its payload, as decoded by <see cref="RecordCodec"/>.</summary>
    public struct RecordHeader
    {
        /// <summary>The record type (<see cref="RecordTypes"/>).</summary>
        public byte Type;

        /// <summary>Bytes of payload, 0..<see cref="RecordFormat.MaxPayloadLength"/>.</summary>
        public int PayloadLength;

        /// <summary>The record's sequence number: one more than the record before it, from 1.</summary>
        public uint Sequence;

        /// <summary>Bytes the whole record occupies.</summary>
        public int EncodedLength { get { return PayloadLength + RecordFormat.OverheadLength; } }
    }
}
