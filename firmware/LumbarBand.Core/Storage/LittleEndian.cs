namespace LumbarBand.Core.Storage
{
    /// <summary>
    /// Little-endian integers in byte arrays: the one byte order of everything the band stores (docs/storage.md,
    /// docs/sessions.md) and sends (docs/protocol.md), and the one place that writes it.
    /// </summary>
    public static class LittleEndian
    {
        /// <summary>Bits in a byte.</summary>
        private const int ByteBits = 8;

        /// <summary>Writes the low 16 bits of <paramref name="value"/> at <paramref name="index"/>.</summary>
        public static void WriteUInt16(byte[] buffer, int index, int value)
        {
            buffer[index] = (byte)value;
            buffer[index + 1] = (byte)(value >> ByteBits);
        }

        /// <summary>Reads an unsigned 16-bit value at <paramref name="index"/>.</summary>
        public static int ReadUInt16(byte[] buffer, int index)
        {
            return buffer[index] | (buffer[index + 1] << ByteBits);
        }

        /// <summary>Reads a signed 16-bit value at <paramref name="index"/>.</summary>
        public static int ReadInt16(byte[] buffer, int index)
        {
            return (short)ReadUInt16(buffer, index);
        }

        /// <summary>Writes a 32-bit value at <paramref name="index"/>.</summary>
        public static void WriteUInt32(byte[] buffer, int index, uint value)
        {
            buffer[index] = (byte)value;
            buffer[index + 1] = (byte)(value >> ByteBits);
            buffer[index + 2] = (byte)(value >> (2 * ByteBits));
            buffer[index + 3] = (byte)(value >> (3 * ByteBits));
        }

        /// <summary>Reads an unsigned 32-bit value at <paramref name="index"/>.</summary>
        public static uint ReadUInt32(byte[] buffer, int index)
        {
            return buffer[index]
                | ((uint)buffer[index + 1] << ByteBits)
                | ((uint)buffer[index + 2] << (2 * ByteBits))
                | ((uint)buffer[index + 3] << (3 * ByteBits));
        }

        /// <summary>Writes a signed 32-bit value at <paramref name="index"/>.</summary>
        public static void WriteInt32(byte[] buffer, int index, int value)
        {
            WriteUInt32(buffer, index, (uint)value);
        }

        /// <summary>Reads a signed 32-bit value at <paramref name="index"/>.</summary>
        public static int ReadInt32(byte[] buffer, int index)
        {
            return (int)ReadUInt32(buffer, index);
        }
    }
}
