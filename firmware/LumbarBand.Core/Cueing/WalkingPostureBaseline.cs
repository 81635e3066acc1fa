namespace LumbarBand.Core.Cueing
{
    /// <summary>
    /// The wearer's own walking posture, learnt at the start of each walk: mean flexion and lateral bend over the first
    /// <see cref="LearnEvaluations"/> posture evaluations once walking has settled, each capped at
    /// <see cref="MaxFlexionCentidegrees"/> and <see cref="MaxLateralBendCentidegrees"/>. The posture rules judge
    /// walking posture against it rather than against standing neutral.
    /// </summary>
    /// <remarks>
    /// A band over L5 follows the pelvis, which tilts forward in gait: on the real lower-back walks in
    /// ../shared/data the sensor's mean inclination per steady stride is 10–25° beyond standing neutral in normal
    /// walking, in line with the added anterior pelvic tilt of gait (Levine &amp; Whittle 1992; Crosbie et al. 1997).
    /// Judged against standing neutral, the 20° flexion threshold would buzz at normal walkers on any long walk. The caps
    /// keep a wearer who sets off already stooped from learning the stoop as normal: only the part of the walking
    /// posture that gait explains is forgiven. Fixed point: centidegree sums in int (100 × 18000 fits).
    /// </remarks>
    public sealed class WalkingPostureBaseline
    {
        /// <summary>Evaluations averaged: 100 at 5 Hz = 20 s of settled walking, about 17 strides.</summary>
        public const int LearnEvaluations = 100;

        /// <summary>Largest walking flexion forgiven, centidegrees: 15°, the top of gait's added pelvic tilt on these walks.</summary>
        public const int MaxFlexionCentidegrees = 1500;

        /// <summary>Largest walking lateral bend forgiven, centidegrees: 5°; gait itself adds no sustained side lean.</summary>
        public const int MaxLateralBendCentidegrees = 500;

        private int _count;
        private int _sumFlexion;
        private int _sumLateral;

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
            Flexion = 0;
            LateralBend = 0;
        }

        /// <summary>Adds one settled-walking evaluation (centidegrees) until the baseline is known.</summary>
        public void Learn(int flexionCentidegrees, int lateralBendCentidegrees)
        {
            if (_count >= LearnEvaluations)
            {
                return;
            }

            _sumFlexion += flexionCentidegrees;
            _sumLateral += lateralBendCentidegrees;
            if (++_count == LearnEvaluations)
            {
                Flexion = Clamp(_sumFlexion / LearnEvaluations, MaxFlexionCentidegrees);
                LateralBend = Clamp(_sumLateral / LearnEvaluations, MaxLateralBendCentidegrees);
            }
        }

        private static int Clamp(int value, int limit)
        {
            return value > limit ? limit : value < -limit ? -limit : value;
        }
    }
}
