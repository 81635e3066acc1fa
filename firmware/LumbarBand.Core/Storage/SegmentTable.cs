namespace LumbarBand.Core.Storage
{
    /// <summary>
    /// What the log knows about each segment, in RAM: whether it holds a valid header, that header's fields, and its
    /// length. About 14 bytes a segment. Segments are ordered by <see cref="FirstSequence"/>, not by index.
    /// </summary>
    internal sealed class SegmentTable
    {
        /// <summary>Returned by the lookups when there is no such segment.</summary>
        public const int None = -1;

        private readonly bool[] _valid;
        private readonly uint[] _firstSequence;
        private readonly uint[] _lastSessionId;
        private readonly bool[] _sessionOpen;
        private readonly int[] _length;

        public SegmentTable(int segmentCount)
        {
            _valid = new bool[segmentCount];
            _firstSequence = new uint[segmentCount];
            _lastSessionId = new uint[segmentCount];
            _sessionOpen = new bool[segmentCount];
            _length = new int[segmentCount];
        }

        public int Count { get { return _valid.Length; } }

        /// <summary>True when the segment holds a valid header (and possibly records).</summary>
        public bool IsValid(int segment)
        {
            return _valid[segment];
        }

        public uint FirstSequence(int segment)
        {
            return _firstSequence[segment];
        }

        public uint LastSessionId(int segment)
        {
            return _lastSessionId[segment];
        }

        public bool SessionOpen(int segment)
        {
            return _sessionOpen[segment];
        }

        public int Length(int segment)
        {
            return _length[segment];
        }

        public void SetLength(int segment, int length)
        {
            _length[segment] = length;
        }

        /// <summary>Records a valid segment with <paramref name="header"/> and <paramref name="length"/> bytes.</summary>
        public void Set(int segment, SegmentHeader header, int length)
        {
            _valid[segment] = true;
            _firstSequence[segment] = header.FirstSequence;
            _lastSessionId[segment] = header.LastSessionId;
            _sessionOpen[segment] = header.SessionOpen;
            _length[segment] = length;
        }

        /// <summary>Records an empty (or unusable) segment.</summary>
        public void Clear(int segment)
        {
            _valid[segment] = false;
            _firstSequence[segment] = 0;
            _lastSessionId[segment] = 0;
            _sessionOpen[segment] = false;
            _length[segment] = 0;
        }

        /// <summary>The valid segment with the smallest first sequence, or <see cref="None"/>.</summary>
        public int Oldest()
        {
            int best = None;
            for (int s = 0; s < _valid.Length; s++)
            {
                if (_valid[s] && (best == None || _firstSequence[s] < _firstSequence[best]))
                {
                    best = s;
                }
            }

            return best;
        }

        /// <summary>The valid segment with the largest first sequence (the one being written), or <see cref="None"/>.</summary>
        public int Newest()
        {
            int best = None;
            for (int s = 0; s < _valid.Length; s++)
            {
                if (_valid[s] && (best == None || _firstSequence[s] > _firstSequence[best]))
                {
                    best = s;
                }
            }

            return best;
        }

        /// <summary>The valid segment that follows <paramref name="segment"/> in sequence order, or <see cref="None"/>.</summary>
        public int Successor(int segment)
        {
            uint after = _firstSequence[segment];
            int best = None;
            for (int s = 0; s < _valid.Length; s++)
            {
                if (_valid[s] && _firstSequence[s] > after && (best == None || _firstSequence[s] < _firstSequence[best]))
                {
                    best = s;
                }
            }

            return best;
        }

        /// <summary>The valid segment whose records would include <paramref name="sequence"/>: the last one starting at or before it.</summary>
        public int Containing(uint sequence)
        {
            int best = None;
            for (int s = 0; s < _valid.Length; s++)
            {
                if (_valid[s] && _firstSequence[s] <= sequence && (best == None || _firstSequence[s] > _firstSequence[best]))
                {
                    best = s;
                }
            }

            return best;
        }

        /// <summary>The first empty segment after <paramref name="segment"/> in index order, wrapping round, or <see cref="None"/>.</summary>
        public int EmptyAfter(int segment)
        {
            int count = _valid.Length;
            for (int step = 1; step <= count; step++)
            {
                int s = (segment + step) % count;
                if (!_valid[s])
                {
                    return s;
                }
            }

            return None;
        }

        /// <summary>Bytes held by all segments.</summary>
        public int TotalLength()
        {
            int total = 0;
            for (int s = 0; s < _length.Length; s++)
            {
                total += _length[s];
            }

            return total;
        }
    }
}
