namespace LumbarBand.Core.Cueing
{
    /// <summary>
    /// The posture the tilt rules judge: flexion and lateral bend through a first-order low-pass of the 5 Hz
    /// evaluations, time constant 2^<see cref="AverageShift"/> = 8 evaluations (1.6 s), which takes out the swing of
    /// each step and stride and keeps the posture held.
    /// </summary>
    /// <remarks>
    /// The trunk tilts with every step and stride: on the real L5 walks of ../shared/data the flexion read at 5 Hz swings
    /// by ±7° over each 2.4 s stride of a slow walker with MS, and lateral bend by up to ±10° in healthy strides, while
    /// its mean over a stride stays within 1° of the posture held. Judged evaluation by evaluation, a 15° lean held at
    /// walking pace fell below the clear level (threshold minus hysteresis) in most strides and its dwell started again:
    /// first cues came 10–16 s after the onset. The average passes a stride's swing at a quarter of its size or less from
    /// 50 steps/min up (2.4 s strides; 0.12 of it at 110 steps/min) and a third at 35 steps/min, and the step's swing,
    /// twice as fast, less. It costs latency: a held posture crosses a threshold at two thirds of its size 1.7 s later.
    /// Exponential rather than a boxcar over whole strides: two sums and no history, for cost (IL per sample and
    /// state). Fixed point: centidegrees × 8 in int; each evaluation moves the sum by (x − mean), rounding toward −∞
    /// (under 0.01° of bias).
    /// </remarks>
    public sealed class PostureAverage
    {
        /// <summary>Time constant as a shift: 2^3 = 8 evaluations at 5 Hz, 1.6 s.</summary>
        public const int AverageShift = 3;

        private int _scaledFlexion;
        private int _scaledLateral;

        /// <summary>Averaged flexion, centidegrees.</summary>
        internal int Flexion;

        /// <summary>Averaged lateral bend, centidegrees (signed).</summary>
        internal int LateralBend;

        /// <summary>Averaged flexion, centidegrees.</summary>
        public int FlexionCentidegrees { get { return Flexion; } }

        /// <summary>Averaged lateral bend, centidegrees (signed).</summary>
        public int LateralBendCentidegrees { get { return LateralBend; } }

        /// <summary>Adds one evaluation's angles (centidegrees) and updates the averages.</summary>
        public void Add(int flexionCentidegrees, int lateralBendCentidegrees)
        {
            int flexion = _scaledFlexion + flexionCentidegrees - Flexion;
            int lateral = _scaledLateral + lateralBendCentidegrees - LateralBend;
            _scaledFlexion = flexion;
            _scaledLateral = lateral;
            Flexion = flexion >> AverageShift;
            LateralBend = lateral >> AverageShift;
        }
    }
}
