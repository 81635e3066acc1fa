namespace LumbarBand.Core.Cueing
{
    /// <summary>
    /// The wearer's own walking posture, learnt at the start of each walk: mean flexion and lateral bend over the first
    /// <see cref="LearnEvaluations"/> posture evaluations once walking has settled, each capped at
    /// <see cref="MaxFlexionCentidegrees"/> and <see cref="MaxLateralBendCentidegrees"/>, then followed slowly
    /// (<see cref="FollowShift"/>) while no posture excursion is under way. The posture rules judge
    /// walking posture against it rather than against standing neutral.
    /// </summary>
    /// <remarks>
    /// A band over L5 follows the pelvis, which tilts forward in gait: on the real lower-back walks in
    /// ../shared/data the sensor's mean inclination per steady stride is 10–25° beyond standing neutral in normal
    /// walking, in line with the added anterior pelvic tilt of gait (Levine &amp; Whittle 1992; Crosbie et al. 1997).
    /// Judged against standing neutral, the 20° flexion threshold would buzz at normal walkers on any long walk. The caps
    /// keep a wearer who sets off already stooped from learning the stoop as normal: only the part of the walking
    /// posture that gait explains is forgiven. Only walking posture is learnt, as the session summarizes it (see
    /// <see cref="Session.SessionRecorder"/>): the evaluations since the last counted step (or stride, without steps)
    /// are held (<see cref="Learn"/>) and learnt when the next one shows that walking went on (<see cref="Confirm"/>),
    /// unless the wearer turned meanwhile (<see cref="OnTurning"/>: the whole step interval is the turn's); the end of
    /// walking drops them (<see cref="DropUnconfirmed"/>), since a stop or a sit-down begins after the last step and is known only
    /// seconds later. Fixed point: centidegree sums in int (120 × 18000 fits: held evaluations, at most a few
    /// seconds' worth, may take the count past 100).
    /// </remarks>
    public sealed class WalkingPostureBaseline
    {
        /// <summary>Evaluations averaged: 100 at 5 Hz = 20 s of settled walking, about 17 strides.</summary>
        public const int LearnEvaluations = 100;

        /// <summary>
        /// <see cref="_heldCount"/> of a step interval in which the wearer turned: far below 0, so the evaluations that
        /// follow leave it negative and the next step drops them all.
        /// </summary>
        private const int TurnedSinceLastStep = int.MinValue / 2;

        /// <summary>Largest walking flexion forgiven, centidegrees: 15°, the top of gait's added pelvic tilt on these walks.</summary>
        public const int MaxFlexionCentidegrees = 1500;

        /// <summary>Largest walking lateral bend forgiven, centidegrees: 5°; gait itself adds no sustained side lean.</summary>
        public const int MaxLateralBendCentidegrees = 500;

        /// <summary>
        /// Once known, each confirmed evaluation moves the baseline 2^-8 of the way toward it: a time constant of 256
        /// evaluations, 51 s of walking at 5 Hz. Why it follows at all: the first 20 s are a noisy sample of a walking
        /// posture that wanders by several degrees over tens of seconds (path, pace; on the real-stride walks built from
        /// voisard-l5-walks the band's lateral bend swung ±5° with a 12–14 s period), so a baseline frozen after them
        /// was off by up to 4° from the walk's mean, often toward a lean held later, which then read below the
        /// threshold. Why so slowly: a deliberate change of posture crosses a rule's threshold within a second or two, in
        /// which the baseline takes under 1/25 of it, and <see cref="CueEngine"/> stops it while an excursion is under
        /// way, so a held lean or stoop is not learnt. The cost: a posture held for minutes just below a threshold is
        /// learnt, up to the caps, which bound what any drift can make it forgive.
        /// </summary>
        public const int FollowShift = 8;

        /// <summary>Half of 2^<see cref="FollowShift"/>: the follow step rounds to nearest, so it has no drift of its own.</summary>
        private const int FollowRounding = 1 << (FollowShift - 1);

        private int _count;
        private int _sumFlexion;
        private int _sumLateral;

        /// <summary>
        /// Evaluations held since the last step, not yet confirmed as walking (with their centidegree sums);
        /// <see cref="TurnedSinceLastStep"/> once the wearer turned in this step interval.
        /// </summary>
        private int _heldCount;
        private int _heldFlexion;
        private int _heldLateral;

        /// <summary>Walking flexion forgiven, centidegrees (0 until <see cref="IsKnown"/>).</summary>
        internal int Flexion;

        /// <summary>Walking lateral bend forgiven, centidegrees (0 until <see cref="IsKnown"/>).</summary>
        internal int LateralBend;

        /// <summary>True once the walk's baseline has been learnt.</summary>
        public bool IsKnown { get { return _count >= LearnEvaluations; } }

        /// <summary>Walking flexion forgiven, centidegrees.</summary>
        public int FlexionCentidegrees { get { return Flexion; } }

        /// <summary>Walking lateral bend forgiven, centidegrees.</summary>
        public int LateralBendCentidegrees { get { return LateralBend; } }

        /// <summary>A new walk: learn again.</summary>
        public void Restart()
        {
            _count = 0;
            _sumFlexion = 0;
            _sumLateral = 0;
            DropUnconfirmed();
            Flexion = 0;
            LateralBend = 0;
        }

        /// <summary>
        /// Holds one settled-walking evaluation (centidegrees, not turning) until the next step confirms it: learnt
        /// while the baseline is not known, followed once it is (the caller leaves out evaluations of an excursion).
        /// </summary>
        public void Learn(int flexionCentidegrees, int lateralBendCentidegrees)
        {
            _heldFlexion += flexionCentidegrees;
            _heldLateral += lateralBendCentidegrees;
            _heldCount++;
        }

        /// <summary>
        /// A step was counted: the evaluations held since the last one were walking (dropped if the wearer turned); the
        /// baseline is known once they make <see cref="LearnEvaluations"/>, and follows them from then on.
        /// </summary>
        public void Confirm()
        {
            int held = _heldCount;
            if (held <= 0)
            {
                // Nothing held (an excursion, or the rules not judging), or the wearer turned: nothing to learn.
                if (held != 0)
                {
                    DropUnconfirmed();
                }

                return;
            }

            if (_count >= LearnEvaluations)
            {
                // Known: follow the confirmed walking posture slowly, each evaluation weighing 2^-FollowShift (rounded to nearest).
                Flexion = Clamp(Flexion + ((_heldFlexion - (held * Flexion) + FollowRounding) >> FollowShift), MaxFlexionCentidegrees);
                LateralBend = Clamp(LateralBend + ((_heldLateral - (held * LateralBend) + FollowRounding) >> FollowShift), MaxLateralBendCentidegrees);
                DropUnconfirmed();
                return;
            }

            int count = _count + held;
            _sumFlexion += _heldFlexion;
            _sumLateral += _heldLateral;
            _count = count;
            DropUnconfirmed();
            if (count >= LearnEvaluations)
            {
                Flexion = Clamp(_sumFlexion / count, MaxFlexionCentidegrees);
                LateralBend = Clamp(_sumLateral / count, MaxLateralBendCentidegrees);
            }
        }

        /// <summary>The wearer turns: the evaluations of this step interval, before and after, are the turn's, not walking posture.</summary>
        public void OnTurning()
        {
            _heldCount = TurnedSinceLastStep;
        }

        /// <summary>Walking stopped: the evaluations since the last step are the stop's, not walking posture.</summary>
        public void DropUnconfirmed()
        {
            _heldCount = 0;
            _heldFlexion = 0;
            _heldLateral = 0;
        }

        private static int Clamp(int value, int limit)
        {
            return value > limit ? limit : value < -limit ? -limit : value;
        }
    }
}
