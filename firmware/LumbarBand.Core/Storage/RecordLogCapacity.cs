namespace LumbarBand.Core.Storage
{
    /// <summary>
    /// Capacity figures of the record log, for the bench (<c>storage_bytes_per_walking_hour</c>,
    /// <c>storage_hours_in_256k</c>) and for choosing the layout. All byte counts are exact for the format.
    /// </summary>
    public static class RecordLogCapacity
    {
        /// <summary>
        /// Segments of the band's log: 24 files of <see cref="DefaultSegmentCapacity"/>, 192 KB of the 256 KB littlefs
        /// partition, leaving the rest for settings, certificates and littlefs's own metadata and copy-on-write blocks.
        /// </summary>
        public const int DefaultSegmentCount = 24;

        /// <summary>
        /// Bytes per segment: two 4 KB littlefs blocks. Smaller segments free acknowledged data sooner (the log reclaims
        /// whole segments) but cost a file, a header and a control reserve each.
        /// </summary>
        public const int DefaultSegmentCapacity = 8192;

        /// <summary>Bytes each record adds to its payload (type, length, sequence number, CRC).</summary>
        public const int BytesPerRecordOverhead = RecordFormat.OverheadLength;

        /// <summary>Bytes each session adds besides its records: its start and end control records.</summary>
        public const int BytesPerSessionOverhead = 2 * RecordFormat.ControlRecordLength;

        /// <summary>Bytes each host acknowledgement writes.</summary>
        public const int BytesPerAcknowledgement = RecordFormat.ControlRecordLength;

        /// <summary>Bytes of each segment that application records cannot use: its header and the control reserve.</summary>
        public const int BytesPerSegmentOverhead = SegmentHeader.EncodedLength + RecordLog.ControlReserve;

        /// <summary>Bytes a record with <paramref name="payloadLength"/> bytes of payload occupies.</summary>
        public static int RecordBytes(int payloadLength)
        {
            return RecordFormat.EncodedLength(payloadLength);
        }

        /// <summary>Bytes of a segment of <paramref name="segmentCapacity"/> bytes that application records can fill.</summary>
        public static int UsableBytesPerSegment(int segmentCapacity)
        {
            return segmentCapacity - BytesPerSegmentOverhead;
        }

        /// <summary>
        /// Records with <paramref name="payloadLength"/> bytes of payload that fit in an empty log of
        /// <paramref name="segmentCount"/> segments of <paramref name="segmentCapacity"/> bytes (no session records).
        /// </summary>
        public static int RecordsThatFit(int segmentCount, int segmentCapacity, int payloadLength)
        {
            return segmentCount * (UsableBytesPerSegment(segmentCapacity) / RecordBytes(payloadLength));
        }

        /// <summary>
        /// Bytes of application data (records as stored) an empty log of <paramref name="segmentCount"/> segments of
        /// <paramref name="segmentCapacity"/> bytes holds before it is full, ignoring the tail of each segment too short
        /// for the next record (on average half a record per segment).
        /// </summary>
        public static int UsableBytes(int segmentCount, int segmentCapacity)
        {
            return segmentCount * UsableBytesPerSegment(segmentCapacity);
        }
    }
}
