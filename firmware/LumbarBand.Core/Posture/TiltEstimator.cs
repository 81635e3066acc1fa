using LumbarBand.Core.Sensing;

namespace LumbarBand.Core.Posture
{
    /// <summary>
    /// Tracks the direction of gravity ("up") in the sensor's axes through walking, bending and turning: propagated
    /// with the gyroscope, pulled slowly toward the accelerometer, with the gyroscope bias left over after calibration
    /// learnt on the way. <see cref="PostureMeter"/> turns it into flexion and lateral bend, <see cref="Sway.SwayMeter"/>
    /// into per-stride tilt ranges. Runs at 12.5 Hz: call <see cref="Update"/> on every fourth sample.
    /// </summary>
    /// <remarks>
    /// <para>Method: the explicit complementary filter of Mahony et al. 2008 ("Nonlinear complementary filters on the
    /// special orthogonal group"), reduced to the gravity direction as in the tilt filters of Baerveldt &amp; Klang
    /// 1997 and the IMU update of Madgwick's filter. The estimate g is rotated with the bias-corrected gyroscope (a
    /// vector fixed in the world turns the other way in sensor axes: ġ = g × ω) and pulled toward the measured specific
    /// force with a time constant of 5 s, long against a stride, so the trunk's own accelerations in walking (zero-mean
    /// over each stride) average out: the proportional term. What the pull had to correct, Δ, tells the part of the
    /// gyroscope bias perpendicular to gravity (a bias b drifts g by g × b, so ĝ × Δ / |g| = b); integrated slowly
    /// (time constant about 40 s) it removes the bias that <see cref="GyroBiasTracker"/> leaves (its still windows
    /// include postural sway: 0.1–0.25 °/s on the simulated walks, which tilted the estimate by up to 1°): the integral
    /// term.</para>
    /// <para>Changed from the usual form: the pull is not reduced when |a| departs from 1 g. Gating the accelerometer
    /// at ±10% of 1 g rejects walking's heel-strike impacts, which come at a fixed phase of each step, so the samples
    /// kept are not zero-mean: on the simulated walks the estimate tilted by 0.2–0.3° and the flexion error grew by a
    /// third (a ±50% gate never acted while walking). The long time constant alone keeps walking's accelerations out; a
    /// 2 g jolt of 50 ms moves the estimate by under 0.6°, undone within seconds.</para>
    /// <para>Fixed-point changes, all for cost: g is kept in Q22 (1 g = 2^22) and not normalised per step (the angles
    /// do not depend on its length; it is brought back to 1 g if it drifts by 10%). The filter steps at 12.5 Hz on the
    /// sum of its four gyroscope samples (<see cref="GyroBiasTracker.Add"/>): the whole step's rotation, so nothing
    /// aliases. A single sample held over the step, as first built, was exact on the smooth simulated walks but
    /// aliased the heel-strike transients of real pelvis motion: on the real L5 walks of ../shared/data it tilted the
    /// estimate by up to 30° for seconds (a float filter fed every fourth sample: 16° RMS from the accelerometer's mean
    /// tilt; fed every sample: 3°). The estimate describes the trunk at the end of the step's last sample (10 ms after
    /// the sample it is computed at). The rotation is a first-order rotation g + g × θ with the cross product on g at Q12, so every product fits in int even at the
    /// gyroscope's full scale. On the simulated walks summing every sample at 25 Hz gave flexion and bend within
    /// 0.1–0.2° RMS of this, at twice the instructions. The bias correction is applied every 0.4 s (a rotation by the
    /// residual's effect over that time) and re-estimated every 1.2 s.</para>
    /// </remarks>
    public sealed class TiltEstimator
    {
        /// <summary>Samples per filter step: <see cref="Update"/> is called on every fourth sample (12.5 Hz).</summary>
        public const int SamplesPerStep = 4;

        /// <summary>Mask of the sample number: a step is due when (sample &amp; StepMask) == 0.</summary>
        public const int StepMask = SamplesPerStep - 1;

        /// <summary>Shift from a sample number to its filter step number (sample / <see cref="SamplesPerStep"/>).</summary>
        public const int StepShift = 2;

        /// <summary>Filter steps per second.</summary>
        public const int StepsPerSecond = ImuFormat.SampleRateHz / SamplesPerStep;

        /// <summary>Fraction bits of the gravity estimate: Q22, 1 g = 2^22 (accelerometer counts, 2^12 = 1 g, shifted by 10).</summary>
        public const int StateFractionBits = 22;

        /// <summary>Accelerometer counts per g as a power of two: 4096 = 2^12 (±8 g full scale).</summary>
        private const int AccelCountBits = 12;

        /// <summary>Shift from accelerometer counts (4096 = 1 g) to the Q22 state.</summary>
        private const int AccelToStateShift = StateFractionBits - AccelCountBits;

        /// <summary>Bits of the copy of g used in products: Q12 (1 g = 4096; × 2^15 gyroscope counts, twice, stays below 2^31).</summary>
        private const int ProductBits = 12;

        /// <summary>Shift from the Q22 state to its Q12 copy.</summary>
        private const int ProductShift = StateFractionBits - ProductBits;

        /// <summary>
        /// Rotation per gyroscope count of the step's four-sample sum S (4 × the mean rate ω): 1000/32768 °/s × 0.02 s
        /// = 1.06529e-5 rad. The Q22 increment is (g_Q12 × S) × 2^10 × 1.06529e-5 = p × 0.0109086, done as
        /// ((p &gt;&gt; 12) × 2860) &gt;&gt; 6 (2860/2^18 = 0.0109100, 0.01% high). The products stay inside int:
        /// g_Q12 × S ≤ 2^12.1 × 2^17 (four samples at full scale), and the first shift keeps the multiply below
        /// 2^18.1 × 2^11.5.
        /// </summary>
        private const int RatePreShift = 12;

        /// <summary>Multiplier of the rotation increment (see <see cref="RatePreShift"/>).</summary>
        private const int RateScale = 2860;

        /// <summary>Final shift of the rotation increment (see <see cref="RatePreShift"/>).</summary>
        private const int RatePostShift = 6;

        /// <summary>
        /// Accelerometer pull: each step moves g 1/2^6 of the way to the measured specific force, a time constant of
        /// 64 steps = 5.1 s. Walking's accelerations (±0.1–0.5 g at 1–2 Hz) are attenuated 30 to 60 times. On the
        /// simulated walks 2.6 s let them through, 10 s let bias and slow drift through.
        /// </summary>
        public const int CorrectionShift = 6;

        /// <summary>Filter steps between bias corrections: 5 steps = 0.4 s (the "refine" period).</summary>
        public const int StepsPerRefine = 5;

        /// <summary>Bias corrections between bias re-estimates (and length checks): 3, every 1.2 s (the "learn" period).</summary>
        public const int RefinesPerLearn = 3;

        /// <summary>Shift of the residual bias (Q30 radians per refine period) to the Q22 radians the correction rotation uses.</summary>
        private const int ResidualToRotationShift = 8;

        /// <summary>Shift of the learn period's summed pull (Q22) to Q16 before the cross product (below 2^17 even at 8 g).</summary>
        private const int PullShift = 6;

        /// <summary>
        /// The learn period's bias estimate, (g_Q12 × pull_Q16) &gt;&gt; 12 = b × 1.2 s in Q16 radians, in the residual's
        /// unit, b × 0.4 s in Q30 radians: × 2^14 × 0.4 / 1.2 = × 2^14 / <see cref="RefinesPerLearn"/>.
        /// </summary>
        private const int RateToResidual = (1 << 14) / RefinesPerLearn;

        /// <summary>
        /// Learning rate of the residual bias: each learn period (1.2 s) moves it 1/2^5 of the way to that period's
        /// estimate, a time constant of 38 s. On the simulated walks 2^3 (10 s) let walking's accelerations in and
        /// overshot, 2^7 (2.5 minutes) learnt too little within a walk.
        /// </summary>
        public const int LearnShift = 5;

        /// <summary>
        /// |g|² bounds, in Q12² (1 g = 2^24), outside which g is brought back to 1 g: ±10% in length. The first-order
        /// rotation lengthens g by θ²/2 a step, the pull shortens it.
        /// </summary>
        private const int MinSquareQ12 = (1 << 24) / 100 * 81;

        /// <summary>Upper |g|² bound (see <see cref="MinSquareQ12"/>).</summary>
        private const int MaxSquareQ12 = (1 << 24) / 100 * 121;

        /// <summary>Residual (Q30 rad per refine period) per Q4 count: 1 count = 1.06529e-5 rad a sample, 20 samples: 2^30 × 2.13058e-4 / 16.</summary>
        private const int ResidualPerQ4Count = 14298;

        /// <summary>Estimate of "up" (gravity's reaction, +1 g at rest) in sensor axes, Q22 (1 g = 2^22), x.</summary>
        internal int UpX;

        /// <summary>Estimate of "up", y, Q22.</summary>
        internal int UpY;

        /// <summary>Estimate of "up", z, Q22.</summary>
        internal int UpZ;

        private bool _started;

        /// <summary>Accelerometer pulls summed over the current learn period, Q22.</summary>
        private int _pullX;
        private int _pullY;
        private int _pullZ;

        /// <summary>Residual gyroscope bias, as the rotation it causes in a refine period (0.4 s), Q30 radians, sensor axes.</summary>
        private int _residualX;
        private int _residualY;
        private int _residualZ;

        private int _untilRefine = StepsPerRefine;
        private int _untilLearn = RefinesPerLearn;

        /// <summary>Estimated "up" along sensor x, Q22 (4194304 = 1 g).</summary>
        public int UpXQ22 { get { return UpX; } }

        /// <summary>Estimated "up" along sensor y, Q22.</summary>
        public int UpYQ22 { get { return UpY; } }

        /// <summary>Estimated "up" along sensor z, Q22.</summary>
        public int UpZQ22 { get { return UpZ; } }

        /// <summary>Residual gyroscope bias learnt along sensor x, Q4 counts (16 = 1/32.768 °/s), on top of <see cref="GyroBiasTracker"/>'s.</summary>
        public int ResidualBiasXQ4 { get { return _residualX / ResidualPerQ4Count; } }

        /// <summary>Residual gyroscope bias along sensor y, Q4 counts.</summary>
        public int ResidualBiasYQ4 { get { return _residualY / ResidualPerQ4Count; } }

        /// <summary>Residual gyroscope bias along sensor z, Q4 counts.</summary>
        public int ResidualBiasZQ4 { get { return _residualZ / ResidualPerQ4Count; } }

        /// <summary>
        /// One filter step. Call on every fourth sample (when (sample number &amp; <see cref="StepMask"/>) == 0) with that
        /// sample's raw accelerometer counts (4096 = 1 g) and the bias-corrected gyroscope counts (32.768 = 1 °/s)
        /// summed over the step's four samples, this one last (<see cref="GyroBiasTracker"/>'s StepSum), sensor axes.
        /// </summary>
        public void Update(int ax, int ay, int az, int rateX, int rateY, int rateZ)
        {
            if (!_started)
            {
                UpX = ax << AccelToStateShift;
                UpY = ay << AccelToStateShift;
                UpZ = az << AccelToStateShift;
                _started = true;
            }

            int gx = UpX;
            int gy = UpY;
            int gz = UpZ;
            int hx = gx >> ProductShift;
            int hy = gy >> ProductShift;
            int hz = gz >> ProductShift;

            // Rotate: g += g × θ, θ = ω · 4.26117e-5 rad per count.
            gx += ((((hy * rateZ) - (hz * rateY)) >> RatePreShift) * RateScale) >> RatePostShift;
            gy += ((((hz * rateX) - (hx * rateZ)) >> RatePreShift) * RateScale) >> RatePostShift;
            gz += ((((hx * rateY) - (hy * rateX)) >> RatePreShift) * RateScale) >> RatePostShift;

            // Pull toward the accelerometer, and keep the pulls for the bias estimate.
            int px = ((ax << AccelToStateShift) - gx) >> CorrectionShift;
            int py = ((ay << AccelToStateShift) - gy) >> CorrectionShift;
            int pz = ((az << AccelToStateShift) - gz) >> CorrectionShift;
            UpX = gx + px;
            UpY = gy + py;
            UpZ = gz + pz;
            _pullX += px;
            _pullY += py;
            _pullZ += pz;
            if (--_untilRefine <= 0)
            {
                Refine();
            }
        }

        /// <summary>
        /// Every 0.4 s: rotates g back by what the residual bias turned it in that time. Every 1.2 s: updates the
        /// residual bias from the pulls of the period, and keeps |g| near 1 g.
        /// </summary>
        private void Refine()
        {
            _untilRefine = StepsPerRefine;
            int hx = UpX >> ProductShift;
            int hy = UpY >> ProductShift;
            int hz = UpZ >> ProductShift;

            // True rate = measured − residual: g += g × (−ρ), ρ the residual rotation in Q22 radians.
            int rx = _residualX >> ResidualToRotationShift;
            int ry = _residualY >> ResidualToRotationShift;
            int rz = _residualZ >> ResidualToRotationShift;
            UpX -= ((hy * rz) - (hz * ry)) >> ProductBits;
            UpY -= ((hz * rx) - (hx * rz)) >> ProductBits;
            UpZ -= ((hx * ry) - (hy * rx)) >> ProductBits;

            if (--_untilLearn > 0)
            {
                return;
            }

            _untilLearn = RefinesPerLearn;

            // A bias b drifts g by g × b·T over the period T and the pull Δ undoes it: ĝ × Δ / |g| = b·T (its part ⊥ g).
            int px = _pullX >> PullShift;
            int py = _pullY >> PullShift;
            int pz = _pullZ >> PullShift;
            _pullX = 0;
            _pullY = 0;
            _pullZ = 0;
            _residualX += ((((hy * pz) - (hz * py)) >> ProductBits) * RateToResidual) >> LearnShift;
            _residualY += ((((hz * px) - (hx * pz)) >> ProductBits) * RateToResidual) >> LearnShift;
            _residualZ += ((((hx * py) - (hy * px)) >> ProductBits) * RateToResidual) >> LearnShift;
            KeepUnitLength(hx, hy, hz);
        }

        /// <summary>Brings g back to 1 g if its length (from its Q12 copy) has drifted by more than about 10%.</summary>
        private void KeepUnitLength(int hx, int hy, int hz)
        {
            int square = (hx * hx) + (hy * hy) + (hz * hz);
            if (square > MinSquareQ12 && square < MaxSquareQ12)
            {
                return;
            }

            int ux;
            int uy;
            int uz;
            if (IntegerMath.NormalizeQ14(UpX, UpY, UpZ, out ux, out uy, out uz))
            {
                UpX = ux << (StateFractionBits - IntegerMath.Q14Shift);
                UpY = uy << (StateFractionBits - IntegerMath.Q14Shift);
                UpZ = uz << (StateFractionBits - IntegerMath.Q14Shift);
            }
        }
    }
}
