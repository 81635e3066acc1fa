using LumbarBand.Core.Storage;

namespace LumbarBand.Core.Protocol
{
    /// <summary>
    /// The host's side of a session download: puts each data notification's bytes in place, checks sequence numbers,
    /// and checks the whole session's CRC-32 at the end. Resumable: after a dropped link or a gap, the host sends
    /// <see cref="Opcode.ReadSession"/> from <see cref="Received"/> and calls <see cref="Begin"/> again with the same
    /// session buffer, which keeps every byte already received.
    /// </summary>
    /// <remarks>
    /// Between sending a <see cref="Opcode.ReadSession"/> and its response, the host ignores data notifications (stale
    /// chunks of an earlier transfer arrive before the response, since a link delivers notifications in order).
    /// </remarks>
    public sealed class DownloadReceiver
    {
        /// <summary>Sequence numbers are 16 bits: the one after 65535 is 0.</summary>
        private const int SequenceMask = 0xFFFF;

        /// <summary>The session being received.</summary>
        public uint SessionId { get; private set; }

        /// <summary>Its length, from the <see cref="Opcode.ReadSession"/> response.</summary>
        public int Length { get; private set; }

        /// <summary>Its CRC-32, from the <see cref="Opcode.ReadSession"/> response.</summary>
        public uint Crc { get; private set; }

        /// <summary>Bytes held, from offset 0: where a resumed download starts.</summary>
        public int Received { get; private set; }

        /// <summary>The sequence number the next chunk must carry.</summary>
        public int ExpectedSequence { get; private set; }

        /// <summary>True while chunks are expected.</summary>
        public bool Receiving { get; private set; }

        /// <summary>True once every byte arrived and the CRC-32 matched.</summary>
        public bool Complete { get; private set; }

        /// <summary>
        /// Starts (or resumes) receiving session <paramref name="sessionId"/> of <paramref name="length"/> bytes with
        /// CRC-32 <paramref name="crc"/>, the band sending from <paramref name="offset"/> (the bytes before it are
        /// already in the session buffer).
        /// </summary>
        public void Begin(uint sessionId, int length, uint crc, int offset)
        {
            if (length < 0 || offset < 0 || offset > length)
            {
                throw new System.ArgumentOutOfRangeException(nameof(offset));
            }

            SessionId = sessionId;
            Length = length;
            Crc = crc;
            Received = offset;
            ExpectedSequence = 0;
            Complete = false;
            Receiving = offset < length;
        }

        /// <summary>
        /// Checks the CRC-32 of a session whose bytes have all arrived (<see cref="Accept"/> does this by itself; call
        /// it when <see cref="Begin"/> was given offset = length, i.e. nothing was left to send).
        /// </summary>
        public ChunkResult Verify(byte[] session)
        {
            if (Received != Length || session == null || session.Length < Length)
            {
                return ChunkResult.Malformed;
            }

            Receiving = false;
            if (Crc32C.Compute(session, 0, Length) != Crc)
            {
                Received = 0;
                return ChunkResult.CrcMismatch;
            }

            Complete = true;
            return ChunkResult.Complete;
        }

        /// <summary>
        /// Takes one data notification of <paramref name="count"/> bytes of <paramref name="chunk"/>, copying its
        /// session bytes into <paramref name="session"/> (at least <see cref="Length"/> long) at their offset.
        /// </summary>
        public ChunkResult Accept(byte[] chunk, int count, byte[] session)
        {
            if (!Receiving)
            {
                return ChunkResult.NotReceiving;
            }

            int data = count - ProtocolConstants.ChunkHeaderBytes;
            if (chunk == null || session == null || count > chunk.Length || data <= 0 || Received + data > Length
                || session.Length < Length)
            {
                return ChunkResult.Malformed;
            }

            if (LittleEndian.ReadUInt16(chunk, ProtocolConstants.ChunkSequenceOffset) != ExpectedSequence)
            {
                Receiving = false;
                return ChunkResult.SequenceGap;
            }

            System.Array.Copy(chunk, ProtocolConstants.ChunkHeaderBytes, session, Received, data);
            Received += data;
            ExpectedSequence = (ExpectedSequence + 1) & SequenceMask;
            return Received == Length ? Verify(session) : ChunkResult.Accepted;
        }

        /// <summary>Stops receiving (a dropped link); <see cref="Received"/> stays, for the resume.</summary>
        public void Suspend()
        {
            Receiving = false;
        }
    }
}
