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

        /// <summary>Largest value of a 12-bit field (<see cref="WriteTwelveBitPair"/>).</summary>
        public const int MaxTwelveBit = 0xFFF;

        /// <summary>Bits in a twelve-bit field.</summary>
        private const int TwelveBits = 12;

        /// <summary>Sign bit of a twelve-bit two's complement field.</summary>
        private const int TwelveBitSign = 0x800;

        /// <summary>Writes the low 24 bits of <paramref name="value"/> at <paramref name="index"/>.</summary>
        public static void WriteUInt24(byte[] buffer, int index, int value)
        {
            buffer[index] = (byte)value;
            buffer[index + 1] = (byte)(value >> ByteBits);
            buffer[index + 2] = (byte)(value >> (2 * ByteBits));
        }

        /// <summary>Reads an unsigned 24-bit value at <paramref name="index"/>.</summary>
        public static int ReadUInt24(byte[] buffer, int index)
        {
            return buffer[index] | (buffer[index + 1] << ByteBits) | (buffer[index + 2] << (2 * ByteBits));
        }

        /// <summary>
        /// Packs two 12-bit fields into the 3 bytes at <paramref name="index"/>: <paramref name="first"/> in the low 12
        /// bits of the little-endian 24-bit value, <paramref name="second"/> in the high 12. Only the low 12 bits of
        /// each are kept (a signed field is stored in two's complement, read back with <see cref="ReadTwelveBitSigned"/>).
        /// </summary>
        public static void WriteTwelveBitPair(byte[] buffer, int index, int first, int second)
        {
            WriteUInt24(buffer, index, (first & MaxTwelveBit) | ((second & MaxTwelveBit) << TwelveBits));
        }

        /// <summary>The first (low) 12-bit field of the pair at <paramref name="index"/>, unsigned.</summary>
        public static int ReadTwelveBitFirst(byte[] buffer, int index)
        {
            return ReadUInt24(buffer, index) & MaxTwelveBit;
        }

        /// <summary>The second (high) 12-bit field of the pair at <paramref name="index"/>, unsigned.</summary>
        public static int ReadTwelveBitSecond(byte[] buffer, int index)
        {
            return ReadUInt24(buffer, index) >> TwelveBits;
        }

        /// <summary>A 12-bit two's complement field (as <see cref="ReadTwelveBitFirst"/> or <see cref="ReadTwelveBitSecond"/> gives it) as a signed value, −2048..2047.</summary>
        public static int ReadTwelveBitSigned(int field)
        {
            return (field & TwelveBitSign) != 0 ? field - (MaxTwelveBit + 1) : field;
        }
    }
}
