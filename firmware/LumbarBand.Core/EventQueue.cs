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

        /// <summary>
        /// The newest events not yet handed on by <see cref="TryTakeNew"/> (at most <see cref="Pending"/>): the band
        /// forwards each new event to its session recorder in place, while it stays queued for whoever drains the
        /// queue, so one queue serves both (no second queue to copy through: 336 B of state).
        /// </summary>
        internal int Fresh;

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
                if (Fresh > Pending)
                {
                    // The dropped event had not been handed on: it is lost to TryTakeNew too.
                    Fresh = Pending;
                }
            }

            int slot = (_head + Pending) % capacity;
            _kinds[slot] = (byte)kind;
            _timesUs[slot] = timeUs;
            _values[slot] = value;
            Pending++;
            Fresh++;
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
            if (Fresh > Pending)
            {
                Fresh = Pending;
            }

            return true;
        }

        /// <summary>
        /// Reads the oldest event not yet handed on into <paramref name="evt"/>, leaving it queued for
        /// <see cref="TryTake"/>; false when every queued event has been handed on. Events come out in the order they
        /// were added, including those added while the caller handles earlier ones.
        /// </summary>
        internal bool TryTakeNew(out BandEvent evt)
        {
            evt = new BandEvent();
            int fresh = Fresh;
            if (fresh == 0)
            {
                return false;
            }

            int slot = (_head + Pending - fresh) % _kinds.Length;
            evt.Kind = (BandEventKind)_kinds[slot];
            evt.TimeUs = _timesUs[slot];
            evt.Value = _values[slot];
            Fresh = fresh - 1;
            return true;
        }
    }
}
