using LumbarBand.Core.Storage;

namespace LumbarBand.Core.Protocol
{
    /// <summary>
    /// New settings on their way in: <see cref="Opcode.WriteConfiguration"/> stages encoded bytes in order (a write
    /// at offset 0 starts over), <see cref="Opcode.CommitConfiguration"/> checks their length and CRC-32 and hands
    /// them to the band, which validates and applies them all or nothing. The buffer is allocated once.
    /// </summary>
    public sealed class ConfigurationUpload
    {
        private readonly byte[] _staged;

        /// <summary>Creates an upload that can stage <paramref name="capacity"/> bytes.</summary>
        public ConfigurationUpload(int capacity)
        {
            _staged = new byte[capacity];
        }

        /// <summary>Largest encoding that can be staged.</summary>
        public int Capacity { get { return _staged.Length; } }

        /// <summary>Bytes staged so far.</summary>
        public int StagedLength { get; private set; }

        /// <summary>The staging buffer, for the handler to pass to the band on commit.</summary>
        internal byte[] Buffer { get { return _staged; } }

        /// <summary>
        /// Stages <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="index"/> at
        /// <paramref name="offset"/>: 0 starts over, <see cref="StagedLength"/> appends. Returns
        /// <see cref="ErrorCode.OutOfSequence"/> for any other offset and <see cref="ErrorCode.OffsetOutOfRange"/>
        /// when the bytes would pass <see cref="Capacity"/>; then nothing changes.
        /// </summary>
        public ErrorCode Write(int offset, byte[] data, int index, int count)
        {
            if (offset != 0 && offset != StagedLength)
            {
                return ErrorCode.OutOfSequence;
            }

            if (count < 0 || offset + count > _staged.Length)
            {
                return ErrorCode.OffsetOutOfRange;
            }

            System.Array.Copy(data, index, _staged, offset, count);
            StagedLength = offset + count;
            return ErrorCode.None;
        }

        /// <summary>
        /// Whether the staged bytes are what the host meant to send: <see cref="ErrorCode.OutOfSequence"/> when
        /// <paramref name="length"/> is not <see cref="StagedLength"/> (or nothing is staged),
        /// <see cref="ErrorCode.CrcMismatch"/> when <paramref name="crc"/> is not their CRC-32.
        /// </summary>
        public ErrorCode CheckCommit(int length, uint crc)
        {
            if (length == 0 || length != StagedLength)
            {
                return ErrorCode.OutOfSequence;
            }

            return Crc32.Compute(_staged, 0, length) == crc ? ErrorCode.None : ErrorCode.CrcMismatch;
        }

        /// <summary>Forgets the staged bytes.</summary>
        public void Clear()
        {
            StagedLength = 0;
        }

        /// <summary>Copies the staged bytes to <paramref name="destination"/> (diagnostics and tests); returns how many.</summary>
        public int CopyStagedTo(byte[] destination)
        {
            System.Array.Copy(_staged, 0, destination, 0, StagedLength);
            return StagedLength;
        }
    }
}
