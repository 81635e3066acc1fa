using LumbarBand.Core.Sensing;
using LumbarBand.Core.Sway;

namespace LumbarBand.Core.Posture
{
    /// <summary>
    /// Reports the trunk's flexion/extension and lateral bend relative to the neutral posture, in centidegrees, five
    /// times a second: <see cref="TiltEstimator"/>'s gravity direction written in <see cref="PostureAxes"/>, with the
    /// trunk's twist in the stride (from <see cref="SwayMeter"/>) taken out. Also rebuilds the axes when the neutral
    /// posture or the forward axis changes (checked every 2 s).
    /// </summary>
    /// <remarks>
    /// <para>Flexion is the rotation about the mediolateral axis, positive forward (negative in extension); lateral
    /// bend is the rotation about the anteroposterior axis, positive toward the wearer's right. The angles are those of
    /// the trunk's long axis seen in the walking direction (its angle in the sagittal plane, then its elevation out of
    /// it, see <see cref="TiltMath"/>: defined and continuous through a 90° forward bend), as in
    /// trunk inclinometry against a standing reference (Wong &amp; Wong 2008). Gravity alone cannot tell a flexed
    /// trunk that twists about its own axis in each stride from one that bends sideways (at 30° of flexion the usual
    /// ±4° of twist read as ±2° of bend on the simulated walks); the twist measured by <see cref="SwayMeter"/>
    /// (gyroscope about the trunk's axis, relative to its mean heading in the stride) is undone first.</para>
    /// <para>Fixed-point changes, for cost: angles are computed at 5 Hz (on every second or third filter step, every
    /// <see cref="SamplesPerOutput"/> samples on average), not per sample, from the estimate at Q14; the twist is undone
    /// with a small-angle rotation (two multiplies); the square root and the arctangents are <see cref="TiltMath"/>'s.
    /// Like the filter's, the angles describe the trunk at the end of the filter step they are computed on.</para>
    /// </remarks>
    public sealed class PostureMeter
    {
        /// <summary>Samples between angle updates on average: 10, angles at 5 Hz (posture changes over seconds).</summary>
        public const int SamplesPerOutput = 10;

        /// <summary>
        /// Angle updates between checks for new axes (a new neutral capture, a moved forward axis): 10, every 2 s. A
        /// neutral capture needs a second of stillness anyway; the forward axis moves over minutes.
        /// </summary>
        public const int OutputsPerAxesRefresh = 10;

        /// <summary>Shift from the Q22 gravity estimate to Q14 (its magnitude then stays below 2^15).</summary>
        private const int OutputShift = TiltEstimator.StateFractionBits - IntegerMath.Q14Shift;

        private readonly TiltEstimator _tilt;
        private readonly PostureAxes _axes;
        private readonly SwayMeter _sway;
        private readonly NeutralPosture _neutral;
        private readonly BodyFrame _frame;

        private int _untilOutput = 1;
        private int _untilAxesRefresh = 1;
        private int _outputs;

        /// <summary>Latest flexion, centidegrees, positive forward.</summary>
        internal int Flexion;

        /// <summary>Latest lateral bend, centidegrees, positive toward the wearer's right.</summary>
        internal int LateralBend;

        /// <summary>True while the angles are meaningful (neutral and forward axis known).</summary>
        internal bool Valid;

        /// <summary>
        /// Creates a meter on <paramref name="tilt"/>, measuring about <paramref name="axes"/> (rebuilt from
        /// <paramref name="neutral"/> and <paramref name="frame"/> when they change) with the twist of <paramref name="sway"/>.
        /// </summary>
        public PostureMeter(TiltEstimator tilt, PostureAxes axes, SwayMeter sway, NeutralPosture neutral, BodyFrame frame)
        {
            _tilt = tilt;
            _axes = axes;
            _sway = sway;
            _neutral = neutral;
            _frame = frame;
        }

        /// <summary>
        /// True once flexion and lateral bend are valid: a neutral posture has been captured and the forward axis is
        /// known (from some 15 s of walking). False before that.
        /// </summary>
        public bool IsValid { get { return Valid; } }

        /// <summary>Trunk flexion relative to neutral, centidegrees (1500 = 15°), positive forward, negative in extension. Updated at 5 Hz.</summary>
        public int FlexionCentidegrees { get { return Flexion; } }

        /// <summary>Lateral bend relative to neutral, centidegrees, positive toward the wearer's right. Updated at 5 Hz.</summary>
        public int LateralBendCentidegrees { get { return LateralBend; } }

        /// <summary>Angle updates since power-on (5 per second); a consumer can tell a new value from the last.</summary>
        public int Outputs { get { return _outputs; } }

        /// <summary>
        /// Call after each <see cref="TiltEstimator.Update"/> (12.5 Hz, and after <see cref="SwayMeter.Accumulate"/>);
        /// computes the angles on every second or third call, 5 times a second.
        /// </summary>
        public void Update()
        {
            int until = _untilOutput - TiltEstimator.SamplesPerStep;
            if (until > 0)
            {
                _untilOutput = until;
                return;
            }

            _untilOutput = until + SamplesPerOutput;
            PostureAxes axes = _axes;
            if (--_untilAxesRefresh <= 0)
            {
                _untilAxesRefresh = OutputsPerAxesRefresh;
                axes.Refresh(_neutral, _frame);
            }

            if (!axes.Known)
            {
                Valid = false;
                return;
            }

            TiltEstimator tilt = _tilt;
            int vertical;
            int lateral;
            int forward;
            axes.ToPosture(tilt.UpX >> OutputShift, tilt.UpY >> OutputShift, tilt.UpZ >> OutputShift, out vertical, out lateral, out forward);
            int twist = _sway.Twist;
            int mediolateral = lateral + ((forward * twist) >> IntegerMath.Q14Shift);
            int anteroposterior = forward - ((lateral * twist) >> IntegerMath.Q14Shift);
            Flexion = TiltMath.FlexionCentidegrees(vertical, anteroposterior);
            LateralBend = TiltMath.LateralBendCentidegrees(vertical, mediolateral, anteroposterior);
            Valid = true;
            _outputs++;
        }
    }
}
