using System;

namespace LumbarBand.Core.Storage
{
    /// <summary>
    /// An <see cref="IRecordStorage"/> in RAM, for the PC (tests, the virtual band). Allocates every segment at
    /// construction, so it is for hosts, not the band's heap. Everything written is kept: power cuts are simulated by
    /// test storages, not here.
    /// </summary>
    public sealed class MemoryRecordStorage : IRecordStorage
    {
        private readonly byte[][] _segments;
        private readonly int[] _lengths;

        /// <summary>Creates <paramref name="segmentCount"/> empty segments of <paramref name="segmentCapacity"/> bytes.</summary>
        public MemoryRecordStorage(int segmentCount, int segmentCapacity)
        {
            if (segmentCount < 1 || segmentCapacity < 1)
            {
                throw new ArgumentException("needs at least one segment of at least one byte", nameof(segmentCount));
            }

            _segments = new byte[segmentCount][];
            for (int i = 0; i < segmentCount; i++)
            {
                _segments[i] = new byte[segmentCapacity];
            }

            _lengths = new int[segmentCount];
            SegmentCapacity = segmentCapacity;
        }

        /// <inheritdoc/>
        public int SegmentCount { get { return _segments.Length; } }

        /// <inheritdoc/>
        public int SegmentCapacity { get; private set; }

        /// <summary>How many times <see cref="Commit"/> was called.</summary>
        public int CommitCount { get; private set; }

        /// <inheritdoc/>
        public int GetLength(int segment)
        {
            return _lengths[segment];
        }

        /// <inheritdoc/>
        public int Read(int segment, int offset, byte[] buffer, int index, int count)
        {
            int available = _lengths[segment] - offset;
            int copied = count < available ? count : available;
            if (copied <= 0)
            {
                return 0;
            }

            Array.Copy(_segments[segment], offset, buffer, index, copied);
            return copied;
        }

        /// <inheritdoc/>
        public void Append(int segment, byte[] buffer, int index, int count)
        {
            int length = _lengths[segment];
            if (count < 0 || count > SegmentCapacity - length)
            {
                throw new ArgumentOutOfRangeException(nameof(count));
            }

            Array.Copy(buffer, index, _segments[segment], length, count);
            _lengths[segment] = length + count;
        }

        /// <inheritdoc/>
        public void Truncate(int segment, int length)
        {
            if (length < 0 || length > _lengths[segment])
            {
                throw new ArgumentOutOfRangeException(nameof(length));
            }

            _lengths[segment] = length;
        }

        /// <inheritdoc/>
        public void Commit()
        {
            CommitCount++;
        }
    }
}
