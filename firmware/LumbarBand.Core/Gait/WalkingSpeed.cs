namespace LumbarBand.Core.Gait
{
    /// <summary>
    /// A bout's walking speed and stride length from its measured steps' lengths and times: speed is distance over
    /// time (Σ step length / Σ step time), stride length twice the mean step length (a stride is a left and a right
    /// step). Summing per step keeps a missed step harmless to the speed: the pendulum then sees one long step whose
    /// length and time both double.
    /// </summary>
    /// <remarks>
    /// <para>Stride length × stride frequency, per bout, as the Mobilise-D pipeline derives walking speed from a
    /// lower-back sensor (Micó-Amigo et al. 2023, J NeuroEng Rehabil 20:78). Per counted step: a few additions.</para>
    /// <para>The bout's first and last measured steps are left out: the pendulum of <see cref="StepLengthEstimator"/>
    /// is Zijlstra &amp; Hof's model of steady walking, and the first step rises from standing and the last settles
    /// into it (gait initiation and termination, whose steps differ from steady walking's, Jian et al. 1993; steady
    /// state analyses leave them out, e.g. Lindemann et al. 2008), so the pelvis's excursion over them does not say
    /// their length. The tracker already leaves out the weak starting and stopping steps it does not count (and the
    /// first counted step has no step time). Each step is held until the next one comes, so the last is never added.
    /// On the real walks leaving both out lowered the speed error by a third; the speed is that of the bout's steady
    /// steps.</para>
    /// </remarks>
    public sealed class WalkingSpeed
    {
        /// <summary>
        /// Least steady measured steps for a bout's figures: 3, a stride and a step (both feet, once more one of them),
        /// which the shortest bouts (six counted steps: five timed, less the first and the last) still have; fewer
        /// leave them at 0 (not measured).
        /// </summary>
        public const int MinMeasuredSteps = 3;

        /// <summary>µs per second.</summary>
        private const long MicrosPerSecond = 1000000L;

        /// <summary>Tenths of mm per mm.</summary>
        private const int TenthsPerMm = 10;

        private long _lengthTenthsMm;
        private long _timeUs;
        private int _steps;

        /// <summary>Measured steps seen in the bout (the first is left out).</summary>
        private int _seen;

        /// <summary>The latest measured step, held until the next (so the bout's last is left out): length, tenths of mm.</summary>
        private int _heldLength;

        /// <summary>The held step's time, µs.</summary>
        private int _heldTimeUs;

        /// <summary>Steady measured steps of the bout so far (the first and the held latest not among them).</summary>
        public int MeasuredSteps { get { return _steps; } }

        /// <summary>A bout started.</summary>
        public void OnBoutStart()
        {
            _lengthTenthsMm = 0;
            _timeUs = 0;
            _steps = 0;
            _seen = 0;
        }

        /// <summary>A step: its time (µs) and length (tenths of mm; 0, not measured, is left out).</summary>
        public void Add(int stepTimeUs, int lengthTenthsMm)
        {
            if (lengthTenthsMm <= 0)
            {
                return;
            }

            // The first measured step is only held (then dropped); from the third on, the held one is added.
            if (_seen >= 2)
            {
                _lengthTenthsMm += _heldLength;
                _timeUs += _heldTimeUs;
                _steps++;
            }

            _seen++;
            _heldLength = lengthTenthsMm;
            _heldTimeUs = stepTimeUs;
        }

        /// <summary>Writes <see cref="WalkingBoutOutcome.SpeedMmPerS"/> and <see cref="WalkingBoutOutcome.StrideLengthMm"/> (0 with too few measured steps).</summary>
        public void Fill(WalkingBoutOutcome outcome)
        {
            if (_steps < MinMeasuredSteps || _timeUs <= 0)
            {
                outcome.SpeedMmPerS = 0;
                outcome.StrideLengthMm = 0;
                return;
            }

            outcome.SpeedMmPerS = (int)(((_lengthTenthsMm * MicrosPerSecond / TenthsPerMm) + (_timeUs >> 1)) / _timeUs);
            outcome.StrideLengthMm = (int)(((2 * _lengthTenthsMm) + (_steps * TenthsPerMm / 2)) / (_steps * TenthsPerMm));
        }
    }
}
