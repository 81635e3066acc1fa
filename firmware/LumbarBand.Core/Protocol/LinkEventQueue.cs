using System.Threading;

namespace LumbarBand.Core.Protocol
{
    /// <summary>
    /// The BLE stack's events on their way to the <see cref="LinkController"/>: the stack's thread posts them (it only
    /// copies a write's bytes and returns), the control thread, which owns the controller, the handler and the flash,
    /// delivers them in order (<see cref="Deliver"/>). A bounded single-producer single-consumer ring of fixed slots:
    /// neither side waits; a full queue refuses the post (the adapter then refuses the write at the ATT level).
    /// </summary>
    /// <remarks>
    /// Lock-free as <see cref="Runtime.SideEffectQueue"/>: the producer alone moves the tail, the consumer alone the
    /// head, the count that publishes a slot changes with <see cref="Interlocked"/> after the slot is written.
    /// Allocation-free after construction: <see cref="DefaultCapacity"/> slots of <see cref="ProtocolConstants.MaxPayloadBytes"/>
    /// bytes (about 2 KB).
    /// </remarks>
    public sealed class LinkEventQueue
    {
        /// <summary>
        /// Events between two control ticks (20 ms): a host sends one request at a time and waits for its response, so a
        /// write, a subscription or two and a connection change at most.
        /// </summary>
        public const int DefaultCapacity = 8;

        private readonly int[] _kinds;
        private readonly int[] _values;
        private readonly int[] _lengths;
        private readonly byte[][] _frames;
        private readonly byte[] _frame = new byte[ProtocolConstants.MaxPayloadBytes];
        private int _head;
        private int _tail;
        private int _count;

        /// <summary>A queue of <paramref name="capacity"/> events.</summary>
        public LinkEventQueue(int capacity)
        {
            if (capacity <= 0)
            {
                throw new System.ArgumentException("must be positive", nameof(capacity));
            }

            _kinds = new int[capacity];
            _values = new int[capacity];
            _lengths = new int[capacity];
            _frames = new byte[capacity][];
            for (int i = 0; i < capacity; i++)
            {
                _frames[i] = new byte[ProtocolConstants.MaxPayloadBytes];
            }
        }

        /// <summary>A queue of <see cref="DefaultCapacity"/> events.</summary>
        public LinkEventQueue()
            : this(DefaultCapacity)
        {
        }

        /// <summary>Events waiting (a snapshot).</summary>
        public int Count { get { return Interlocked.CompareExchange(ref _count, 0, 0); } }

        /// <summary>Stack's thread: posts an event without bytes; false when the queue is full.</summary>
        public bool Post(LinkEventKind kind, int value)
        {
            return Post(kind, value, null, 0);
        }

        /// <summary>
        /// Stack's thread: posts <paramref name="kind"/> with <paramref name="count"/> bytes of <paramref name="frame"/>
        /// (at most <see cref="ProtocolConstants.MaxPayloadBytes"/> are kept; the handler refuses a longer frame by its
        /// opcode's length); false when the queue is full.
        /// </summary>
        public bool Post(LinkEventKind kind, int value, byte[] frame, int count)
        {
            if (Interlocked.CompareExchange(ref _count, 0, 0) >= _kinds.Length)
            {
                return false;
            }

            int kept = frame == null || count < 0 ? 0 : (count > ProtocolConstants.MaxPayloadBytes ? ProtocolConstants.MaxPayloadBytes : count);
            if (kept > 0)
            {
                System.Array.Copy(frame, 0, _frames[_tail], 0, kept);
            }

            _kinds[_tail] = (int)kind;
            _values[_tail] = value;
            _lengths[_tail] = kept;
            _tail = _tail + 1 == _kinds.Length ? 0 : _tail + 1;
            Interlocked.Increment(ref _count);
            return true;
        }

        /// <summary>
        /// Control thread: hands the waiting events to <paramref name="link"/> in order, at <paramref name="nowMs"/>; stops
        /// at a write the controller is not ready for (its last response has not left, or the band's owner has not
        /// answered), which stays first in line. Returns the events delivered.
        /// </summary>
        public int Deliver(LinkController link, long nowMs)
        {
            int delivered = 0;
            while (Interlocked.CompareExchange(ref _count, 0, 0) > 0)
            {
                LinkEventKind kind = (LinkEventKind)_kinds[_head];
                if (kind == LinkEventKind.ControlWrite && !link.ReadyForWrite)
                {
                    break;
                }

                int value = _values[_head];
                int length = _lengths[_head];
                System.Array.Copy(_frames[_head], 0, _frame, 0, length);
                _head = _head + 1 == _kinds.Length ? 0 : _head + 1;
                Interlocked.Decrement(ref _count);
                Apply(link, kind, value, length, nowMs);
                delivered++;
            }

            return delivered;
        }

        private void Apply(LinkController link, LinkEventKind kind, int value, int length, long nowMs)
        {
            switch (kind)
            {
                case LinkEventKind.Connected:
                    link.OnConnected(nowMs);
                    break;
                case LinkEventKind.Disconnected:
                    link.OnDisconnected();
                    break;
                case LinkEventKind.MtuChanged:
                    link.OnMtuChanged(value);
                    break;
                case LinkEventKind.StatusSubscribed:
                    link.OnStatusSubscribed(value != 0);
                    break;
                case LinkEventKind.DataSubscribed:
                    link.OnDataSubscribed(value != 0);
                    break;
                case LinkEventKind.Encrypted:
                    link.OnEncrypted(nowMs);
                    break;
                case LinkEventKind.ControlWrite:
                    link.OnControlWrite(_frame, length);
                    break;
                default:
                    break;
            }
        }
    }
}
