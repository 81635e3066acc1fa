using LumbarBand.Core.Sensing;

namespace LumbarBand.Core.Posture
{
    /// <summary>
    /// The trunk's axes in neutral posture, written in the sensor's axes: the vertical is gravity's direction at the
    /// last neutral capture (<see cref="NeutralPosture"/>), the forward axis is <see cref="BodyFrame"/>'s direction of
    /// progression made orthogonal to that vertical, and the mediolateral axis (to the wearer's left) completes the
    /// right-handed set (ML = V × AP, as in <see cref="BodyFrame"/>). Flexion, lateral bend and the per-stride sway
    /// are measured about these axes.
    /// </summary>
    /// <remarks>
    /// <para>Why not <see cref="BodyFrame"/>'s own axes: its vertical follows the mean gravity direction while walking
    /// (it must, to find steps in any mounting), so it leans with a held flexion and would hide it. Posture is measured
    /// against the still, neutral capture instead, the static reference posture of trunk inclinometry (e.g. Wong &amp;
    /// Wong 2008); only the heading of the forward axis is taken from the frame.</para>
    /// <para>Fixed point: all three axes are Q14 unit vectors (16384 = 1.0), normalised with
    /// <see cref="IntegerMath.NormalizeQ14"/>. <see cref="Refresh"/> is cheap when nothing changed (two integer
    /// comparisons and a few subtractions) and is called every 2 s by <see cref="PostureMeter"/>.</para>
    /// </remarks>
    public sealed class PostureAxes
    {
        /// <summary>Vertical (neutral "up") in sensor axes, Q14 unit vector, x component.</summary>
        internal int VerticalX;

        /// <summary>Vertical, y component, Q14.</summary>
        internal int VerticalY;

        /// <summary>Vertical, z component, Q14.</summary>
        internal int VerticalZ;

        /// <summary>Mediolateral axis (to the wearer's left) in sensor axes, Q14 unit vector, x component.</summary>
        internal int LateralX;

        /// <summary>Mediolateral axis, y component, Q14.</summary>
        internal int LateralY;

        /// <summary>Mediolateral axis, z component, Q14.</summary>
        internal int LateralZ;

        /// <summary>Anteroposterior axis (forward) in sensor axes, Q14 unit vector, x component.</summary>
        internal int ForwardX;

        /// <summary>Anteroposterior axis, y component, Q14.</summary>
        internal int ForwardY;

        /// <summary>Anteroposterior axis, z component, Q14.</summary>
        internal int ForwardZ;

        /// <summary>True once a neutral posture is captured (the vertical is set).</summary>
        internal bool VerticalKnown;

        /// <summary>True once the vertical and the forward axis are both known.</summary>
        internal bool Known;

        /// <summary>
        /// Smallest change of the frame's forward axis that rebuilds the axes: 48 in the sum of the absolute Q14
        /// component changes, a turn of 0.1–0.2°. The frame re-derives its forward axis at every step (its vertical
        /// tracks walking), mostly by far less; rebuilding for each would cost a normalisation a step for nothing.
        /// </summary>
        public const int ForwardChangeThreshold = 48;

        /// <summary>Neutral captures the axes were last built from (-1: never).</summary>
        private int _seenCaptures = -1;

        // The frame's forward axis (Q14) the axes were last built from.
        private int _seenForwardX;
        private int _seenForwardY;
        private int _seenForwardZ;
        private int _revision;

        /// <summary>True once the neutral vertical and the forward axis are both known: flexion and bend can be told apart.</summary>
        public bool IsKnown { get { return Known; } }

        /// <summary>True once a neutral posture has been captured.</summary>
        public bool IsVerticalKnown { get { return VerticalKnown; } }

        /// <summary>Incremented each time the axes change.</summary>
        public int Revision { get { return _revision; } }

        /// <summary>Vertical (neutral up) along sensor x, Q14 (16384 = 1.0).</summary>
        public int VerticalXQ14 { get { return VerticalX; } }

        /// <summary>Vertical along sensor y, Q14.</summary>
        public int VerticalYQ14 { get { return VerticalY; } }

        /// <summary>Vertical along sensor z, Q14.</summary>
        public int VerticalZQ14 { get { return VerticalZ; } }

        /// <summary>Mediolateral (left) axis along sensor x, Q14.</summary>
        public int LateralXQ14 { get { return LateralX; } }

        /// <summary>Mediolateral axis along sensor y, Q14.</summary>
        public int LateralYQ14 { get { return LateralY; } }

        /// <summary>Mediolateral axis along sensor z, Q14.</summary>
        public int LateralZQ14 { get { return LateralZ; } }

        /// <summary>Anteroposterior (forward) axis along sensor x, Q14.</summary>
        public int ForwardXQ14 { get { return ForwardX; } }

        /// <summary>Anteroposterior axis along sensor y, Q14.</summary>
        public int ForwardYQ14 { get { return ForwardY; } }

        /// <summary>Anteroposterior axis along sensor z, Q14.</summary>
        public int ForwardZQ14 { get { return ForwardZ; } }

        /// <summary>
        /// Rebuilds the axes if the neutral posture was captured again, or the frame's forward axis became known or
        /// moved by more than <see cref="ForwardChangeThreshold"/>, since the last rebuild. Returns true if the axes
        /// changed.
        /// </summary>
        public bool Refresh(NeutralPosture neutral, BodyFrame frame)
        {
            int captures = neutral.Captures;
            if (captures == 0)
            {
                return false;
            }

            int fx = frame.ForwardXQ14;
            int fy = frame.ForwardYQ14;
            int fz = frame.ForwardZQ14;
            bool forwardKnown = frame.IsForwardKnown;
            if (captures == _seenCaptures && forwardKnown == Known
                && IntegerMath.Abs(fx - _seenForwardX) + IntegerMath.Abs(fy - _seenForwardY) + IntegerMath.Abs(fz - _seenForwardZ)
                    <= ForwardChangeThreshold)
            {
                return false;
            }

            _seenCaptures = captures;
            _seenForwardX = fx;
            _seenForwardY = fy;
            _seenForwardZ = fz;

            int vx = neutral.UpXQ14;
            int vy = neutral.UpYQ14;
            int vz = neutral.UpZQ14;
            VerticalX = vx;
            VerticalY = vy;
            VerticalZ = vz;
            VerticalKnown = true;
            _revision++;
            if (!forwardKnown)
            {
                Known = false;
                return true;
            }

            // Forward = the frame's forward axis minus its part along the neutral vertical, normalised.
            int along = ((fx * vx) + (fy * vy) + (fz * vz)) >> IntegerMath.Q14Shift;
            int ax;
            int ay;
            int az;
            if (!IntegerMath.NormalizeQ14(
                fx - ((along * vx) >> IntegerMath.Q14Shift),
                fy - ((along * vy) >> IntegerMath.Q14Shift),
                fz - ((along * vz) >> IntegerMath.Q14Shift),
                out ax,
                out ay,
                out az))
            {
                Known = false;
                return true;
            }

            ForwardX = ax;
            ForwardY = ay;
            ForwardZ = az;

            // ML = V × AP (left), both Q14 unit and orthogonal: a Q14 unit vector to a count or two.
            LateralX = ((vy * az) - (vz * ay)) >> IntegerMath.Q14Shift;
            LateralY = ((vz * ax) - (vx * az)) >> IntegerMath.Q14Shift;
            LateralZ = ((vx * ay) - (vy * ax)) >> IntegerMath.Q14Shift;
            Known = true;
            return true;
        }

        /// <summary>
        /// Writes a sensor-axis vector in the posture axes (vertical, mediolateral-left, anteroposterior-forward).
        /// Components must stay within ±2^15 so that the products fit in int; the unit is kept.
        /// </summary>
        public void ToPosture(int x, int y, int z, out int vertical, out int mediolateral, out int anteroposterior)
        {
            vertical = ((x * VerticalX) + (y * VerticalY) + (z * VerticalZ)) >> IntegerMath.Q14Shift;
            mediolateral = ((x * LateralX) + (y * LateralY) + (z * LateralZ)) >> IntegerMath.Q14Shift;
            anteroposterior = ((x * ForwardX) + (y * ForwardY) + (z * ForwardZ)) >> IntegerMath.Q14Shift;
        }
    }
}
