namespace LumbarBand.Core.Sensing
{
    /// <summary>
    /// Small integer routines Core needs in place of System.Math (absent on the device, and computed in float there):
    /// square root, vector normalisation to Q14 and a four-quadrant arctangent in centidegrees. All exact integer
    /// arithmetic, so the PC and the band give identical results.
    /// </summary>
    public static class IntegerMath
    {
        /// <summary>1.0 in Q14 fixed point (unit vectors and rotation matrices in Core use Q14).</summary>
        public const int OneQ14 = 1 << 14;

        /// <summary>Bits of fraction in Q14.</summary>
        public const int Q14Shift = 14;

        /// <summary>
        /// Largest component magnitude <see cref="NormalizeQ14"/> works at: below 2^14 the sum of three squares stays
        /// under 3 * 2^28, inside int; at or above 2^13 the length has 13 significant bits, enough for a Q14 result
        /// within a count or two.
        /// </summary>
        private const int NormalizeTop = 1 << 14;

        /// <summary>Lower edge of the working range of <see cref="NormalizeQ14"/> (see <see cref="NormalizeTop"/>).</summary>
        private const int NormalizeBottom = 1 << 13;

        /// <summary>Segments of the arctangent table: the ratio min/max in [0, 1] is split in 64 steps.</summary>
        private const int AtanSegments = 64;

        /// <summary>Bits of <see cref="OneQ14"/> above one segment of <see cref="AtanSegments"/> (16384 / 64 = 2^8).</summary>
        private const int AtanSegmentShift = 8;

        /// <summary>
        /// atan(k / 64) in millidegrees (thousandths of a degree), k = 0..64, rounded. Linear interpolation between
        /// entries is within 0.12 centidegree of the true arctangent (|atan''| is below 0.65 on [0, 1], times h²/8
        /// with h = 1/64), so the result rounded to centidegrees is within 0.7 centidegree.
        /// </summary>
        private static readonly int[] AtanTableMillidegrees =
        {
            0, 895, 1790, 2684, 3576, 4467, 5356, 6242, 7125, 8005, 8881, 9752, 10620, 11482, 12339, 13191,
            14036, 14876, 15709, 16535, 17354, 18166, 18970, 19767, 20556, 21337, 22109, 22874, 23629, 24376, 25115,
            25844, 26565, 27277, 27979, 28673, 29358, 30033, 30700, 31357, 32005, 32645, 33275, 33896, 34509, 35112,
            35707, 36293, 36870, 37439, 37999, 38550, 39094, 39629, 40156, 40675, 41186, 41689, 42184, 42672, 43152,
            43625, 44091, 44549, 45000,
        };

        /// <summary>Absolute value of an int (int.MinValue is returned unchanged).</summary>
        public static int Abs(int value)
        {
            return value < 0 ? -value : value;
        }

        /// <summary>Integer square root: the largest r with r*r ≤ <paramref name="value"/>; 0 for value ≤ 0.</summary>
        /// <remarks>
        /// Newton's iteration x ← (x + value / x) / 2 from a power of two not below the root (found from the bit
        /// length in five steps), stopped when it no longer decreases: the floor of the root, in at most 5 or 6
        /// divisions for any int (quadratic convergence from within a factor √2).
        /// </remarks>
        public static int Sqrt(int value)
        {
            if (value <= 0)
            {
                return 0;
            }

            // Bit length of value, minus one, by halving the search range.
            int v = value;
            int highBit = 0;
            if (v >= 1 << 16)
            {
                v >>= 16;
                highBit += 16;
            }

            if (v >= 1 << 8)
            {
                v >>= 8;
                highBit += 8;
            }

            if (v >= 1 << 4)
            {
                v >>= 4;
                highBit += 4;
            }

            if (v >= 1 << 2)
            {
                v >>= 2;
                highBit += 2;
            }

            if (v >= 1 << 1)
            {
                highBit += 1;
            }

            // value < 2^(highBit + 1), so its root is below 2^((highBit + 2) / 2).
            int x = 1 << ((highBit + 2) >> 1);
            while (true)
            {
                int next = (x + (value / x)) >> 1;
                if (next >= x)
                {
                    return x;
                }

                x = next;
            }
        }

        /// <summary>Integer square root of a 64-bit value: the largest r with r*r ≤ <paramref name="value"/>.</summary>
        /// <remarks>Digit-by-digit (bit-by-bit) method, 32 iterations, no division; for rare, off-sample-path use.</remarks>
        public static long Sqrt(long value)
        {
            if (value <= 0)
            {
                return 0;
            }

            long remainder = value;
            long root = 0;
            long bit = 1L << 62;
            while (bit > remainder)
            {
                bit >>= 2;
            }

            while (bit != 0)
            {
                if (remainder >= root + bit)
                {
                    remainder -= root + bit;
                    root = (root >> 1) + bit;
                }
                else
                {
                    root >>= 1;
                }

                bit >>= 2;
            }

            return root;
        }

        /// <summary>
        /// Scales the vector (<paramref name="x"/>, <paramref name="y"/>, <paramref name="z"/>) to unit length in Q14
        /// (1.0 = 16384). Any input magnitude works (it is shifted into range first). Returns false, and a zero vector,
        /// for the zero vector.
        /// </summary>
        public static bool NormalizeQ14(int x, int y, int z, out int ux, out int uy, out int uz)
        {
            int largest = Abs(x);
            int ay = Abs(y);
            int az = Abs(z);
            if (ay > largest)
            {
                largest = ay;
            }

            if (az > largest)
            {
                largest = az;
            }

            if (largest == 0)
            {
                ux = 0;
                uy = 0;
                uz = 0;
                return false;
            }

            // Bring the largest component into [2^13, 2^14): squares then fit in int with 13 bits of precision.
            // The arithmetic shift of a negative component rounds toward minus infinity: below one part in 2^13.
            // Shifting down by n at once equals n single shifts (floor division composes); n is the bit length of
            // what lies above 2^14 (largest as uint, so int.MinValue's magnitude 2^31 is handled).
            uint above = (uint)largest >> Q14Shift;
            if (above != 0)
            {
                int down = BitLength(above);
                x >>= down;
                y >>= down;
                z >>= down;
                largest = (int)((uint)largest >> down);
            }

            while (largest < NormalizeBottom)
            {
                x <<= 1;
                y <<= 1;
                z <<= 1;
                largest <<= 1;
            }

            int length = Sqrt((x * x) + (y * y) + (z * z));
            ux = (x << Q14Shift) / length;
            uy = (y << Q14Shift) / length;
            uz = (z << Q14Shift) / length;
            return true;
        }

        /// <summary>Number of significant bits of <paramref name="value"/> (0 for 0, 32 for values ≥ 2^31).</summary>
        /// <remarks>Halves the search range in five steps (16, 8, 4, 2, 1 bits), then counts the last bit.</remarks>
        private static int BitLength(uint value)
        {
            int bits = 0;
            if (value >= 1u << 16)
            {
                value >>= 16;
                bits = 16;
            }

            if (value >= 1u << 8)
            {
                value >>= 8;
                bits += 8;
            }

            if (value >= 1u << 4)
            {
                value >>= 4;
                bits += 4;
            }

            if (value >= 1u << 2)
            {
                value >>= 2;
                bits += 2;
            }

            if (value >= 1u << 1)
            {
                value >>= 1;
                bits += 1;
            }

            return bits + (int)value;
        }

        /// <summary>
        /// Four-quadrant arctangent of <paramref name="y"/>/<paramref name="x"/> in centidegrees, (-18000, 18000]:
        /// 0 along +x, 9000 along +y. atan2(0, 0) is 0. Exact on the axes and diagonals, within 1 centidegree
        /// elsewhere.
        /// </summary>
        /// <remarks>Octant reduction, then a 65-entry table of atan on [0, 1] in millidegrees with linear interpolation.</remarks>
        public static int Atan2Centidegrees(int y, int x)
        {
            if (x == 0 && y == 0)
            {
                return 0;
            }

            // Work on magnitudes; unsigned so that int.MinValue is handled.
            uint ax = x < 0 ? (uint)(-(long)x) : (uint)x;
            uint ay = y < 0 ? (uint)(-(long)y) : (uint)y;
            bool swapped = ay > ax;
            uint small = swapped ? ax : ay;
            uint large = swapped ? ay : ax;

            // ratio = small / large in Q14, in [0, 16384]; long only to keep small << 14 from overflowing.
            int ratio = (int)(((long)small << Q14Shift) / large);
            int index = ratio >> AtanSegmentShift;
            int millidegrees;
            if (index >= AtanSegments)
            {
                millidegrees = AtanTableMillidegrees[AtanSegments];
            }
            else
            {
                int fraction = ratio - (index << AtanSegmentShift);
                int low = AtanTableMillidegrees[index];
                int high = AtanTableMillidegrees[index + 1];
                millidegrees = low + ((((high - low) * fraction) + (1 << (AtanSegmentShift - 1))) >> AtanSegmentShift);
            }

            int angle = (millidegrees + 5) / 10;

            if (swapped)
            {
                angle = 9000 - angle;
            }

            if (x < 0)
            {
                angle = 18000 - angle;
            }

            return y < 0 ? -angle : angle;
        }
    }
}
