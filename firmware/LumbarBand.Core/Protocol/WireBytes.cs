using LumbarBand.Core.Storage;

namespace LumbarBand.Core.Protocol
{
    /// <summary>Little-endian fields of protocol messages (32-bit ones through Storage's <see cref="LittleEndian"/>).</summary>
    public static class WireBytes
    {
        /// <summary>Bits in a byte, the shift between neighbouring bytes of a field.</summary>
        private const int ByteBits = 8;

        /// <summary>Writes the low 16 bits of <paramref name="value"/> at <paramref name="index"/>, least significant first.</summary>
        public static void WriteUInt16(byte[] buffer, int index, int value)
        {
            buffer[index] = (byte)value;
            buffer[index + 1] = (byte)(value >> ByteBits);
        }

        /// <summary>Reads an unsigned 16-bit field at <paramref name="index"/>.</summary>
        public static int ReadUInt16(byte[] buffer, int index)
        {
            return buffer[index] | (buffer[index + 1] << ByteBits);
        }

        /// <summary>Writes an unsigned 32-bit field at <paramref name="index"/>.</summary>
        public static void WriteUInt32(byte[] buffer, int index, uint value)
        {
            LittleEndian.WriteUInt32(buffer, index, value);
        }

        /// <summary>Reads an unsigned 32-bit field at <paramref name="index"/>.</summary>
        public static uint ReadUInt32(byte[] buffer, int index)
        {
            return LittleEndian.ReadUInt32(buffer, index);
        }

        /// <summary>Writes a signed 32-bit field (two's complement) at <paramref name="index"/>.</summary>
        public static void WriteInt32(byte[] buffer, int index, int value)
        {
            LittleEndian.WriteUInt32(buffer, index, (uint)value);
        }

        /// <summary>Reads a signed 32-bit field (two's complement) at <paramref name="index"/>.</summary>
        public static int ReadInt32(byte[] buffer, int index)
        {
            return (int)LittleEndian.ReadUInt32(buffer, index);
        }

        /// <summary>Saturates <paramref name="value"/> to an unsigned 16-bit field (0..65535).</summary>
        public static int SaturateUInt16(int value)
        {
            if (value < 0)
            {
                return 0;
            }

            return value > ushort.MaxValue ? ushort.MaxValue : value;
        }

        /// <summary>Saturates <paramref name="value"/> to a signed 8-bit field (-127..127; -128 means "unknown").</summary>
        public static int SaturateInt8(int value)
        {
            if (value < -sbyte.MaxValue)
            {
                return -sbyte.MaxValue;
            }

            return value > sbyte.MaxValue ? sbyte.MaxValue : value;
        }
    }
}
