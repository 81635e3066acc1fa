using LumbarBand.Core.Sensing;

namespace LumbarBand.Core.Gait
{
    /// <summary>
    /// Step length from the pelvis's vertical excursion over each counted step, by the inverted pendulum of
    /// Zijlstra &amp; Hof 2003 ("Assessment of spatio-temporal gait parameters from trunk accelerations during human
    /// walking", Gait &amp; Posture 18:1–10): a leg of length l vaulting over the foot raises and lowers the pelvis by
    /// h, and the pelvis travels 2·√(2lh − h²) forward meanwhile; a correction factor K for what the pendulum leaves
    /// out gives the step length, K·2·√(2lh − h²).
    /// </summary>
    /// <remarks>
    /// <para>h is measured as Zijlstra &amp; Hof measured it: the vertical acceleration double-integrated over the step,
    /// from one initial contact to the next, with its drift removed, and h the difference between the highest and
    /// lowest position. The acceleration is <see cref="VerticalHistory"/>'s (12.5 Hz, the 80 ms box mean); the drift
    /// is removed as the pelvis ends a step at the height and vertical speed it began with (level walking): the
    /// acceleration's mean over the step is removed before the first integration, the velocity's before the second.
    /// (Zijlstra &amp; Hof high-pass filtered the whole signal instead; per step needs no per-sample work.) A step is
    /// integrated once, when it is counted: the six steps that confirm a bout come seconds late, which the history's
    /// 5.12 s cover down to 60 steps/min; an older step is timed but not measured. Integrating the waveform replaces
    /// the sinusoid once read from the step detector's trough-to-peak swing, which took the heel strike's short
    /// impact for pendulum motion and so read slow steps long (real HA002 +44%, simulated 80 steps/min +16%).</para>
    /// <para>Turning steps (<see cref="TurningStepEighths"/>): the pendulum and its K were derived on straight walking.
    /// On a turn the feet step around the body as much as ahead of it (pivots, side and cross-over steps: Hase &amp;
    /// Stein 1999, "Turning strategies during human walking", J Neurophysiol 81:2914–2922), yet the pelvis still rises
    /// and falls over each stance leg, and the pendulum reads every rise as forward travel: with the reference's own
    /// contacts, real strides turning 40° or more read 1/0.71 of their length, straight ones 1/0.99.</para>
    /// <para>Units: lengths in tenths of mm inside, mm out; time in µs (events); acceleration 1/128 g per 80 ms entry.
    /// Work per counted step (two passes over its 4–25 entries, one integer square root), none per sample.</para>
    /// </remarks>
    public sealed class StepLengthEstimator
    {
        /// <summary>
        /// Leg length as a fraction of body height, permille: 530, the height of the greater trochanter (Winter 2009,
        /// Biomechanics and Motor Control of Human Movement, 4th ed., Fig. 4.1, after Drillis &amp; Contini 1966),
        /// the pendulum length l of Zijlstra &amp; Hof 2003. Anthropometric, not fitted.
        /// </summary>
        public const int LegLengthPermilleOfHeight = 530;

        /// <summary>
        /// K of Zijlstra &amp; Hof 2003, permille: 1.25, their published correction of the pendulum's chord to the step
        /// length (the pendulum vaults over single support; the step also covers double support), not fitted here.
        /// `lumbarband validate ../shared/data/lowerback-walks` prints the speed errors with it per subject, and a
        /// leave-one-subject-out fit of K beside it.
        /// </summary>
        public const int CorrectionPermille = 1250;

        /// <summary>
        /// A step counted while the wearer turns (<see cref="TurnDetector.IsTurning"/>, the band's one definition of a
        /// turn) is given this many eighths of the pendulum's length: 6, i.e. 3/4. Fitted, the one constant of the
        /// step length fitted to real walks: on lowerback-walks each subject with turns wants 6–7 eighths, and
        /// `lumbarband validate ../shared/data/lowerback-walks` prints its leave-one-subject-out fit and the errors
        /// held out. The reason it holds beyond these walkers is in the remarks: every walker's turns place the feet
        /// beside and across, not ahead; a value below 1 is physics, only its size is fitted. Straight walking
        /// (the simulated walks, the lab's straight tests) is untouched.
        /// </summary>
        public const int TurningStepEighths = 6;

        /// <summary>Shift of an eighth (<see cref="TurningStepEighths"/>).</summary>
        private const int EighthsShift = 3;

        /// <summary>All eight eighths: a turning step read as the pendulum reads it.</summary>
        public const int WholeStepEighths = 1 << EighthsShift;

        /// <summary>
        /// Largest excursion taken, tenths of mm: 100 mm. The pelvis of the fastest walkers rises some 50–60 mm a
        /// step; a larger one is a jolt (a kerb, a stumble), not a pendulum, and is clipped rather than trusted.
        /// </summary>
        public const int MaxRiseTenthsMm = 1000;

        /// <summary>Fewest history entries a step is integrated over: 4 (0.32 s; walking's steps are longer, see <see cref="WalkingBoutTracker.MinStepSamples"/>).</summary>
        public const int MinStepEntries = 4;

        /// <summary>
        /// One entry² of 1/128 g in tenths of mm, × 10^4: 9.80665 m/s² / 128 × (0.08 s)² = 0.49033 mm = 4.9033 tenths
        /// of mm. The double sum is scaled by n² (n entries in the step) to keep both mean removals in integers, so
        /// h = range × 49033 / (10^4 · n²).
        /// </summary>
        private const long TenthsMmPerEntrySquaredE4 = 49033;

        /// <summary>The scale 10^4 of <see cref="TenthsMmPerEntrySquaredE4"/>.</summary>
        private const long E4 = 10000;

        /// <summary>Newton steps from the last step's root (each squares the relative error: 50% → 12% → 0.8% → 0.003%).</summary>
        private const int RootIterations = 3;

        /// <summary>Tenths of mm per cm (the height setting's unit).</summary>
        private const int TenthsMmPerCm = 100;

        /// <summary>Permille scale.</summary>
        private const int Permille = 1000;

        /// <summary>The band's <see cref="VerticalHistory"/> ring.</summary>
        private readonly sbyte[] _history;

        /// <summary>Leg length l, tenths of mm.</summary>
        private int _legTenthsMm;

        /// <summary>√(2lh − h²) of the last measured step, tenths of mm: the seed of the next root (0: none yet).</summary>
        private int _lastRoot;

        /// <summary>Contact time of the last counted step of the bout, µs; 0 before the bout's first step.</summary>
        private long _lastStepUs;

        /// <summary>Eighths of the pendulum's length a turning step is given (<see cref="TurningStepEighths"/>).</summary>
        private int _turningEighths = TurningStepEighths;

        /// <summary>Creates an estimator for a wearer of <paramref name="heightCm"/> cm, measuring steps over a <see cref="VerticalHistory"/> ring.</summary>
        public StepLengthEstimator(int heightCm, sbyte[] verticalHistory)
        {
            _history = verticalHistory;
            Configure(heightCm);
        }

        /// <summary>After <see cref="OnStep"/> returned true: the step's duration (from the previous counted step), µs.</summary>
        public int StepTimeUs;

        /// <summary>After <see cref="OnStep"/> returned true: the pelvis's excursion over the step, tenths of mm (0: its entries are no longer in the history, not measured).</summary>
        public int RiseTenthsMm;

        /// <summary>After <see cref="OnStep"/> returned true: the step's length, tenths of mm (0: not measured).</summary>
        public int StepLengthTenthsMm;

        /// <summary>The leg length in use, tenths of mm.</summary>
        public int LegLengthTenthsMm { get { return _legTenthsMm; } }

        /// <summary>Sets the wearer's height, cm (the <see cref="Configuration.SettingId.WearerHeightCm"/> setting).</summary>
        public void Configure(int heightCm)
        {
            _legTenthsMm = LegLengthOf(heightCm);
        }

        /// <summary>
        /// Sets the eighths of the pendulum's length a turning step is given, 1–8 (8: as straight). The band keeps
        /// <see cref="TurningStepEighths"/>; the host's leave-one-subject-out fit runs the others. Throws
        /// <see cref="System.ArgumentException"/> outside 1–8.
        /// </summary>
        public void SetTurningStepEighths(int eighths)
        {
            if (eighths < 1 || eighths > WholeStepEighths)
            {
                throw new System.ArgumentException("a turning step's share of the pendulum's length is 1 to 8 eighths", nameof(eighths));
            }

            _turningEighths = eighths;
        }

        /// <summary>The leg length of a wearer <paramref name="heightCm"/> cm tall, tenths of mm.</summary>
        public static int LegLengthOf(int heightCm)
        {
            return heightCm * TenthsMmPerCm * LegLengthPermilleOfHeight / Permille;
        }

        /// <summary>A walking bout started: its first step has no step time.</summary>
        public void OnBoutStart()
        {
            _lastStepUs = 0;
        }

        /// <summary>
        /// A counted step of the bout, at its contact time (µs) and sample number <paramref name="contactSample"/>;
        /// <paramref name="newestEntry"/> is the history's newest entry; <paramref name="turning"/> is true while the
        /// wearer turns (<see cref="TurnDetector.IsTurning"/>). Returns true when it has a step time: a previous step in the bout at a
        /// walking interval (<see cref="StepTimeUs"/>). Its excursion (<see cref="RiseTenthsMm"/>) is then measured too
        /// with its length (<see cref="StepLengthTenthsMm"/>, a turning step's <see cref="TurningStepEighths"/> of the
        /// pendulum's), or both are 0 if its entries are no longer in the history.
        /// </summary>
        public bool OnStep(long contactUs, int contactSample, int newestEntry, bool turning)
        {
            long previous = _lastStepUs;
            _lastStepUs = contactUs;
            if (previous == 0)
            {
                return false;
            }

            int samples = (int)((contactUs - previous) / ImuFormat.SamplePeriodUs);
            if (samples < WalkingBoutTracker.MinStepSamples || samples > WalkingBoutTracker.MaxGapSamples)
            {
                return false;
            }

            StepTimeUs = (int)(contactUs - previous);
            RiseTenthsMm = 0;
            StepLengthTenthsMm = 0;
            // The step's entries: those centred from the previous contact up to this one.
            int first = VerticalHistory.EntryAtOrAfter(contactSample - samples);
            int n = VerticalHistory.EntryAtOrAfter(contactSample) - first;
            if (n >= MinStepEntries && newestEntry - first < VerticalHistory.Entries)
            {
                int rise = Excursion(_history, first, n);
                RiseTenthsMm = rise;
                int length = SeededLength(rise);
                StepLengthTenthsMm = turning ? (length * _turningEighths) >> EighthsShift : length;
            }

            return true;
        }

        /// <summary>
        /// The pelvis's vertical excursion over the <paramref name="n"/> entries of <paramref name="ring"/> (a
        /// <see cref="VerticalHistory"/>'s, 1/128 g) from entry <paramref name="first"/>, tenths of mm: the acceleration
        /// less its mean, summed to a velocity, less its mean, summed to a position (so the step ends where it began),
        /// and the position's range. Scaled by n and n² to stay in integers: |a| ≤ 128 and n ≤ 25 keep the position
        /// below 2^27.
        /// </summary>
        public static int Excursion(sbyte[] ring, int first, int n)
        {
            int end = first + n;
            int sum = 0;
            int sumOfSums = 0;
            for (int i = first; i != end; i++)
            {
                sum += ring[i & VerticalHistory.Mask];
                sumOfSums += sum;
            }

            // Σ over the step of n × (velocity with the acceleration's mean removed): n·Σ V − Σa·n(n+1)/2.
            int velocitySum = (n * sumOfSums) - (sum * n * (n + 1) / 2);
            int velocity = 0;
            int position = 0;
            int highest = 0;
            int lowest = 0;
            for (int i = first; i != end; i++)
            {
                velocity += (n * ring[i & VerticalHistory.Mask]) - sum;
                position += (n * velocity) - velocitySum;
                if (position > highest)
                {
                    highest = position;
                }
                else if (position < lowest)
                {
                    lowest = position;
                }
            }

            return (int)((highest - lowest) * TenthsMmPerEntrySquaredE4 / (E4 * n * n));
        }

        /// <summary>
        /// <see cref="Length"/> for this wearer, with the square root started from the last step's chord: a bout's
        /// steps differ by tens of percent, so <see cref="RootIterations"/> Newton steps from there are exact to a
        /// tenth of a millimetre at a quarter of the full root's cost; a chord more than twice or under half the
        /// last one takes the full root.
        /// </summary>
        private int SeededLength(int riseTenthsMm)
        {
            int h = Clip(riseTenthsMm, _legTenthsMm);
            int value = (2 * _legTenthsMm * h) - (h * h);
            int x = _lastRoot;
            int square = x * x;
            if (x == 0 || value > square << 2 || value < square >> 2)
            {
                x = IntegerMath.Sqrt(value);
            }
            else
            {
                for (int i = 0; i < RootIterations; i++)
                {
                    x = (x + (value / x)) >> 1;
                }
            }

            _lastRoot = x;
            return 2 * x * CorrectionPermille / Permille;
        }

        /// <summary>The excursion clipped to <see cref="MaxRiseTenthsMm"/> and to the leg length.</summary>
        private static int Clip(int riseTenthsMm, int legTenthsMm)
        {
            int h = riseTenthsMm > MaxRiseTenthsMm ? MaxRiseTenthsMm : riseTenthsMm;
            return h > legTenthsMm ? legTenthsMm : h;
        }

        /// <summary>
        /// K·2·√(2lh − h²), tenths of mm, for a leg <paramref name="legTenthsMm"/> and an excursion
        /// <paramref name="riseTenthsMm"/> (clipped to <see cref="MaxRiseTenthsMm"/> and to l).
        /// </summary>
        public static int Length(int legTenthsMm, int riseTenthsMm)
        {
            int h = Clip(riseTenthsMm, legTenthsMm);
            int chord = 2 * IntegerMath.Sqrt((2 * legTenthsMm * h) - (h * h));
            return chord * CorrectionPermille / Permille;
        }
    }
}
