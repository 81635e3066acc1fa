namespace LumbarBand.Core.Gait
{
    /// <summary>
    /// A bout's walking speed and stride length from its measured steps' lengths and times: speed is distance over
    /// time (Σ step length / Σ step time), stride length twice the distance over the steps it took (a stride is a left
    /// and a right step). Summing per step keeps a missed step harmless to the speed: the pendulum then sees one long
    /// step whose length and time both double. The stride counts that interval as the steps it spans in the bout's
    /// rhythm, not as one step twice as long.
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
    /// <para>Steps in the bout's rhythm: a counted step's interval that is more than half a step longer than the bout's
    /// step time (its last in-rhythm steps' running mean) holds a step the band did not count, or a pause: the
    /// distance over it is two steps' (or more), not one long step's. Left as one step, each such interval made the
    /// stride read long wherever steps are missed (real HA002's shuffling, HA001's turns: the bout's cadence 52 and 77
    /// steps/min against the reference's 74 and 96, strides +76% and +30%), while the speed, distance over time, was
    /// right. So the stride divides the distance by the steps the intervals span, each the interval over the rhythm's
    /// step time rounded to a whole number (1 below 1.5), and the rhythm follows only intervals that span one step: speed,
    /// stride and cadence then agree (speed = stride × cadence / 120, as the Mobilise-D pipeline ties them, Micó-Amigo et
    /// al. 2023). The Mobilise-D stride length (Soltani et al. 2021, the method Micó-Amigo et al. validated) meets the
    /// same missed steps with a Hampel filter over the step lengths. Turning steps are kept in both (INDIP's bout speed
    /// includes its turns); the band reads their length as <see cref="StepLengthEstimator.TurningStepEighths"/> of the pendulum's.</para>
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

        /// <summary>
        /// The rhythm's step time follows each in-rhythm step by 1/2^2 of its difference: a running mean of about the
        /// last four steps, the span over which the walking bout tracker measures cadence (<see cref="WalkingBoutTracker.CadenceIntervals"/>).
        /// </summary>
        private const int RhythmShift = 2;

        private long _lengthTenthsMm;
        private long _timeUs;
        private int _steps;

        /// <summary>Measured steps seen in the bout (the first is left out).</summary>
        private int _seen;

        /// <summary>The latest measured step, held until the next (so the bout's last is left out): length, tenths of mm.</summary>
        private int _heldLength;

        /// <summary>The held step's time, µs.</summary>
        private int _heldTimeUs;

        /// <summary>Steps the held step's interval spans in the bout's rhythm (1, or more when a step was missed).</summary>
        private int _heldSpan;

        /// <summary>Steps the added steps' intervals span (their count, plus the missed steps inside them).</summary>
        private int _spannedSteps;

        /// <summary>The bout's rhythm: the running mean of its in-rhythm steps' times, µs (0 until its first steady step).</summary>
        private int _rhythmUs;

        /// <summary>Steps the newest measured step's interval spans in the bout's rhythm: 1, or more when it holds a missed step or a pause.</summary>
        public int NewestSpan { get { return _heldSpan; } }

        /// <summary>Steady measured steps of the bout so far (the first and the held latest not among them).</summary>
        public int MeasuredSteps { get { return _steps; } }

        /// <summary>A bout started.</summary>
        public void OnBoutStart()
        {
            _lengthTenthsMm = 0;
            _timeUs = 0;
            _steps = 0;
            _seen = 0;
            _spannedSteps = 0;
            _rhythmUs = 0;
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
                _spannedSteps += _heldSpan;
                _steps++;
            }

            _seen++;
            _heldLength = lengthTenthsMm;
            _heldTimeUs = stepTimeUs;
            _heldSpan = 1;
            if (_seen < 2)
            {
                return;
            }

            // The rhythm starts at the first steady step (the first measured step's interval may be cut short).
            int rhythm = _rhythmUs;
            if (rhythm == 0)
            {
                _rhythmUs = stepTimeUs;
                return;
            }

            int span = ((2 * stepTimeUs) + rhythm) / (2 * rhythm);
            if (span > 1)
            {
                _heldSpan = span;
            }
            else
            {
                _rhythmUs = rhythm + ((stepTimeUs - rhythm) >> RhythmShift);
            }
        }

        /// <summary>Writes <see cref="WalkingBoutOutcome.SpeedMmPerS"/> and <see cref="WalkingBoutOutcome.StrideLengthMm"/> (0 with too few measured steps): stride = 2 × distance / steps spanned.</summary>
        public void Fill(WalkingBoutOutcome outcome)
        {
            if (_steps < MinMeasuredSteps || _timeUs <= 0)
            {
                outcome.SpeedMmPerS = 0;
                outcome.StrideLengthMm = 0;
                return;
            }

            outcome.SpeedMmPerS = (int)(((_lengthTenthsMm * MicrosPerSecond / TenthsPerMm) + (_timeUs >> 1)) / _timeUs);
            outcome.StrideLengthMm = (int)(((2 * _lengthTenthsMm) + (_spannedSteps * TenthsPerMm / 2)) / (_spannedSteps * TenthsPerMm));
        }
    }
}
