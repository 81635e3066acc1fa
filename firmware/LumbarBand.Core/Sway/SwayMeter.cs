using LumbarBand.Core.Posture;
using LumbarBand.Core.Sensing;

namespace LumbarBand.Core.Sway
{
    /// <summary>
    /// Measures the trunk's sway in each stride of walking: the range (maximum − minimum) of mediolateral tilt
    /// (lateral bend), of anteroposterior tilt (flexion/extension) and of transverse rotation (about the trunk's
    /// vertical axis) between two stride boundaries, in centidegrees. Also tracks the trunk's twist within the stride,
    /// which <see cref="PostureMeter"/> needs to keep flexion and bend apart while the trunk is flexed.
    /// </summary>
    /// <remarks>
    /// <para>Method: the per-stride range-of-motion measures of trunk kinematics in gait (Moe-Nilssen &amp; Helbostad
    /// 2004 on trunk accelerometry per stride; the lower-back roll, pitch and yaw ranges per stride of the gait
    /// literature and the Mobilise-D trunk measures). A stride is two steps: it runs from one counted step to the
    /// next-but-one as <see cref="OnStep"/> reports them. Steps are reported a few samples after their initial contact
    /// (and the first ones of a bout all at once, when walking is confirmed), so the strides are measured between
    /// consecutive boundaries as they come; over a whole stride of a periodic motion the range does not depend on
    /// where the stride starts. A stride more than 25% longer or shorter than the one before (a missed or extra step)
    /// is not reported.</para>
    /// <para>Rotation is the bias-corrected gyroscope about the posture vertical (the trunk's long axis in neutral),
    /// integrated over the stride, less the previous stride's mean rate, so that walking a curve does not count as
    /// sway. Less its mean over the previous stride, it is the trunk's twist ψ about its own axis, relative to its mean
    /// heading. Tilts are those of <see cref="TiltEstimator"/>'s gravity direction written in
    /// <see cref="PostureAxes"/> (so a turn does not register as tilt), with the twist taken out: a trunk flexed by f
    /// that twists by ψ about its own axis turns gravity's mediolateral component by sin f · ψ without bending
    /// sideways at all (its long axis does not move). Undoing the twist is a rotation of the horizontal components by
    /// ψ (small-angle: ml += ap·ψ, ap −= ml·ψ).</para>
    /// <para>Fixed-point changes, for cost: per filter step (12.5 Hz, <see cref="TiltEstimator"/>'s) only two
    /// projections of the Q12 gravity estimate onto the Q14 axes (results in Q14: the sines of the tilts), one of the
    /// gyroscope sample onto the vertical (held over the step's four samples, as the tilt filter does), the twist
    /// correction (two multiplies) and the extremes. The sines are turned into angle ranges once per stride, linearised
    /// about the stride's middle posture (two divisions; under 0.1% off for a 10° range). Rotation is accumulated in
    /// count-samples (1 = 1/32.768 °/s × 20 ms = 1.06529e-5 rad = 0.061 centidegrees); the twist is kept in Q14
    /// radians. What the 12.5 Hz steps cost, on the simulated walks: extremes sampled at 12.5 Hz miss a few percent of
    /// the peaks of the 2 Hz pitch (the anteroposterior range read 7% low), and the held gyroscope sample lets more of
    /// the gyroscope's noise and the trunk's 3–8 Hz wobble into the smallest range (the mediolateral one, about 2°,
    /// read 12% high, 0.25° per stride); rotation read within 1%.</para>
    /// </remarks>
    public sealed class SwayMeter
    {
        /// <summary>Steps per stride.</summary>
        public const int StepsPerStride = 2;

        /// <summary>
        /// Longest stride measured, in filter steps: 3 s (two steps at 40 steps/min, below the slowest walking). A longer
        /// one (a hesitation, a pause without the bout ending) is dropped.
        /// </summary>
        public const int MaxStrideUpdates = 3 * TiltEstimator.StepsPerSecond;

        /// <summary>Shortest stride measured, in filter steps: 0.6 s (two steps at 200 steps/min); a shorter one is dropped.</summary>
        public const int MinStrideUpdates = 6 * TiltEstimator.StepsPerSecond / 10;

        /// <summary>
        /// A stride is measured only if its length is within 1/2^2 = 25% of the previous stride's: stride time varies
        /// by 2–5% in steady walking (up to 10–15% in unsteady gait), while a missed or an extra step makes it 50%
        /// shorter or longer.
        /// </summary>
        private const int StrideChangeShift = 2;

        /// <summary>Shift from the Q22 gravity estimate to the Q12 copy projected (Q12 × Q14, thrice, fits in int).</summary>
        private const int GravityShift = TiltEstimator.StateFractionBits - 12;

        /// <summary>Shift from Q12 × Q14 products to Q14.</summary>
        private const int ProjectionShift = 12;

        /// <summary>
        /// The gyroscope (counts, within ±2^15) projected on the Q14 vertical (three products below 2^29 each) is in
        /// counts × 2^14; a filter step covers four samples, so count-samples are that sum shifted by 12.
        /// </summary>
        private const int RotationShift = IntegerMath.Q14Shift - 2;

        /// <summary>Rotation count-samples to centidegrees: 1000/32768 °/s × 0.02 s × 100 = 125/2048 exactly.</summary>
        private const int RotationToCentidegreesNumerator = 125;

        /// <summary>Shift dividing by 2048 (see <see cref="RotationToCentidegreesNumerator"/>).</summary>
        private const int RotationToCentidegreesShift = 11;

        /// <summary>Centidegrees in a radian, rounded: 18000/π = 5729.58.</summary>
        private const int CentidegreesPerRadian = 5730;

        /// <summary>Rotation count-samples to Q14 radians: 1.06529e-5 × 16384 = 0.174537 ≈ 715/4096 (0.01% high).</summary>
        private const int RotationToQ14RadiansNumerator = 715;

        /// <summary>Shift dividing by 4096 (see <see cref="RotationToQ14RadiansNumerator"/>).</summary>
        private const int RotationToQ14RadiansShift = 12;

        /// <summary>
        /// Largest twist undone, Q14 radians: 0.21 rad = 12°, about twice the trunk's yaw amplitude in a stride. A larger
        /// value is a turn the trend has not caught up with and is ignored.
        /// </summary>
        public const int MaxTwistQ14 = 3431;

        /// <summary>
        /// Largest change of the turning rate between strides after which the twist is still followed: 5 °/s, in
        /// count-samples per filter step (5 × 32.768 counts × 4 samples = 655). Beyond it a turn starts, ends or
        /// reverses, and the next stride's twist is not estimated.
        /// </summary>
        private const int MaxTrendChange = 655;

        private readonly TiltEstimator _tilt;
        private readonly PostureAxes _axes;
        private readonly GyroBiasTracker _gyro;

        // Extremes over the current stride: twist-corrected tilt sines in Q14, rotation in count-samples.
        private int _mediolateralMin;
        private int _mediolateralMax;
        private int _anteroposteriorMin;
        private int _anteroposteriorMax;
        private int _rotation;
        private int _rotationMin;
        private int _rotationMax;
        private int _rotationSum;

        /// <summary>Filter steps in the current stride; -1 when no stride is open.</summary>
        private int _updates = -1;
        private int _stepsInStride;

        /// <summary>Length of the previous stride in filter steps; 0 at the start of a bout.</summary>
        private int _lastStrideUpdates;

        /// <summary>Mean rotation rate of the last stride, count-samples per filter step, taken out of the next.</summary>
        private int _rotationTrend;

        /// <summary>Mean rotation of the last stride (relative to its start, with this stride's trend), count-samples.</summary>
        private int _rotationCenter;
        private bool _centerKnown;

        /// <summary>Trunk twist about its vertical relative to its mean heading, Q14 radians, positive to the left; 0 when unknown.</summary>
        internal int Twist;

        /// <summary>Range of lateral bend over the last stride, centidegrees.</summary>
        internal int MediolateralRange;

        /// <summary>Range of flexion/extension over the last stride, centidegrees.</summary>
        internal int AnteroposteriorRange;

        /// <summary>Range of rotation about the vertical over the last stride, centidegrees.</summary>
        internal int RotationRange;

        /// <summary>Length of the last stride, filter steps (12.5 per second).</summary>
        internal int StrideUpdates;

        private int _strides;

        /// <summary>
        /// Creates a meter on the gravity estimate of <paramref name="tilt"/> and the bias-corrected rates of
        /// <paramref name="gyro"/>, about <paramref name="axes"/>.
        /// </summary>
        public SwayMeter(TiltEstimator tilt, GyroBiasTracker gyro, PostureAxes axes)
        {
            _tilt = tilt;
            _gyro = gyro;
            _axes = axes;
        }

        /// <summary>Strides measured since power-on; increments when a stride's three ranges are new.</summary>
        public int Strides { get { return _strides; } }

        /// <summary>Range (max − min) of mediolateral tilt (lateral bend) over the last stride, centidegrees.</summary>
        public int MediolateralRangeCentidegrees { get { return MediolateralRange; } }

        /// <summary>Range of anteroposterior tilt (flexion/extension) over the last stride, centidegrees.</summary>
        public int AnteroposteriorRangeCentidegrees { get { return AnteroposteriorRange; } }

        /// <summary>Range of transverse rotation (about the trunk's vertical) over the last stride, centidegrees.</summary>
        public int RotationRangeCentidegrees { get { return RotationRange; } }

        /// <summary>Duration of the last stride in samples (50 per second).</summary>
        public int StrideSamples { get { return StrideUpdates * TiltEstimator.SamplesPerStep; } }

        /// <summary>
        /// The trunk's current twist about its long axis relative to its mean heading, Q14 radians (16384 = 1 rad),
        /// positive to the left; 0 outside walking and in a bout's first stride.
        /// </summary>
        public int TwistQ14 { get { return Twist; } }

        /// <summary>
        /// Call after each <see cref="TiltEstimator.Update"/> (12.5 Hz), with whether the wearer is walking. Outside
        /// walking any open stride is dropped.
        /// </summary>
        public void Accumulate(bool walking)
        {
            int updates = _updates;
            if (updates < 0)
            {
                return;
            }

            if (!walking || updates >= MaxStrideUpdates)
            {
                Drop();
                return;
            }

            PostureAxes axes = _axes;
            GyroBiasTracker gyro = _gyro;
            int rotation = _rotation - _rotationTrend
                + (((gyro.RateX * axes.VerticalX) + (gyro.RateY * axes.VerticalY) + (gyro.RateZ * axes.VerticalZ)) >> RotationShift);
            _rotation = rotation;
            _rotationSum += rotation;
            _updates = updates + 1;

            // Twist (Q14 rad); a value beyond ±MaxTwistQ14 is a turn the trend has not caught up with: ignored.
            int twist = 0;
            if (_centerKnown)
            {
                twist = ((rotation - _rotationCenter) * RotationToQ14RadiansNumerator) >> RotationToQ14RadiansShift;
                if ((uint)(twist + MaxTwistQ14) > 2 * MaxTwistQ14)
                {
                    twist = 0;
                }
            }

            Twist = twist;
            TiltEstimator tilt = _tilt;
            int gx = tilt.UpX >> GravityShift;
            int gy = tilt.UpY >> GravityShift;
            int gz = tilt.UpZ >> GravityShift;
            int lateral = ((gx * axes.LateralX) + (gy * axes.LateralY) + (gz * axes.LateralZ)) >> ProjectionShift;
            int forward = ((gx * axes.ForwardX) + (gy * axes.ForwardY) + (gz * axes.ForwardZ)) >> ProjectionShift;
            int mediolateral = lateral + ((forward * twist) >> IntegerMath.Q14Shift);
            int anteroposterior = forward - ((lateral * twist) >> IntegerMath.Q14Shift);
            if (updates == 0)
            {
                _mediolateralMin = mediolateral;
                _mediolateralMax = mediolateral;
                _anteroposteriorMin = anteroposterior;
                _anteroposteriorMax = anteroposterior;
                _rotationMin = rotation;
                _rotationMax = rotation;
                return;
            }

            if (mediolateral < _mediolateralMin)
            {
                _mediolateralMin = mediolateral;
            }
            else if (mediolateral > _mediolateralMax)
            {
                _mediolateralMax = mediolateral;
            }

            if (anteroposterior < _anteroposteriorMin)
            {
                _anteroposteriorMin = anteroposterior;
            }
            else if (anteroposterior > _anteroposteriorMax)
            {
                _anteroposteriorMax = anteroposterior;
            }

            if (rotation < _rotationMin)
            {
                _rotationMin = rotation;
            }
            else if (rotation > _rotationMax)
            {
                _rotationMax = rotation;
            }
        }

        /// <summary>
        /// Call on each counted step of a walking bout, when it is reported (a few samples after its initial contact; at
        /// the start of a bout once for the steps that confirmed it). Every second step closes the open stride and opens
        /// the next. Returns true when a stride was completed: its ranges are then in the properties and
        /// <see cref="Strides"/> has incremented.
        /// </summary>
        public bool OnStep()
        {
            if (!_axes.Known)
            {
                Drop();
                return false;
            }

            int updates = _updates;
            if (updates < 0)
            {
                // No stride open: start one here, with no rotation trend yet.
                Open(0, 0, false);
                return false;
            }

            if (++_stepsInStride < StepsPerStride)
            {
                return false;
            }

            // A stride much shorter or longer than the last one has a step missed or too many (held steps counted
            // together, a hesitation, a turn on the spot): not a stride of steady walking.
            int previous = _lastStrideUpdates;
            _lastStrideUpdates = updates;
            if (updates < MinStrideUpdates
                || (previous > 0 && IntegerMath.Abs(updates - previous) > previous >> StrideChangeShift))
            {
                Open(_rotationTrend, 0, false);
                return false;
            }

            Close(updates);

            // The stride's net rotation per filter step is taken out of the next one (a steady turn); its mean
            // rotation, rewritten for that new trend, centres the next stride's twist, unless the turning rate is
            // changing (a turn starts, ends or reverses), when the twist of the next stride cannot be told.
            int trendChange = _rotation / updates;
            int center = (_rotationSum / updates) - (trendChange * ((updates + 1) >> 1));
            Open(_rotationTrend + trendChange, center, IntegerMath.Abs(trendChange) <= MaxTrendChange);
            return true;
        }

        private void Open(int rotationTrend, int rotationCenter, bool centerKnown)
        {
            _updates = 0;
            _stepsInStride = 0;
            _rotation = 0;
            _rotationSum = 0;
            _rotationTrend = rotationTrend;
            _rotationCenter = rotationCenter;
            _centerKnown = centerKnown;
        }

        private void Drop()
        {
            _updates = -1;
            _lastStrideUpdates = 0;
            _centerKnown = false;
            Twist = 0;
        }

        /// <summary>Converts the stride's extremes to angles, once per stride.</summary>
        private void Close(int updates)
        {
            // The tilts are sines (Q14) of a vector of length |g|: bend = atan2(ml, v), flexion = atan2(-ap, h) with
            // h² = v² + ml². Over a stride's few degrees they are linear: Δbend = Δml·v/h², Δflexion = Δap·h/|g|²,
            // taken at the stride's middle (error under 0.1% for a 10° range).
            TiltEstimator tilt = _tilt;
            PostureAxes axes = _axes;
            int gx = tilt.UpX >> GravityShift;
            int gy = tilt.UpY >> GravityShift;
            int gz = tilt.UpZ >> GravityShift;
            int vertical = ((gx * axes.VerticalX) + (gy * axes.VerticalY) + (gz * axes.VerticalZ)) >> ProjectionShift;
            int lateral = (_mediolateralMax + _mediolateralMin) >> 1;
            int forward = (_anteroposteriorMax + _anteroposteriorMin) >> 1;
            int horizontalSquare = (vertical * vertical) + (lateral * lateral);
            int lengthSquare = horizontalSquare + (forward * forward);
            int horizontal = TiltMath.Hypot(vertical, lateral);
            int horizontalSquareQ14 = horizontalSquare >> IntegerMath.Q14Shift;
            int lengthSquareQ14 = lengthSquare >> IntegerMath.Q14Shift;
            MediolateralRange = horizontalSquareQ14 > 0
                ? ToCentidegrees(((_mediolateralMax - _mediolateralMin) * IntegerMath.Abs(vertical)) / horizontalSquareQ14)
                : 0;
            AnteroposteriorRange = lengthSquareQ14 > 0
                ? ToCentidegrees(((_anteroposteriorMax - _anteroposteriorMin) * horizontal) / lengthSquareQ14)
                : 0;

            RotationRange = ((_rotationMax - _rotationMin) * RotationToCentidegreesNumerator) >> RotationToCentidegreesShift;
            StrideUpdates = updates;
            _strides++;
        }

        /// <summary>Q14 radians to centidegrees: × 18000/π / 16384 = × 5730 / 16384 (0.006% high).</summary>
        private static int ToCentidegrees(int radiansQ14)
        {
            return (radiansQ14 * CentidegreesPerRadian) >> IntegerMath.Q14Shift;
        }
    }
}

