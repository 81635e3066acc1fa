using LumbarBand.Core.Posture;
using LumbarBand.Core.Sensing;

namespace LumbarBand.Core.Sway
{
    /// <summary>
    /// Measures the trunk's sway in each whole stride of walking, turning taken out: the range (maximum − minimum) of
    /// mediolateral tilt (lateral bend), of anteroposterior tilt (flexion/extension) and of transverse rotation (about
    /// the trunk's vertical, less the stride's own mean turning rate) from one initial contact to the same foot's next,
    /// in centidegrees. Strides in which the wearer turns are counted apart (<see cref="TurningStrides"/>) and not
    /// reported. Also tracks the trunk's twist within the stride, which <see cref="PostureMeter"/> needs to keep
    /// flexion and bend apart while the trunk is flexed.
    /// </summary>
    /// <remarks>
    /// <para>Method: the per-stride range of motion of the pelvis and trunk in gait, each axis on its own (Lamoth,
    /// Beek &amp; Meijer 2002, "Pelvis–thorax coordination in the transverse plane during gait", Gait &amp; Posture
    /// 16:101, for the transverse rotation per stride; Moe-Nilssen &amp; Helbostad 2004 for trunk accelerometry per
    /// stride), on strides from one initial contact to the next-but-one. Turns are left out as in the Mobilise-D
    /// lower-back pipeline, where turning is detected from the yaw rate (El-Gohary et al. 2014; Pham et al. 2017,
    /// <see cref="TurnDetector"/>) and straight walking is analysed apart.</para>
    /// <para>Changes for the band: the stages before it report a bout's first steps only once walking is confirmed
    /// (seconds late), so the meter keeps a short history of each filter step's tilt and heading (<see cref="HistoryUpdates"/>,
    /// 10 s) and measures each stride when its closing step is reported, however late, from the contacts' own times:
    /// every whole stride of a bout is measured, the first ones included. Rotation is the bias-corrected gyroscope
    /// about gravity (the yaw rate <see cref="TurnDetector"/> computes, shared for cost), integrated, less the straight line from the
    /// stride's first heading to its last (the stride's mean turning rate): walking a curve is not sway. A stride
    /// whose mean yaw rate passes 15 °/s, or during which <see cref="TurnDetector"/> saw a turn (its reports read
    /// 0.64 s late, its lag), is a turning stride: its trunk rolls and pitches with the turn and its rotation is the turn,
    /// so it is counted apart and not reported. A stride whose two steps differ by more than a quarter (a missed or an
    /// extra step) is not a stride and is dropped.</para>
    /// <para>Tilts are those of <see cref="TiltEstimator"/>'s gravity direction written in <see cref="PostureAxes"/>
    /// (so a turn does not register as tilt), with the twist taken out: a trunk flexed by f that twists by ψ about its
    /// own axis turns gravity's mediolateral component by sin f · ψ without bending sideways at all. The twist is the
    /// heading less the last straight stride's mean heading and turning rate, extrapolated; undoing it is a rotation of
    /// the horizontal components by ψ (small-angle: ml += ap·ψ, ap −= ml·ψ).</para>
    /// <para>Fixed-point changes, for cost: per filter step (12.5 Hz) two projections of the Q12 gravity estimate onto
    /// the Q14 axes (results in Q14: the sines of the tilts, kept as shorts), the yaw rate of
    /// <see cref="TurnDetector"/> (held over the step's four samples, as the tilt filter does), the twist and three stores. Per stride,
    /// one pass over its history (about 14 entries at a normal cadence, 43 at 35 steps/min) with the linear trend
    /// accumulated in Q10. The sines are turned into angle ranges once per stride, linearised about the stride's middle
    /// (under 0.1% off for a 10° range). Rotation is accumulated in count-samples (1 = 1/32.768 °/s × 20 ms =
    /// 1.06529e-5 rad = 0.061 centidegrees), wrapping harmlessly (only differences within a stride are used).</para>
    /// </remarks>
    public sealed class SwayMeter
    {
        /// <summary>Steps per stride.</summary>
        public const int StepsPerStride = 2;

        /// <summary>
        /// Filter steps of history kept: 128, 10.24 s. The bout stage confirms walking six steps after its first
        /// contact and then reports them all; at 35 steps/min those six steps span 8.6 s, plus its 0.5 s of detection
        /// latency. A power of two, so the index wraps with a mask.
        /// </summary>
        public const int HistoryUpdates = 128;

        /// <summary>Mask of the history index.</summary>
        private const int HistoryMask = HistoryUpdates - 1;

        /// <summary>
        /// Longest stride measured, in filter steps: 4.5 s (two steps at 27 steps/min, below the 35 steps/min of the
        /// slowest walkers the band serves, with room for their step-to-step variability). A longer one is a pause.
        /// </summary>
        public const int MaxStrideUpdates = 9 * TiltEstimator.StepsPerSecond / 2;

        /// <summary>Shortest stride measured, in filter steps: 0.6 s (two steps at 200 steps/min); a shorter one is dropped.</summary>
        public const int MinStrideUpdates = 6 * TiltEstimator.StepsPerSecond / 10;

        /// <summary>Strides whose results stay readable through <see cref="TryGetStride"/> (several close at once when a bout is confirmed).</summary>
        public const int RecentStrides = 8;

        private const int RecentMask = RecentStrides - 1;

        /// <summary>Ints kept per recent stride (see <see cref="_recent"/>).</summary>
        private const int RecentFields = 5;

        /// <summary>
        /// A stride is measured only if its two steps differ by at most 1/2^2 = 25% of the longer: step times differ by
        /// 2–10% in steady walking (up to 15–20% in hemiparetic or MS gait), while a missed or an extra step makes one
        /// twice the other.
        /// </summary>
        private const int StepAsymmetryShift = 2;

        /// <summary>Shift from the Q22 gravity estimate to the Q12 copy projected (Q12 × Q14, thrice, fits in int).</summary>
        private const int GravityShift = TiltEstimator.StateFractionBits - 12;

        /// <summary>Shift from Q12 × Q14 products to Q14.</summary>
        private const int ProjectionShift = 12;

        /// <summary>A filter step's yaw rate (counts) stands for its four samples: count-samples are counts × 4.</summary>
        private const int YawToRotationShift = 2;

        /// <summary>Fraction bits of the per-step trend removed from the stride's heading (Q10: a 0.001 count-sample rounding per step).</summary>
        private const int TrendShift = 10;

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
        /// value is a turn under way and is ignored.
        /// </summary>
        public const int MaxTwistQ14 = 3431;

        /// <summary>
        /// Largest change of heading over a stride from which a twist reference is taken: 20°, in count-samples
        /// 2000 centidegrees × 2048/125 = 32768. Beyond it the stride curved too much for its mean heading and rate to
        /// describe the next one.
        /// </summary>
        private const int MaxReferenceTurn = 32768;

        /// <summary>
        /// Mean yaw rate over a stride beyond which the stride is a turn: 15 °/s, the turning threshold of El-Gohary et
        /// al. 2014, in count-samples per filter step (15 × 32.768 counts × 4 samples = 1966). Straight strides of the
        /// real walks turn by 9 °/s at most, the strides of their turns by 18–94 °/s.
        /// </summary>
        private const int TurningStrideRate = 1966;

        /// <summary>
        /// Delay of <see cref="TurnDetector"/>'s reports against the yaw they describe: 8 filter steps, the time
        /// constant of its average (0.64 s).
        /// </summary>
        private const int TurnLagUpdates = 1 << TurnDetector.AverageShift;

        private readonly TiltEstimator _tilt;
        private readonly PostureAxes _axes;

        // Per filter step: twist-corrected tilt sines (Q14) and the cumulative heading (count-samples).
        private readonly short[] _mediolateral = new short[HistoryUpdates];
        private readonly short[] _anteroposterior = new short[HistoryUpdates];
        private readonly int[] _heading = new int[HistoryUpdates];

        /// <summary>
        /// The last strides' results, <see cref="RecentFields"/> ints from (stride number &amp; RecentMask) × RecentFields:
        /// closing contact's sample, length in samples, then the mediolateral, anteroposterior and rotation ranges
        /// (centidegrees). One array, not five (each array costs a 24-byte header).
        /// </summary>
        private readonly int[] _recent = new int[RecentStrides * RecentFields];

        /// <summary>Filter step number of the last <see cref="Accumulate"/>.</summary>
        private int _update;

        // First and last filter steps of the last turn <see cref="TurnDetector"/> reported (at power-on, long ago).
        private int _turnStart = -2 * HistoryUpdates;
        private int _turnEnd = -2 * HistoryUpdates;
        private int _headingNow;


        /// <summary>Contact (filter step) that opens the current stride, and of its middle step; steps since it (-1: none).</summary>
        private int _strideStart;
        private int _strideMiddle;
        private int _stepsInStride = -1;

        // Twist reference: the last straight stride's mean heading (count-samples) at its middle (filter step), and its
        // turning rate (heading change over steps).
        private bool _twistKnown;
        private int _twistCenter;
        private int _twistMiddle;
        private int _twistTurn;
        private int _twistUpdates;

        /// <summary>
        /// Oldest the twist reference may get, filter steps from its stride's middle: two of its strides and the turn
        /// detector's lag. In steady walking the next stride replaces it within a stride and a half; once walking stops
        /// (or pauses) the twist is unknown, so a bend while standing is not corrected by a walking stride's trend.
        /// </summary>
        private int _twistMaxAge;

        /// <summary>Trunk twist about its vertical relative to its mean heading, Q14 radians, positive to the left; 0 when unknown.</summary>
        internal int Twist;

        /// <summary>Range of lateral bend over the last stride, centidegrees.</summary>
        internal int MediolateralRange;

        /// <summary>Range of flexion/extension over the last stride, centidegrees.</summary>
        internal int AnteroposteriorRange;

        /// <summary>Range of rotation about the vertical over the last stride, turning taken out, centidegrees.</summary>
        internal int RotationRange;

        /// <summary>Length of the last stride, filter steps (12.5 per second).</summary>
        internal int StrideUpdates;

        private int _strides;
        private int _turningStrides;

        /// <summary>
        /// Creates a meter on the gravity estimate of <paramref name="tilt"/>, about <paramref name="axes"/>.
        /// </summary>
        public SwayMeter(TiltEstimator tilt, PostureAxes axes)
        {
            _tilt = tilt;
            _axes = axes;
        }

        /// <summary>Strides measured since power-on; increments when a stride's three ranges are new.</summary>
        public int Strides { get { return _strides; } }

        /// <summary>Whole strides in which the wearer turned, counted apart and not measured, since power-on.</summary>
        public int TurningStrides { get { return _turningStrides; } }

        /// <summary>Range (max − min) of mediolateral tilt (lateral bend) over the last stride, centidegrees.</summary>
        public int MediolateralRangeCentidegrees { get { return MediolateralRange; } }

        /// <summary>Range of anteroposterior tilt (flexion/extension) over the last stride, centidegrees.</summary>
        public int AnteroposteriorRangeCentidegrees { get { return AnteroposteriorRange; } }

        /// <summary>Range of transverse rotation (about the trunk's vertical, the stride's mean turning taken out) over the last stride, centidegrees.</summary>
        public int RotationRangeCentidegrees { get { return RotationRange; } }

        /// <summary>Duration of the last stride in samples (50 per second).</summary>
        public int StrideSamples { get { return StrideUpdates * TiltEstimator.SamplesPerStep; } }

        /// <summary>
        /// The trunk's current twist about its long axis relative to its mean heading, Q14 radians (16384 = 1 rad),
        /// positive to the left; 0 before a straight stride has been measured, and in turns.
        /// </summary>
        public int TwistQ14 { get { return Twist; } }

        /// <summary>
        /// Reads stride number <paramref name="stride"/> (1 = the first since power-on) if it is among the last
        /// <see cref="RecentStrides"/>: the sample number its closing contact fell on (the band's sample count, rounded
        /// down to a filter step), its length in samples and its three ranges in centidegrees.
        /// </summary>
        public bool TryGetStride(int stride, out int endSample, out int samples, out int mediolateral, out int anteroposterior, out int rotation)
        {
            bool known = stride > 0 && stride <= _strides && _strides - stride < RecentStrides;
            int[] recent = _recent;
            int k = (stride & RecentMask) * RecentFields;
            endSample = known ? recent[k] : 0;
            samples = known ? recent[k + 1] : 0;
            mediolateral = known ? recent[k + 2] : 0;
            anteroposterior = known ? recent[k + 3] : 0;
            rotation = known ? recent[k + 4] : 0;
            return known;
        }

        /// <summary>
        /// Call after each <see cref="TiltEstimator.Update"/> (12.5 Hz, whether or not the wearer walks) with its
        /// filter step number (the band's sample number / <see cref="TiltEstimator.SamplesPerStep"/>), the yaw rate
        /// about gravity in gyroscope counts and whether the wearer turns (both <see cref="TurnDetector"/>'s). Records the step's tilt and heading in the history.
        /// </summary>
        public void Accumulate(int update, int yawCounts, bool turning)
        {
            PostureAxes axes = _axes;
            int heading = _headingNow + (yawCounts << YawToRotationShift);
            _headingNow = heading;
            _update = update;
            if (turning)
            {
                // The last turn reported: from its first filter step (if the one before was not turning) to this one.
                if (update - _turnEnd != 1)
                {
                    _turnStart = update;
                }

                _turnEnd = update;
            }

            // Twist (Q14 rad) about the last straight stride's mean heading and rate; beyond ±MaxTwistQ14 a turn.
            int twist = 0;
            if (_twistKnown)
            {
                int age = update - _twistMiddle;
                if (age > _twistMaxAge || turning)
                {
                    _twistKnown = false;
                }
                else
                {
                    twist = ((heading - _twistCenter - ((_twistTurn * age) / _twistUpdates)) * RotationToQ14RadiansNumerator) >> RotationToQ14RadiansShift;
                    if ((uint)(twist + MaxTwistQ14) > 2 * MaxTwistQ14)
                    {
                        twist = 0;
                    }
                }
            }

            Twist = twist;
            TiltEstimator tilt = _tilt;
            int gx = tilt.UpX >> GravityShift;
            int gy = tilt.UpY >> GravityShift;
            int gz = tilt.UpZ >> GravityShift;
            int lateral = ((gx * axes.LateralX) + (gy * axes.LateralY) + (gz * axes.LateralZ)) >> ProjectionShift;
            int forward = ((gx * axes.ForwardX) + (gy * axes.ForwardY) + (gz * axes.ForwardZ)) >> ProjectionShift;
            int i = update & HistoryMask;
            _mediolateral[i] = (short)(lateral + ((forward * twist) >> IntegerMath.Q14Shift));
            _anteroposterior[i] = (short)(forward - ((lateral * twist) >> IntegerMath.Q14Shift));
            _heading[i] = heading;
        }

        /// <summary>A walking bout starts (or ends): the next step opens a new stride.</summary>
        public void OnBoutStart()
        {
            _stepsInStride = -1;
        }

        /// <summary>
        /// Call on each counted step of a walking bout, in order, when it is reported (a few samples after its initial
        /// contact; at the start of a bout, the steps that confirmed it one after another), with the filter step its
        /// initial contact fell in (contact sample / <see cref="TiltEstimator.SamplesPerStep"/>). Every second step
        /// closes a stride. Returns true when a stride was measured: its ranges are then in the properties and
        /// <see cref="Strides"/> has incremented.
        /// </summary>
        public bool OnStep(int contactUpdate)
        {
            int steps = _stepsInStride;
            if (steps < 0 || contactUpdate - _strideStart > MaxStrideUpdates || contactUpdate - _strideStart < 0)
            {
                // First step of a bout, or after a pause: it opens a stride.
                Open(contactUpdate);
                return false;
            }

            if (steps == 0)
            {
                _strideMiddle = contactUpdate;
                _stepsInStride = 1;
                return false;
            }

            int start = _strideStart;
            int middle = _strideMiddle;
            Open(contactUpdate);
            int updates = contactUpdate - start;
            int first = middle - start;
            int second = contactUpdate - middle;
            int longer = first > second ? first : second;
            if (updates < MinStrideUpdates || IntegerMath.Abs(first - second) > longer >> StepAsymmetryShift
                || _update - start >= HistoryUpdates || !_axes.Known)
            {
                return false;
            }

            if (Turned(start, updates))
            {
                _turningStrides++;
                _twistKnown = false;
                return false;
            }

            Measure(start, updates);
            return true;
        }

        /// <summary>
        /// True if the wearer turned in the stride of <paramref name="updates"/> filter steps from
        /// <paramref name="start"/>: its mean yaw rate is beyond <see cref="TurningStrideRate"/>, or the last turn
        /// <see cref="TurnDetector"/> reported overlaps it (its reports taken <see cref="TurnLagUpdates"/> earlier,
        /// when the yaw they describe happened). Only the last turn is kept: a stride measured late, at the start of a
        /// bout, with two turns reported since, is judged by the last one and its own mean rate.
        /// </summary>
        private bool Turned(int start, int updates)
        {
            int turn = _heading[(start + updates) & HistoryMask] - _heading[start & HistoryMask];
            return IntegerMath.Abs(turn) > updates * TurningStrideRate
                || (_turnEnd - TurnLagUpdates - start >= 0 && start + updates - (_turnStart - TurnLagUpdates) >= 0);
        }

        private void Open(int contactUpdate)
        {
            _strideStart = contactUpdate;
            _stepsInStride = 0;
        }

        /// <summary>Ranges of the stride of <paramref name="updates"/> filter steps from <paramref name="start"/>, from the history.</summary>
        private void Measure(int start, int updates)
        {
            short[] mlHistory = _mediolateral;
            short[] apHistory = _anteroposterior;
            int[] headings = _heading;
            int first = headings[start & HistoryMask];
            int turn = headings[(start + updates) & HistoryMask] - first;
            int slope = (turn << TrendShift) / updates;
            int trend = 0;
            int rotationMin = 0;
            int rotationMax = 0;
            int rotationSum = 0;
            int mlMin = mlHistory[start & HistoryMask];
            int mlMax = mlMin;
            int apMin = apHistory[start & HistoryMask];
            int apMax = apMin;
            for (int k = 0; k <= updates; k++)
            {
                int i = (start + k) & HistoryMask;
                int rotation = headings[i] - first;
                rotationSum += rotation;
                rotation -= trend >> TrendShift;
                trend += slope;
                if (rotation < rotationMin)
                {
                    rotationMin = rotation;
                }
                else if (rotation > rotationMax)
                {
                    rotationMax = rotation;
                }

                int ml = mlHistory[i];
                if (ml < mlMin)
                {
                    mlMin = ml;
                }
                else if (ml > mlMax)
                {
                    mlMax = ml;
                }

                int ap = apHistory[i];
                if (ap < apMin)
                {
                    apMin = ap;
                }
                else if (ap > apMax)
                {
                    apMax = ap;
                }
            }

            // The stride's mean heading and turning rate are the reference of the twist that follows, if it was
            // nearly straight.
            _twistKnown = IntegerMath.Abs(turn) <= MaxReferenceTurn;
            _twistCenter = first + (rotationSum / (updates + 1));
            _twistMiddle = start + (updates >> 1);
            _twistTurn = turn;
            _twistUpdates = updates;
            _twistMaxAge = (updates << 1) + TurnLagUpdates;

            RotationRange = ((rotationMax - rotationMin) * RotationToCentidegreesNumerator) >> RotationToCentidegreesShift;
            ToAngleRanges(mlMax - mlMin, apMax - apMin, (mlMax + mlMin) >> 1, (apMax + apMin) >> 1);
            StrideUpdates = updates;
            int stride = ++_strides;
            int[] recent = _recent;
            int r = (stride & RecentMask) * RecentFields;
            recent[r] = (start + updates) * TiltEstimator.SamplesPerStep;
            recent[r + 1] = updates * TiltEstimator.SamplesPerStep;
            recent[r + 2] = MediolateralRange;
            recent[r + 3] = AnteroposteriorRange;
            recent[r + 4] = RotationRange;
        }

        /// <summary>
        /// Converts the ranges of the tilt sines (Q14) to angle ranges about the stride's middle posture (lateral
        /// sine <paramref name="lateral"/>, forward sine <paramref name="forward"/>), with <see cref="TiltMath"/>'s
        /// convention: flexion = atan2(−ap, v), lateral bend = atan2(ml, √(v² + ap²)). Over a stride's few degrees they
        /// are linear: Δflexion = Δap·v/(v² + ap²), Δbend = Δml·√(v² + ap²)/|g|².
        /// </summary>
        private void ToAngleRanges(int mediolateralSpan, int anteroposteriorSpan, int lateral, int forward)
        {
            TiltEstimator tilt = _tilt;
            PostureAxes axes = _axes;
            int gx = tilt.UpX >> GravityShift;
            int gy = tilt.UpY >> GravityShift;
            int gz = tilt.UpZ >> GravityShift;
            int vertical = ((gx * axes.VerticalX) + (gy * axes.VerticalY) + (gz * axes.VerticalZ)) >> ProjectionShift;
            int sagittalSquare = (vertical * vertical) + (forward * forward);
            int lengthSquare = sagittalSquare + (lateral * lateral);
            int sagittal = TiltMath.Hypot(vertical, forward);
            int sagittalSquareQ14 = sagittalSquare >> IntegerMath.Q14Shift;
            int lengthSquareQ14 = lengthSquare >> IntegerMath.Q14Shift;
            AnteroposteriorRange = sagittalSquareQ14 > 0
                ? ToCentidegrees((anteroposteriorSpan * IntegerMath.Abs(vertical)) / sagittalSquareQ14)
                : 0;
            MediolateralRange = lengthSquareQ14 > 0
                ? ToCentidegrees((mediolateralSpan * sagittal) / lengthSquareQ14)
                : 0;
        }

        /// <summary>Q14 radians to centidegrees: × 18000/π / 16384 = × 5730 / 16384 (0.006% high).</summary>
        private static int ToCentidegrees(int radiansQ14)
        {
            return (radiansQ14 * CentidegreesPerRadian) >> IntegerMath.Q14Shift;
        }
    }
}
