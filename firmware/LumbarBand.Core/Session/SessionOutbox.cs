namespace LumbarBand.Core.Session
{
    /// <summary>
    /// The records the <see cref="SessionRecorder"/> has finished, waiting for the <see cref="SessionWriter"/> to put
    /// them in flash: a byte ring of entries <c>operation:u8 | type:u8 | length:u8 | payload</c>, sized once.
    /// </summary>
    /// <remarks>
    /// Why a queue between them: the recorder runs in the band's per-sample path (on the device, the sampling thread),
    /// where a flash write or a littlefs commit (tens of milliseconds) would stall sampling; the writer runs where flash
    /// work belongs (the firmware's control loop, or right after each sample on a PC). The content and order of what
    /// is written depend only on the samples, not on when the writer runs. A session's start, header and end always
    /// find room (<see cref="ControlReserve"/>); epochs and events that do not fit are dropped and counted, which
    /// only happens if nobody drains the queue.
    /// </remarks>
    public sealed class SessionOutbox
    {
        /// <summary>
        /// Bytes of the ring: a session's end and the next one's start (<see cref="ControlReserve"/>) plus three epochs or
        /// events. The writer drains it every second or so, and epochs come once a minute.
        /// </summary>
        public const int Capacity = 192;

        /// <summary>Largest payload of an entry (the footer, 53 bytes, is the largest the recorder queues).</summary>
        public const int MaxPayloadLength = 64;

        /// <summary>Bytes before each payload: operation, type, length.</summary>
        public const int EntryOverhead = 3;

        /// <summary>
        /// Room that epochs and events leave free, so that a session can always end (footer and end) and the next
        /// one start (start and header) even when the queue is backed up.
        /// </summary>
        public const int ControlReserve = (4 * EntryOverhead) + SessionFooter.EncodedLength + SessionHeader.EncodedLength;

        private readonly byte[] _ring = new byte[Capacity];
        private int _head;
        private int _used;
        private int _entries;

        /// <summary>Entries waiting.</summary>
        public int Count { get { return _entries; } }

        /// <summary>Entries dropped because the queue was full (since construction).</summary>
        public int Dropped { get; private set; }

        /// <summary>
        /// Queues an entry with <paramref name="length"/> bytes of <paramref name="payload"/>. Control entries
        /// (<paramref name="control"/>: a session's start, header, footer, end) may use <see cref="ControlReserve"/>.
        /// Returns false, queueing nothing, when there is no room (counted in <see cref="Dropped"/>).
        /// </summary>
        public bool Put(SessionOperation operation, byte type, byte[] payload, int length, bool control)
        {
            int needed = EntryOverhead + length;
            int free = Capacity - _used - (control ? 0 : ControlReserve);
            if (length < 0 || length > MaxPayloadLength || needed > free)
            {
                Dropped++;
                return false;
            }

            Push((byte)operation);
            Push(type);
            Push((byte)length);
            for (int i = 0; i < length; i++)
            {
                Push(payload[i]);
            }

            _entries++;
            return true;
        }

        /// <summary>Takes the oldest entry into <paramref name="entry"/>; false when the queue is empty.</summary>
        public bool TryTake(SessionOutboxEntry entry)
        {
            if (_entries == 0 || entry == null)
            {
                return false;
            }

            entry.Operation = (SessionOperation)Pop();
            entry.Type = Pop();
            int length = Pop();
            entry.Length = length;
            byte[] payload = entry.Payload;
            for (int i = 0; i < length; i++)
            {
                payload[i] = Pop();
            }

            _entries--;
            return true;
        }

        /// <summary>Drops every entry (a factory reset).</summary>
        public void Clear()
        {
            _head = 0;
            _used = 0;
            _entries = 0;
        }

        private void Push(byte value)
        {
            int at = _head + _used;
            if (at >= Capacity)
            {
                at -= Capacity;
            }

            _ring[at] = value;
            _used++;
        }

        private byte Pop()
        {
            byte value = _ring[_head];
            _head = _head + 1 == Capacity ? 0 : _head + 1;
            _used--;
            return value;
        }
    }
}
