namespace LumbarBand.Core.Session
{
    /// <summary>
    /// Little-endian reads and writes of the integer widths session payloads use. Callers check bounds; these only move
    /// bytes.
    /// </summary>
    public static class PayloadBytes
    {
        /// <summary>Bits in a byte, the shift between neighbouring bytes of a field.</summary>
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

        /// <summary>Writes <paramref name="value"/> as four bytes at <paramref name="index"/>.</summary>
        public static void WriteUInt32(byte[] buffer, int index, uint value)
        {
            buffer[index] = (byte)value;
            buffer[index + 1] = (byte)(value >> ByteBits);
            buffer[index + 2] = (byte)(value >> (2 * ByteBits));
            buffer[index + 3] = (byte)(value >> (3 * ByteBits));
        }

        /// <summary>Reads four bytes at <paramref name="index"/> as an unsigned value.</summary>
        public static uint ReadUInt32(byte[] buffer, int index)
        {
            return buffer[index]
                | ((uint)buffer[index + 1] << ByteBits)
                | ((uint)buffer[index + 2] << (2 * ByteBits))
                | ((uint)buffer[index + 3] << (3 * ByteBits));
        }

        /// <summary>Writes a saturating unsigned 8-bit count (negative as 0, above 255 as 255).</summary>
        public static byte SaturateByte(int value)
        {
            if (value < 0)
            {
                return 0;
            }

            return value > byte.MaxValue ? byte.MaxValue : (byte)value;
        }

        /// <summary>Clamps a count to 0..65535.</summary>
        public static int SaturateUInt16(int value)
        {
            if (value < 0)
            {
                return 0;
            }

            return value > ushort.MaxValue ? ushort.MaxValue : value;
        }

        /// <summary>Clamps a duration or count to 0..<see cref="uint.MaxValue"/> − 1 (the maximum means "none").</summary>
        public static uint SaturateUInt32(long value)
        {
            if (value < 0)
            {
                return 0;
            }

            return value >= uint.MaxValue ? uint.MaxValue - 1 : (uint)value;
        }
    }
}
