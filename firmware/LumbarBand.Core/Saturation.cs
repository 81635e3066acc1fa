namespace LumbarBand.Core
{
    /// <summary>
    /// Clamps counts and durations to the width of the field that carries them, so a long session or a busy epoch
    /// stores its largest value rather than wrapping around.
    /// </summary>
    public static class Saturation
    {
        /// <summary>0..255 (negative as 0).</summary>
        public static byte ToByte(int value)
        {
            if (value < 0)
            {
                return 0;
            }

            return value > byte.MaxValue ? byte.MaxValue : (byte)value;
        }

        /// <summary>0..65535 (negative as 0).</summary>
        public static int ToUInt16(int value)
        {
            if (value < 0)
            {
                return 0;
            }

            return value > ushort.MaxValue ? ushort.MaxValue : value;
        }

        /// <summary>0..<see cref="uint.MaxValue"/> − 1: the maximum is kept to mean "none".</summary>
        public static uint ToUInt32(long value)
        {
            if (value < 0)
            {
                return 0;
            }

            return value >= uint.MaxValue ? uint.MaxValue - 1 : (uint)value;
        }

        /// <summary>-127..127: -128 is kept to mean "unknown".</summary>
        public static int ToInt8(int value)
        {
            if (value < -sbyte.MaxValue)
            {
                return -sbyte.MaxValue;
            }

            return value > sbyte.MaxValue ? sbyte.MaxValue : value;
        }
    }
}
