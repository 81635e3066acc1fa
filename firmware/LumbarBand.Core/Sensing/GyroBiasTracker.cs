namespace LumbarBand.Core.Sensing
{
    /// <summary>
    /// Estimates the gyroscope's zero-rate offset from windows in which the band is still, tracks it as it drifts
    /// with temperature, and removes it from every sample.
    /// </summary>
    /// <remarks>
    /// Builds on the usual stationary-period ("zero-velocity") bias calibration of MEMS gyroscopes: while the body
    /// does not rotate, the mean gyroscope output over a window is the bias (e.g. Ferraris et al. 1995, and the
    /// still-detection bias update of Madgwick's and Mahony's AHRS implementations). Fixed-point changes: the bias is
    /// kept in Q4 counts (1 count = 16, i.e. 1/16 of 1/32.768 °/s) and tracked with a power-of-two exponential
    /// average of the window means instead of a Kalman filter; removal per sample is one integer subtraction.
    /// </remarks>
    public sealed class GyroBiasTracker
    {
        /// <summary>Fraction bits of the bias estimate: Q4 counts.</summary>
        public const int BiasFractionBits = 4;

        /// <summary>
        /// Each later still window moves the estimate 1/2^2 = 1/4 of the way to its mean: a time constant of four
        /// still windows (4 s of stillness), quick enough to follow thermal drift, slow enough that one window in
        /// which the wearer swayed a little changes little.
        /// </summary>
        private const int TrackShift = 2;

        /// <summary>Bias, Q4 counts per axis.</summary>
        private int _biasXQ4;
        private int _biasYQ4;
        private int _biasZQ4;

        /// <summary>Bias rounded to whole counts, subtracted from each sample (fields: read on the per-sample path).</summary>
        private int _biasX;
        private int _biasY;
        private int _biasZ;

        /// <summary>Still windows used so far.</summary>
        private int _windows;

        /// <summary>Bias-corrected rates of the last sample given to <see cref="Correct"/>, counts (32.768 counts = 1 °/s).</summary>
        internal int RateX;

        /// <summary>Bias-corrected y rate of the last sample, counts.</summary>
        internal int RateY;

        /// <summary>Bias-corrected z rate of the last sample, counts.</summary>
        internal int RateZ;

        /// <summary>True once a still window has given a first estimate.</summary>
        internal bool Known;

        /// <summary>
        /// Bias-corrected rates summed over the current filter step's samples, counts: four times the step's mean rate.
        /// Each step's sum starts at −4 × bias (<see cref="StartStep"/>), so the bias costs no subtraction per sample.
        /// <see cref="Add"/> adds every sample's raw rates (the band inline, to save the call);
        /// the tilt filter and the turn detector read the sums, then <see cref="StartStep"/> begins the next step.
        /// The tilt filter integrates the whole step's rotation this way: a single gyroscope sample held over a
        /// 12.5 Hz step aliases the pelvis's heel-strike transients (power well above the step's 6.25 Hz Nyquist
        /// rate), and on the real L5 walks of ../shared/data a float filter fed every fourth 50 Hz sample drifted
        /// 16° RMS (42° at worst) from the accelerometer's mean tilt against 3° fed every sample.
        /// </summary>
        internal int StepSumX;

        /// <summary>Bias-corrected y rates summed over the current filter step, counts.</summary>
        internal int StepSumY;

        /// <summary>Bias-corrected z rates summed over the current filter step, counts.</summary>
        internal int StepSumZ;

        /// <summary>Start of each step's sum, −4 × bias, counts (see <see cref="StepSumX"/>).</summary>
        private int _stepStartX;
        private int _stepStartY;
        private int _stepStartZ;

        /// <summary>
        /// Span of the still detector's rate test for one sample, counts: the bias-free rate r is within ±limit when
        /// (uint)(raw + RateOffset) ≤ RateSpan, with RateOffset = limit − bias (one add and one compare per axis).
        /// </summary>
        internal uint RateSpan = 2 * StillnessDetector.MaxRateUncalibratedCounts;

        /// <summary>limit − bias, x (see <see cref="RateSpan"/>): before calibration the bias is taken as zero and the wider limit applies.</summary>
        internal int RateOffsetX = StillnessDetector.MaxRateUncalibratedCounts;

        /// <summary>limit − bias, y.</summary>
        internal int RateOffsetY = StillnessDetector.MaxRateUncalibratedCounts;

        /// <summary>limit − bias, z.</summary>
        internal int RateOffsetZ = StillnessDetector.MaxRateUncalibratedCounts;

        /// <summary>Samples per filter step: the step sum holds four samples (<see cref="Posture.TiltEstimator.SamplesPerStep"/>).</summary>
        private const int StepSamples = 4;

        /// <summary>
        /// Every sample: adds the raw rates to the current filter step's sums (see <see cref="StepSumX"/>). The band
        /// does these three adds inline on its per-sample path (the call cost more IL than its body).
        /// </summary>
        public void Add(int gx, int gy, int gz)
        {
            StepSumX += gx;
            StepSumY += gy;
            StepSumZ += gz;
        }

        /// <summary>True once a still window has given a first estimate; before that the bias is taken as zero.</summary>
        public bool IsKnown { get { return Known; } }

        /// <summary>Still windows that have updated the estimate since power-on.</summary>
        public int WindowsUsed { get { return _windows; } }

        /// <summary>Bias estimate of the x axis, Q4 counts (16 = one count = 1/32.768 °/s).</summary>
        public int BiasXQ4 { get { return _biasXQ4; } }

        /// <summary>Bias estimate of the y axis, Q4 counts.</summary>
        public int BiasYQ4 { get { return _biasYQ4; } }

        /// <summary>Bias estimate of the z axis, Q4 counts.</summary>
        public int BiasZQ4 { get { return _biasZQ4; } }

        /// <summary>Bias-corrected x rate of the last sample given to <see cref="Correct"/>, counts (32.768 counts = 1 °/s).</summary>
        public int CorrectedX { get { return RateX; } }

        /// <summary>Bias-corrected y rate of the last sample given to <see cref="Correct"/>, counts.</summary>
        public int CorrectedY { get { return RateY; } }

        /// <summary>Bias-corrected z rate of the last sample given to <see cref="Correct"/>, counts.</summary>
        public int CorrectedZ { get { return RateZ; } }

        /// <summary>Bias-corrected x rates summed over the current filter step, counts (four times its mean rate).</summary>
        public int StepSumXCounts { get { return StepSumX; } }

        /// <summary>Bias-corrected y rates summed over the current filter step, counts.</summary>
        public int StepSumYCounts { get { return StepSumY; } }

        /// <summary>Bias-corrected z rates summed over the current filter step, counts.</summary>
        public int StepSumZCounts { get { return StepSumZ; } }

        /// <summary>Once a filter step, after its sums are read: the next step's sums begin (at −4 × bias).</summary>
        public void StartStep()
        {
            StepSumX = _stepStartX;
            StepSumY = _stepStartY;
            StepSumZ = _stepStartZ;
        }

        /// <summary>Removes the current bias from one raw sample; the results are in CorrectedX/Y/Z.</summary>
        public void Correct(int gx, int gy, int gz)
        {
            RateX = gx - _biasX;
            RateY = gy - _biasY;
            RateZ = gz - _biasZ;
        }

        /// <summary>
        /// Updates the estimate with the mean raw gyroscope output over a still window, in Q4 counts. The first
        /// window sets the bias; later ones move it a quarter of the way.
        /// </summary>
        public void OnStillWindow(int meanXQ4, int meanYQ4, int meanZQ4)
        {
            if (!Known)
            {
                _biasXQ4 = meanXQ4;
                _biasYQ4 = meanYQ4;
                _biasZQ4 = meanZQ4;
                Known = true;
            }
            else
            {
                _biasXQ4 += (meanXQ4 - _biasXQ4) >> TrackShift;
                _biasYQ4 += (meanYQ4 - _biasYQ4) >> TrackShift;
                _biasZQ4 += (meanZQ4 - _biasZQ4) >> TrackShift;
            }

            _windows++;
            int half = 1 << (BiasFractionBits - 1);
            _biasX = (_biasXQ4 + half) >> BiasFractionBits;
            _biasY = (_biasYQ4 + half) >> BiasFractionBits;
            _biasZ = (_biasZQ4 + half) >> BiasFractionBits;
            _stepStartX = -StepSamples * _biasX;
            _stepStartY = -StepSamples * _biasY;
            _stepStartZ = -StepSamples * _biasZ;
            RateSpan = 2 * StillnessDetector.MaxRateCounts;
            RateOffsetX = StillnessDetector.MaxRateCounts - _biasX;
            RateOffsetY = StillnessDetector.MaxRateCounts - _biasY;
            RateOffsetZ = StillnessDetector.MaxRateCounts - _biasZ;
        }
    }
}
