namespace LumbarBand.Core
{
    /// <summary>
    /// A fixed-size ring of <see cref="BandEvent"/>s between the per-sample pipeline and whoever drains it (the
    /// session recorder on the band, the analyzer on a PC). Sized once; when full, the oldest event is dropped and
    /// counted, so the per-sample path never allocates or blocks.
    /// </summary>
    public sealed class EventQueue
    {
        private readonly byte[] _kinds;
        private readonly long[] _timesUs;
        private readonly int[] _values;
        private int _head;

        /// <summary>
        /// Events waiting (<see cref="Count"/>). Internal field so Band's per-sample "anything to forward?" check
        /// reads it without a property call (every call is interpreted IL on the device).
        /// </summary>
        internal int Pending;

        /// <summary>Creates a queue holding up to <paramref name="capacity"/> events.</summary>
        public EventQueue(int capacity)
        {
            _kinds = new byte[capacity];
            _timesUs = new long[capacity];
            _values = new int[capacity];
        }

        /// <summary>Events waiting to be read.</summary>
        public int Count { get { return Pending; } }

        /// <summary>Events lost because the queue was full when they arrived.</summary>
        public int Dropped { get; private set; }

        /// <summary>Adds an event, dropping the oldest one if the queue is full.</summary>
        public void Add(BandEventKind kind, long timeUs, int value)
        {
            int capacity = _kinds.Length;
            if (Pending == capacity)
            {
                _head = (_head + 1) % capacity;
                Pending--;
                Dropped++;
            }

            int slot = (_head + Pending) % capacity;
            _kinds[slot] = (byte)kind;
            _timesUs[slot] = timeUs;
            _values[slot] = value;
            Pending++;
        }

        /// <summary>Removes the oldest event into <paramref name="evt"/>; false when the queue is empty.</summary>
        public bool TryTake(out BandEvent evt)
        {
            evt = new BandEvent();
            if (Pending == 0)
            {
                return false;
            }

            evt.Kind = (BandEventKind)_kinds[_head];
            evt.TimeUs = _timesUs[_head];
            evt.Value = _values[_head];
            _head = (_head + 1) % _kinds.Length;
            Pending--;
            return true;
        }
    }
}
