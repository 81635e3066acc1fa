using System.Threading;

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
    /// <para>One producer thread (the band's owner: <see cref="Put"/>) and one consumer thread (the writer's:
    /// <see cref="TryTake"/>, <see cref="Skip"/>), without a lock: the producer alone moves the tail, the consumer alone
    /// the head, and the byte and entry counts that publish a slot change with <see cref="System.Threading.Interlocked"/>
    /// after the slot is written (or read). <see cref="Produced"/> and <see cref="Consumed"/> number the entries, so
    /// the consumer can drop exactly those the producer had queued before a mark (the host's erase).</para>
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
        private int _tail;
        private int _used;
        private int _entries;
        private int _produced;
        private int _consumed;

        /// <summary>Entries waiting (a snapshot).</summary>
        public int Count { get { return Interlocked.CompareExchange(ref _entries, 0, 0); } }

        /// <summary>Entries queued since construction (the producer's count; it wraps after 2^31, decades of epochs).</summary>
        public int Produced { get { return Interlocked.CompareExchange(ref _produced, 0, 0); } }

        /// <summary>Entries taken or skipped since construction (the consumer's count).</summary>
        public int Consumed { get { return _consumed; } }

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
            int free = Capacity - Interlocked.CompareExchange(ref _used, 0, 0) - (control ? 0 : ControlReserve);
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

            // Publish: the bytes first, then the entry (the consumer reads the entry count before the bytes).
            Add(ref _used, needed);
            Interlocked.Increment(ref _produced);
            Interlocked.Increment(ref _entries);
            return true;
        }

        /// <summary>Takes the oldest entry into <paramref name="entry"/>; false when the queue is empty.</summary>
        public bool TryTake(SessionOutboxEntry entry)
        {
            if (entry == null || Interlocked.CompareExchange(ref _entries, 0, 0) == 0)
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

            Release(EntryOverhead + length);
            return true;
        }

        /// <summary>Consumer: drops the oldest entry unread; false when the queue is empty.</summary>
        public bool Skip()
        {
            if (Interlocked.CompareExchange(ref _entries, 0, 0) == 0)
            {
                return false;
            }

            Pop();
            Pop();
            int length = Pop();
            for (int i = 0; i < length; i++)
            {
                Pop();
            }

            Release(EntryOverhead + length);
            return true;
        }

        /// <summary>Adds <paramref name="amount"/> to <paramref name="location"/> atomically (nanoFramework's Interlocked has no Add).</summary>
        private static void Add(ref int location, int amount)
        {
            int seen;
            do
            {
                seen = location;
            }
            while (Interlocked.CompareExchange(ref location, seen + amount, seen) != seen);
        }

        private void Release(int bytes)
        {
            _consumed++;
            Interlocked.Decrement(ref _entries);
            Add(ref _used, -bytes);
        }

        private void Push(byte value)
        {
            _ring[_tail] = value;
            _tail = _tail + 1 == Capacity ? 0 : _tail + 1;
        }

        private byte Pop()
        {
            byte value = _ring[_head];
            _head = _head + 1 == Capacity ? 0 : _head + 1;
            return value;
        }
    }
}
