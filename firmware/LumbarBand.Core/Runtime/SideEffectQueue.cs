using System.Threading;

namespace LumbarBand.Core.Runtime
{
    /// <summary>
    /// A bounded single-producer, single-consumer queue of small commands (a kind and an integer value) between two of
    /// the band's threads: the sampling thread posts what must not run on it (the motor's I2C write, acknowledgement
    /// requests, a fault to record) and the control thread drains it; the other way, the control thread posts button
    /// gestures for the sampling thread, which owns <see cref="Band"/>. Neither side ever waits: a full queue refuses
    /// the post and counts it (<see cref="Dropped"/>).
    /// </summary>
    /// <remarks>
    /// Lock-free: the producer alone moves the tail, the consumer alone the head, and the count that publishes a slot
    /// is changed with <see cref="Interlocked"/> (in nanoFramework's mscorlib), after the slot is written. Allocation-
    /// free after construction. One producer thread and one consumer thread only.
    /// </remarks>
    public sealed class SideEffectQueue
    {
        private readonly int[] _kinds;
        private readonly int[] _values;
        private int _head;
        private int _tail;
        private int _count;
        private int _dropped;

        /// <summary>A queue of <paramref name="capacity"/> commands.</summary>
        public SideEffectQueue(int capacity)
        {
            if (capacity <= 0)
            {
                throw new System.ArgumentException("must be positive", nameof(capacity));
            }

            _kinds = new int[capacity];
            _values = new int[capacity];
        }

        /// <summary>Commands the queue holds at most.</summary>
        public int Capacity { get { return _kinds.Length; } }

        /// <summary>Commands waiting (a snapshot).</summary>
        public int Count { get { return Interlocked.CompareExchange(ref _count, 0, 0); } }

        /// <summary>Posts refused because the queue was full.</summary>
        public int Dropped { get { return Interlocked.CompareExchange(ref _dropped, 0, 0); } }

        /// <summary>Producer: posts (<paramref name="kind"/>, <paramref name="value"/>); false (counted) when full.</summary>
        public bool TryPost(int kind, int value)
        {
            if (Interlocked.CompareExchange(ref _count, 0, 0) >= _kinds.Length)
            {
                Interlocked.Increment(ref _dropped);
                return false;
            }

            _kinds[_tail] = kind;
            _values[_tail] = value;
            _tail = _tail + 1 == _kinds.Length ? 0 : _tail + 1;
            Interlocked.Increment(ref _count);
            return true;
        }

        /// <summary>Consumer: takes the oldest command; false when none waits.</summary>
        public bool TryTake(out int kind, out int value)
        {
            if (Interlocked.CompareExchange(ref _count, 0, 0) == 0)
            {
                kind = 0;
                value = 0;
                return false;
            }

            kind = _kinds[_head];
            value = _values[_head];
            _head = _head + 1 == _kinds.Length ? 0 : _head + 1;
            Interlocked.Decrement(ref _count);
            return true;
        }
    }
}
