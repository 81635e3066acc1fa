using LumbarBand.Core.Sensing;

namespace LumbarBand.Core.Posture
{
    /// <summary>
    /// Turns the direction of gravity, written in the posture axes (vertical, mediolateral to the left, anteroposterior
    /// forward), into trunk flexion and lateral bend in centidegrees, with the small square root and arctangent that
    /// needs. Used by <see cref="PostureMeter"/> (5 Hz) and <see cref="Sway.SwayMeter"/> (once per stride).
    /// </summary>
    /// <remarks>
    /// <para>Angle convention (the simulator's truth, and the sagittal-then-frontal reading of trunk inclinometry):
    /// flexion is the angle of the trunk's long axis in the sagittal plane, f = atan2(−ap, v) (positive forward,
    /// negative in extension), and lateral bend is the axis's elevation out of that plane, b = atan2(ml, √(v² + ap²))
    /// (positive toward the wearer's right: bending right tilts "up" toward the trunk's left). Gravity's "up" seen
    /// from the trunk is then (v, ml, ap) = (cos b cos f, sin b, −cos b sin f). Both angles are defined and continuous
    /// over every posture a trunk reaches: flexion through 90° and beyond (reaching to the floor, v &lt; 0, reads up to
    /// 180°), lateral bend anywhere short of ±90° of pure side bend, which no trunk reaches (the lumbar spine bends
    /// sideways by 30–40°, leaning on a table by not much more). The bend-then-flex reading used before,
    /// b = atan2(ml, v), was singular as flexion neared 90° (v and ml both near 0): at HA001_Test11 123.7 s it read
    /// −121° of bend in an 84° forward bend whose side tilt never passed 40°. Here |b| = asin(|ml|/|g|) never exceeds
    /// the side tilt of the axis, whatever the flexion. Both are insensitive to the length of the vector, so the
    /// filter state needs no normalisation.</para>
    /// <para>Fixed-point changes: the arctangent is <see cref="Atan2Centidegrees"/> (a table and linear interpolation,
    /// int-only, for the small inputs here); the square root is <see cref="Hypot"/>, a first-order guess refined by one
    /// Newton step (two divisions instead of the 16 iterations of <see cref="IntegerMath.Sqrt(int)"/>), accurate to
    /// 0.2%, which moves an angle by under 0.06°. Both exist for cost: the general
    /// <see cref="IntegerMath.Atan2Centidegrees"/> takes 64-bit and unsigned steps these inputs do not need.</para>
    /// </remarks>
    public static class TiltMath
    {
        /// <summary>
        /// Largest component magnitude <see cref="Hypot"/> takes: below 2^15 the sum of two squares stays inside int.
        /// </summary>
        public const int HypotLimit = 1 << 15;

        /// <summary>Bits of fraction of the tangent the arctangent looks up: Q14 (the ratio small/large in [0, 1]).</summary>
        private const int RatioBits = 14;

        /// <summary>Entries of the arctangent table minus one: the ratio is split in 32 segments.</summary>
        private const int AtanSegments = 32;

        /// <summary>Bits of the ratio within one segment (16384 / 32 = 2^9).</summary>
        private const int AtanSegmentShift = 9;

        /// <summary>Mask of the ratio within one segment.</summary>
        private const int AtanSegmentMask = (1 << AtanSegmentShift) - 1;

        /// <summary>A right angle, centidegrees.</summary>
        private const int RightAngleCentidegrees = 9000;

        /// <summary>A straight angle, centidegrees.</summary>
        private const int StraightAngleCentidegrees = 18000;

        /// <summary>
        /// atan(k / 32) in centidegrees, k = 0..32, rounded: the table of <see cref="IntegerMath.Atan2Centidegrees"/>,
        /// repeated here for the int-only arctangent of <see cref="Atan2Centidegrees"/>.
        /// </summary>
        private static readonly short[] AtanTableCentidegrees =
        {
            0, 179, 358, 536, 713, 888, 1062, 1234, 1404, 1571, 1735, 1897, 2056, 2211, 2363, 2511,
            2657, 2798, 2936, 3070, 3201, 3327, 3451, 3571, 3687, 3800, 3909, 4016, 4119, 4218, 4315, 4409, 4500,
        };

        /// <summary>
        /// √(a² + b²) for |a|, |b| &lt; <see cref="HypotLimit"/>, within 0.2% (exact when either is 0). Same unit as the
        /// inputs.
        /// </summary>
        /// <remarks>
        /// The guess max + min²/(2·max) is at most 6% high (at a = b), and one Newton step for √s,
        /// (h + s/h)/2, squares the relative error and halves it: 0.18% at worst.
        /// </remarks>
        public static int Hypot(int a, int b)
        {
            if (a < 0)
            {
                a = -a;
            }

            if (b < 0)
            {
                b = -b;
            }

            int large = a;
            int small = b;
            if (b > a)
            {
                large = b;
                small = a;
            }

            if (small == 0)
            {
                return large;
            }

            int guess = large + ((small * small) / (large << 1));
            return (guess + (((large * large) + (small * small)) / guess)) >> 1;
        }

        /// <summary>
        /// Four-quadrant arctangent of <paramref name="y"/>/<paramref name="x"/> in centidegrees, (-18000, 18000], for
        /// |y|, |x| &lt; 2^16 (atan2(0, 0) = 0); within 1 centidegree.
        /// </summary>
        /// <remarks>
        /// <see cref="IntegerMath.Atan2Centidegrees"/>'s method (octant reduction, 33-entry table, linear
        /// interpolation) restricted to the small inputs of the posture stages: the ratio fits in int, so there is no
        /// 64-bit division and no unsigned arithmetic, about half the instructions, which matters at 5 Hz.
        /// </remarks>
        public static int Atan2Centidegrees(int y, int x)
        {
            int ay = y < 0 ? -y : y;
            int ax = x < 0 ? -x : x;
            int angle;
            if (ay <= ax)
            {
                if (ax == 0)
                {
                    return 0;
                }

                angle = AtanOfRatio((ay << RatioBits) / ax);
            }
            else
            {
                angle = RightAngleCentidegrees - AtanOfRatio((ax << RatioBits) / ay);
            }

            if (x < 0)
            {
                angle = StraightAngleCentidegrees - angle;
            }

            return y < 0 ? -angle : angle;
        }

        /// <summary>
        /// Trunk flexion in centidegrees (positive forward, negative in extension; beyond ±9000 past the horizontal)
        /// from gravity's "up" in the posture axes: vertical <paramref name="vertical"/> and anteroposterior (forward)
        /// <paramref name="anteroposterior"/>, any common unit with magnitudes below 2^16: the angle of the trunk's
        /// axis in its sagittal plane.
        /// </summary>
        public static int FlexionCentidegrees(int vertical, int anteroposterior)
        {
            return Atan2Centidegrees(-anteroposterior, vertical);
        }

        /// <summary>
        /// Lateral bend in centidegrees, positive toward the wearer's right, from gravity's "up" in the posture axes
        /// (vertical, mediolateral-left and anteroposterior-forward components, any common unit with magnitudes below
        /// <see cref="HypotLimit"/>): the elevation of the trunk's axis out of its sagittal plane.
        /// </summary>
        public static int LateralBendCentidegrees(int vertical, int mediolateral, int anteroposterior)
        {
            return Atan2Centidegrees(mediolateral, Hypot(vertical, anteroposterior));
        }

        /// <summary>atan of a Q14 ratio in [0, 1], centidegrees: table lookup and linear interpolation.</summary>
        private static int AtanOfRatio(int ratio)
        {
            int index = ratio >> AtanSegmentShift;
            if (index >= AtanSegments)
            {
                return AtanTableCentidegrees[AtanSegments];
            }

            int low = AtanTableCentidegrees[index];
            return low + ((((AtanTableCentidegrees[index + 1] - low) * (ratio & AtanSegmentMask)) + (1 << (AtanSegmentShift - 1))) >> AtanSegmentShift);
        }
    }
}
