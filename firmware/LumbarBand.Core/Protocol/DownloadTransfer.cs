using LumbarBand.Core.Storage;

namespace LumbarBand.Core.Protocol
{
    /// <summary>
    /// The band's side of one session download: which session, how long, the next byte to send and the next chunk's
    /// sequence number. <see cref="Opcode.ReadSession"/> starts it at any offset (a resume after a dropped link is a
    /// new start at the first byte the host lacks); the GATT adapter pumps chunks with <see cref="NextChunk"/>.
    /// </summary>
    /// <remarks>
    /// A chunk is <c>sequence:u16 | session bytes</c>. Sequence numbers count from 0 at each start and wrap after
    /// 65535, so the host spots a lost notification; the whole-session CRC-32 catches anything else. About 20 bytes
    /// of state; nothing is allocated.
    /// </remarks>
    public sealed class DownloadTransfer
    {
        /// <summary>Sequence numbers are 16 bits: the one after 65535 is 0.</summary>
        private const int SequenceMask = 0xFFFF;

        /// <summary>True while chunks remain to be sent.</summary>
        public bool Active { get; private set; }

        /// <summary>The session being sent (the last one, once finished or cancelled).</summary>
        public uint SessionId { get; private set; }

        /// <summary>Length of the session's serialized form.</summary>
        public int Length { get; private set; }

        /// <summary>Offset of the next byte to send.</summary>
        public int Offset { get; private set; }

        /// <summary>Sequence number of the next chunk.</summary>
        public int Sequence { get; private set; }

        /// <summary>True when the last transfer stopped because the band could no longer read the session.</summary>
        public bool Aborted { get; private set; }

        /// <summary>Changes at every start and cancel: a chunk made under another generation belongs to an old transfer.</summary>
        public int Generation { get; private set; }

        /// <summary>Starts sending <paramref name="length"/> bytes of session <paramref name="sessionId"/> from <paramref name="offset"/>.</summary>
        public void Start(uint sessionId, int length, int offset)
        {
            SessionId = sessionId;
            Length = length;
            Offset = offset;
            Sequence = 0;
            Aborted = false;
            Active = offset < length;
            Generation++;
        }

        /// <summary>Stops sending (a new read, an erase, a cancel, or a dropped link).</summary>
        public void Cancel()
        {
            Active = false;
            Generation++;
        }

        /// <summary>
        /// Writes the next chunk into <paramref name="chunk"/>, at most <paramref name="capacity"/> bytes (the link's
        /// payload), reading the session from <paramref name="band"/>; returns its length, or 0 when there is nothing
        /// to send. If the session has become unreadable the transfer ends (<see cref="Aborted"/>).
        /// </summary>
        public int NextChunk(IBandPort band, byte[] chunk, int capacity)
        {
            int room = capacity - ProtocolConstants.ChunkHeaderBytes;
            if (!Active || band == null || chunk == null || room <= 0 || capacity > chunk.Length)
            {
                return 0;
            }

            int wanted = Length - Offset;
            if (wanted > room)
            {
                wanted = room;
            }

            int read = band.ReadSession(SessionId, Offset, chunk, ProtocolConstants.ChunkHeaderBytes, wanted);
            if (read <= 0 || read > wanted)
            {
                Active = false;
                Aborted = true;
                return 0;
            }

            LittleEndian.WriteUInt16(chunk, ProtocolConstants.ChunkSequenceOffset, Sequence);
            Sequence = (Sequence + 1) & SequenceMask;
            Offset += read;
            if (Offset >= Length)
            {
                Active = false;
            }

            return read + ProtocolConstants.ChunkHeaderBytes;
        }
    }
}
