namespace LumbarBand.Core.Session
{
    /// <summary>One entry taken from a <see cref="SessionOutbox"/>: an operation and, for appends, a record's type and payload.</summary>
    public sealed class SessionOutboxEntry
    {
        private readonly byte[] _payload = new byte[SessionOutbox.MaxPayloadLength];

        /// <summary>What to do.</summary>
        public SessionOperation Operation;

        /// <summary>Record type (<see cref="SessionRecordTypes"/>) of an append; 0 otherwise.</summary>
        public byte Type;

        /// <summary>Bytes of payload.</summary>
        public int Length;

        /// <summary>The payload (<see cref="Length"/> bytes from 0); the buffer is the entry's own, reused.</summary>
        public byte[] Payload { get { return _payload; } }
    }
}
