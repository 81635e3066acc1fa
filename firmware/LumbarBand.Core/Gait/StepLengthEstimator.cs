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
    /// <para>h comes from the step detector's trough-to-peak swing of vertical acceleration and the step's duration
    /// (<see cref="WalkingBoutTracker.RiseTenthsMm"/>: the pelvis's vertical motion is close to a sinusoid at the step
    /// frequency, whose displacement range is its acceleration range over ω²), so no per-sample integration is needed:
    /// the estimator keeps the swing of the last <see cref="CandidateSlots"/> candidate steps and takes the one whose
    /// contact time matches each counted step (steps are counted seconds after they were candidates, when walking is
    /// confirmed). l is the leg length, a fixed fraction of the wearer's height (<see cref="LegLengthPermilleOfHeight"/>).</para>
    /// <para>Units: lengths in tenths of mm inside, mm out; time in µs (events) and samples at 50 Hz (the rise).
    /// Work per counted step (finding its swing, the rise, one integer square root), none per sample.</para>
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
        /// K of Zijlstra &amp; Hof 2003, permille: the step length over the pendulum's 2·√(2lh − h²) with the band's h.
        /// Their K (1.25) makes up for the double-support part of the step, which the pendulum leaves out; here h is
        /// not the double integral they used but the sinusoid of the smoothed trough-to-peak swing, and that swing
        /// holds the heel-strike impact as well as the pendulum's motion, so it reads the excursion high, by a ratio
        /// set by the shape of a step at the lower back rather than by the wearer (on the real walks, double
        /// integration between the reference's contacts gives chords of 1/1.06 of the true steps, so the pendulum
        /// itself is nearly right). 0.944: fitted on ../shared/data/lowerback-walks as the geometric mean of
        /// reference over band speed per reference bout; leave-one-subject-out it is 0.85–1.02, and
        /// `lumbarband validate ../shared/data/lowerback-walks` prints the held-out errors per subject.
        /// </summary>
        public const int CorrectionPermille = 944;

        /// <summary>Candidate steps remembered: the six that confirm a bout and the two held stopping steps (a step whose candidate is gone is timed but not measured).</summary>
        public const int CandidateSlots = 8;

        /// <summary>Ring index mask of <see cref="CandidateSlots"/>.</summary>
        private const int SlotMask = CandidateSlots - 1;

        /// <summary>
        /// Largest excursion taken, tenths of mm: 100 mm. The pelvis of the fastest walkers rises some 50–60 mm a
        /// step; a larger swing is a jolt (a kerb, a stumble), not a pendulum, and is clipped rather than trusted.
        /// </summary>
        public const int MaxRiseTenthsMm = 1000;

        /// <summary>Newton steps from the last step's root (each squares the relative error: 50% → 12% → 0.8% → 0.003%).</summary>
        private const int RootIterations = 3;

        /// <summary>Tenths of mm per cm (the height setting's unit).</summary>
        private const int TenthsMmPerCm = 100;

        /// <summary>Permille scale.</summary>
        private const int Permille = 1000;

        /// <summary>Low 32 bits of each remembered candidate's contact time, µs (unique within the few seconds the ring spans).</summary>
        private readonly int[] _contactUs = new int[CandidateSlots];
        private readonly int[] _swing = new int[CandidateSlots];
        private int _next;

        /// <summary>Leg length l, tenths of mm.</summary>
        private int _legTenthsMm;

        /// <summary>√(2lh − h²) of the last measured step, tenths of mm: the seed of the next root (0: none yet).</summary>
        private int _lastRoot;

        /// <summary>Contact time of the last counted step of the bout, µs; 0 before the bout's first step.</summary>
        private long _lastStepUs;

        /// <summary>Creates an estimator for a wearer of <paramref name="heightCm"/> cm.</summary>
        public StepLengthEstimator(int heightCm)
        {
            Configure(heightCm);
        }

        /// <summary>After <see cref="OnStep"/> returned true: the step's duration (from the previous counted step), µs.</summary>
        public int StepTimeUs;

        /// <summary>After <see cref="OnStep"/> returned true: the pelvis's excursion over the step, tenths of mm (0: its candidate is no longer remembered, not measured).</summary>
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

        /// <summary>The leg length of a wearer <paramref name="heightCm"/> cm tall, tenths of mm.</summary>
        public static int LegLengthOf(int heightCm)
        {
            return heightCm * TenthsMmPerCm * LegLengthPermilleOfHeight / Permille;
        }

        /// <summary>A candidate step from the step detector: its contact time (µs) and trough-to-peak swing (counts).</summary>
        public void OnCandidate(long contactUs, int swingCounts)
        {
            int i = _next;
            _contactUs[i] = (int)contactUs;
            _swing[i] = swingCounts;
            _next = (i + 1) & SlotMask;
        }

        /// <summary>A walking bout started: its first step has no step time.</summary>
        public void OnBoutStart()
        {
            _lastStepUs = 0;
        }

        /// <summary>
        /// A counted step of the bout, at its contact time (µs). Returns true when it has a step time: a previous step
        /// in the bout at a walking interval (<see cref="StepTimeUs"/>). Its excursion (<see cref="RiseTenthsMm"/>)
        /// is then measured too with its length (<see cref="StepLengthTenthsMm"/>), or both are 0 if its candidate's
        /// swing is no longer remembered.
        /// </summary>
        public bool OnStep(long contactUs)
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
            int key = (int)contactUs;
            int k = _next;
            for (int n = 0; n < CandidateSlots; n++)
            {
                k = (k - 1) & SlotMask;
                if (_contactUs[k] == key)
                {
                    int rise = WalkingBoutTracker.RiseTenthsMm(_swing[k], samples);
                    RiseTenthsMm = rise;
                    StepLengthTenthsMm = SeededLength(rise);
                    return true;
                }
            }

            return true;
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
