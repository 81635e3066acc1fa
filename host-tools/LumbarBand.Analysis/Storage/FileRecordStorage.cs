using System.Globalization;
using LumbarBand.Core.Storage;

namespace LumbarBand.Analysis.Storage;

/// <summary>
/// An <see cref="IRecordStorage"/> over one file per segment in a directory (<c>segment-00.lbl</c>, ...), the way the
/// band keeps its log on the littlefs partition: at most one file open for writing at a time, appends only, and
/// <see cref="Commit"/> closes the open file (on the band that is the only durability point). Used by host tests and
/// the virtual band; it also shows the firmware's adapter what to do.
/// </summary>
public sealed class FileRecordStorage : IRecordStorage, IDisposable
{
    private readonly string _directory;
    private FileStream? _writer;
    private int _writerSegment = -1;

    /// <summary>
    /// Opens (creating if needed) <paramref name="directory"/> as a storage of <paramref name="segmentCount"/> segment
    /// files of at most <paramref name="segmentCapacity"/> bytes. Existing files are kept: that is the point.
    /// </summary>
    public FileRecordStorage(string directory, int segmentCount, int segmentCapacity)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentCapacity, 1);
        _directory = directory;
        SegmentCount = segmentCount;
        SegmentCapacity = segmentCapacity;
        Directory.CreateDirectory(directory);
    }

    /// <inheritdoc/>
    public int SegmentCount { get; }

    /// <inheritdoc/>
    public int SegmentCapacity { get; }

    /// <summary>The file that holds <paramref name="segment"/>.</summary>
    public string SegmentPath(int segment) =>
        Path.Combine(_directory, "segment-" + segment.ToString("D2", CultureInfo.InvariantCulture) + ".lbl");

    /// <inheritdoc/>
    public int GetLength(int segment)
    {
        if (_writer is not null && _writerSegment == segment)
        {
            return (int)_writer.Length;
        }

        var file = new FileInfo(SegmentPath(segment));
        return file.Exists ? (int)file.Length : 0;
    }

    /// <inheritdoc/>
    public int Read(int segment, int offset, byte[] buffer, int index, int count)
    {
        if (_writerSegment == segment)
        {
            _writer?.Flush();
        }

        string path = SegmentPath(segment);
        if (!File.Exists(path))
        {
            return 0;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (offset >= stream.Length)
        {
            return 0;
        }

        stream.Position = offset;
        int total = 0;
        while (total < count)
        {
            int read = stream.Read(buffer, index + total, count - total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    /// <inheritdoc/>
    public void Append(int segment, byte[] buffer, int index, int count)
    {
        if (_writerSegment != segment)
        {
            // One open file at a time, as on the band; closing the other one commits it, which the contract allows.
            Commit();
            _writer = new FileStream(SegmentPath(segment), FileMode.Append, FileAccess.Write, FileShare.Read);
            _writerSegment = segment;
        }

        if (_writer!.Length + count > SegmentCapacity)
        {
            throw new InvalidOperationException($"segment {segment} would exceed {SegmentCapacity} bytes");
        }

        _writer.Write(buffer, index, count);
    }

    /// <inheritdoc/>
    public void Truncate(int segment, int length)
    {
        if (_writerSegment == segment)
        {
            Commit();
        }

        string path = SegmentPath(segment);
        if (length == 0)
        {
            File.Delete(path);
            return;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read);
        stream.SetLength(length);
    }

    /// <inheritdoc/>
    public void Commit()
    {
        if (_writer is null)
        {
            return;
        }

        _writer.Flush(flushToDisk: true);
        _writer.Dispose();
        _writer = null;
        _writerSegment = -1;
    }

    /// <summary>Commits and closes the open file.</summary>
    public void Dispose() => Commit();
}
