namespace LumbarBand.Core.Storage
{
    /// <summary>
    /// The bytes under a <see cref="RecordLog"/>: <see cref="SegmentCount"/> segments, each an append-only byte
    /// sequence of at most <see cref="SegmentCapacity"/> bytes. On the band each segment is one file on the littlefs
    /// partition (littlefs appends cheaply but rewrites a file from the first changed block to its end, so the log only
    /// appends, truncates and starts files over); on a PC, memory or files.
    /// </summary>
    /// <remarks>
    /// Durability contract (docs/storage.md, "Storage contract"): <see cref="Append"/> and <see cref="Truncate"/> become
    /// durable at the next <see cref="Commit"/>. After a power cut, a segment changed since the last commit holds either
    /// (a) its content at that commit followed by arbitrary bytes of any length (none, a prefix of what was appended,
    /// garbage), or (b) if it was truncated since, its content as last written cut to any length no shorter than the
    /// shortest truncation, again followed by arbitrary bytes. Segments unchanged since the last commit are intact.
    /// Reads see every write made so far, committed or not.
    /// </remarks>
    public interface IRecordStorage
    {
        /// <summary>Number of segments, at least <see cref="RecordLog.MinimumSegmentCount"/>; fixed for the storage's life.</summary>
        int SegmentCount { get; }

        /// <summary>Bytes one segment can hold; fixed for the storage's life.</summary>
        int SegmentCapacity { get; }

        /// <summary>Bytes currently in <paramref name="segment"/> (0 for a segment never written or truncated to 0).</summary>
        int GetLength(int segment);

        /// <summary>
        /// Copies up to <paramref name="count"/> bytes of <paramref name="segment"/> from <paramref name="offset"/> into
        /// <paramref name="buffer"/> at <paramref name="index"/>; returns how many were copied (fewer at the end).
        /// </summary>
        int Read(int segment, int offset, byte[] buffer, int index, int count);

        /// <summary>
        /// Adds <paramref name="count"/> bytes of <paramref name="buffer"/> from <paramref name="index"/> to the end of
        /// <paramref name="segment"/>. The log never appends beyond <see cref="SegmentCapacity"/>.
        /// </summary>
        void Append(int segment, byte[] buffer, int index, int count);

        /// <summary>Shortens <paramref name="segment"/> to <paramref name="length"/> bytes (0 empties it).</summary>
        void Truncate(int segment, int length);

        /// <summary>
        /// Makes every append and truncation so far durable (the band closes its file stream here: littlefs has no
        /// fsync, and only closing a stream commits its data).
        /// </summary>
        void Commit();
    }
}
