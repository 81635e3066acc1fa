namespace LumbarBand.Core.Storage
{
    /// <summary>Reads and writes unsigned integers in little-endian byte order, the order of every field in the log.</summary>
    public static class LittleEndian
    {
        /// <summary>Bits in a byte, the shift between neighbouring bytes of a field.</summary>
        private const int ByteBits = 8;

        /// <summary>Writes <paramref name="value"/> as four bytes at <paramref name="index"/>, least significant first.</summary>
        public static void WriteUInt32(byte[] buffer, int index, uint value)
        {
            buffer[index] = (byte)value;
            buffer[index + 1] = (byte)(value >> ByteBits);
            buffer[index + 2] = (byte)(value >> (2 * ByteBits));
            buffer[index + 3] = (byte)(value >> (3 * ByteBits));
        }

        /// <summary>Reads four bytes at <paramref name="index"/>, least significant first.</summary>
        public static uint ReadUInt32(byte[] buffer, int index)
        {
            return buffer[index]
                | ((uint)buffer[index + 1] << ByteBits)
                | ((uint)buffer[index + 2] << (2 * ByteBits))
                | ((uint)buffer[index + 3] << (3 * ByteBits));
        }
    }
}
