using System;
using System.IO;
using LumbarBand.Core.Storage;

namespace LumbarBand.Firmware.Storage
{
    /// <summary>
    /// Core's <see cref="IRecordStorage"/> on the ESP32's internal flash drive I:\ (littlefs on the "config" partition):
    /// one file a segment, I:\lbseg00.bin .. I:\lbsegNN.bin. Appends go through one open <see cref="FileStream"/> for
    /// the segment being written; <see cref="Commit"/> closes it, because on littlefs only closing a file makes its data
    /// durable (nanoFramework's littlefs driver has no fsync: Write is fwrite+fflush). Segment lengths are kept in RAM,
    /// read once at start-up.
    /// </summary>
    /// <remarks>
    /// <para>Truncation (rare: recovery of a torn tail, or reuse of the oldest segment) does not rely on
    /// FileStream.SetLength, which nanoFramework's System.IO.FileSystem does not implement: to zero length the file is
    /// deleted; to a shorter length its prefix is copied to I:\lbsegNN.tmp in small chunks, the original deleted and
    /// the copy renamed. A power cut between the delete and the rename leaves only the .tmp file, which start-up
    /// renames back; a cut before the delete leaves the original (a longer segment than asked for, which the storage
    /// contract allows: the log rescans it). Both are exactly the states the contract permits.</para>
    /// <para>Allocations: opening a stream allocates (path strings are built once, here); nanoFramework's FileStream
    /// copies each Write into a fresh array. None of this runs per sample: the session layer batches records.</para>
    /// </remarks>
    internal sealed class FlashRecordStorage : IRecordStorage
    {
        /// <summary>The internal flash drive of nanoFramework's ESP32 targets.</summary>
        public const string Drive = "I:\\";

        private const int CopyChunk = 256;

        private readonly string[] _paths;
        private readonly string[] _tempPaths;
        private readonly int[] _lengths;
        private readonly int _capacity;
        private readonly byte[] _copyBuffer = new byte[CopyChunk];

        private FileStream _writer;
        private int _writerSegment = -1;

        // The log's recovery scan and a download read one segment record by record: keep its stream open between reads.
        private FileStream _reader;
        private int _readerSegment = -1;

        /// <summary>Opens (or creates, on first use) <paramref name="segmentCount"/> segments of <paramref name="segmentCapacity"/> bytes.</summary>
        public FlashRecordStorage(int segmentCount, int segmentCapacity)
        {
            _capacity = segmentCapacity;
            _paths = new string[segmentCount];
            _tempPaths = new string[segmentCount];
            _lengths = new int[segmentCount];
            for (int s = 0; s < segmentCount; s++)
            {
                string name = "lbseg" + (s < 10 ? "0" : string.Empty) + s;
                _paths[s] = Drive + name + ".bin";
                _tempPaths[s] = Drive + name + ".tmp";
                _lengths[s] = RecoverAndMeasure(s);
            }
        }

        /// <inheritdoc/>
        public int SegmentCount { get { return _paths.Length; } }

        /// <inheritdoc/>
        public int SegmentCapacity { get { return _capacity; } }

        /// <inheritdoc/>
        public int GetLength(int segment)
        {
            return _lengths[segment];
        }

        /// <inheritdoc/>
        public int Read(int segment, int offset, byte[] buffer, int index, int count)
        {
            int available = _lengths[segment] - offset;
            int wanted = count < available ? count : available;
            if (wanted <= 0)
            {
                return 0;
            }

            if (segment == _writerSegment)
            {
                // A second handle sees only what the first has committed: close the writer first.
                CloseWriter();
            }

            FileStream reader = OpenReader(segment);
            reader.Seek(offset, SeekOrigin.Begin);
            int total = 0;
            while (total < wanted)
            {
                int n = reader.Read(buffer, index + total, wanted - total);
                if (n <= 0)
                {
                    break;
                }

                total += n;
            }

            return total;
        }

        /// <inheritdoc/>
        public void Append(int segment, byte[] buffer, int index, int count)
        {
            if (count <= 0)
            {
                return;
            }

            if (count > _capacity - _lengths[segment])
            {
                throw new ArgumentOutOfRangeException("count");
            }

            if (segment != _writerSegment)
            {
                CloseWriter();
                if (segment == _readerSegment)
                {
                    CloseReader();
                }

                _writer = new FileStream(_paths[segment], FileMode.Append, FileAccess.Write);
                _writerSegment = segment;
            }

            _writer.Write(buffer, index, count);
            _lengths[segment] += count;
        }

        /// <inheritdoc/>
        public void Truncate(int segment, int length)
        {
            if (length < 0 || length > _lengths[segment])
            {
                throw new ArgumentOutOfRangeException("length");
            }

            if (length == _lengths[segment])
            {
                return;
            }

            if (segment == _writerSegment)
            {
                CloseWriter();
            }

            if (segment == _readerSegment)
            {
                CloseReader();
            }

            string path = _paths[segment];
            if (length == 0)
            {
                File.Delete(path);
                _lengths[segment] = 0;
                return;
            }

            string temp = _tempPaths[segment];
            File.Delete(temp);
            FileStream source = new FileStream(path, FileMode.Open, FileAccess.Read);
            FileStream copy = new FileStream(temp, FileMode.Create, FileAccess.Write);
            try
            {
                int copied = 0;
                while (copied < length)
                {
                    int chunk = length - copied < CopyChunk ? length - copied : CopyChunk;
                    int n = source.Read(_copyBuffer, 0, chunk);
                    if (n <= 0)
                    {
                        throw new IOException("segment shorter than its recorded length");
                    }

                    copy.Write(_copyBuffer, 0, n);
                    copied += n;
                }
            }
            finally
            {
                copy.Dispose();
                source.Dispose();
            }

            File.Delete(path);
            File.Move(temp, path);
            _lengths[segment] = length;
        }

        /// <inheritdoc/>
        public void Commit()
        {
            CloseWriter();
            CloseReader();
        }

        private void CloseWriter()
        {
            if (_writer != null)
            {
                _writer.Dispose();
                _writer = null;
                _writerSegment = -1;
            }
        }

        private FileStream OpenReader(int segment)
        {
            if (segment != _readerSegment)
            {
                CloseReader();
                _reader = new FileStream(_paths[segment], FileMode.Open, FileAccess.Read);
                _readerSegment = segment;
            }

            return _reader;
        }

        private void CloseReader()
        {
            if (_reader != null)
            {
                _reader.Dispose();
                _reader = null;
                _readerSegment = -1;
            }
        }

        /// <summary>Finishes an interrupted truncation of <paramref name="segment"/> and returns its length.</summary>
        private int RecoverAndMeasure(int segment)
        {
            string path = _paths[segment];
            string temp = _tempPaths[segment];
            if (File.Exists(temp))
            {
                if (File.Exists(path))
                {
                    // The copy never replaced the original: the original is the truth.
                    File.Delete(temp);
                }
                else
                {
                    File.Move(temp, path);
                }
            }

            if (!File.Exists(path))
            {
                return 0;
            }

            FileStream stream = new FileStream(path, FileMode.Open, FileAccess.Read);
            try
            {
                long length = stream.Length;
                return length > _capacity ? _capacity : (int)length;
            }
            finally
            {
                stream.Dispose();
            }
        }
    }
}
