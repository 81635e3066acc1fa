namespace LumbarBand.Core.Sensing
{
    /// <summary>
    /// Decides whether the band is still (worn by someone standing or sitting quietly, or lying on a table) and, for
    /// every full second of stillness, hands out the mean raw accelerometer and gyroscope readings of that second:
    /// the material of the gyroscope bias, the vertical and the neutral posture.
    /// </summary>
    /// <remarks>
    /// The stationary-period test of inertial gait analysis ("zero-velocity detection": low acceleration variance
    /// and low angular rate over a window, Skog et al. 2010's moving-variance and angular-rate-energy detectors).
    /// Fixed-point changes: the variance is replaced by the absolute body acceleration of
    /// <see cref="GravityTracker"/> (fast low-pass minus slow low-pass, which is what a moving variance measures),
    /// tested per sample against a threshold together with each bias-corrected rate, so no window has to be
    /// stored: a window is still when all of its samples pass, and only running sums are kept.
    /// </remarks>
    public sealed class StillnessDetector
    {
        /// <summary>
        /// Tested samples in a still window: 25 = 1 s at 25 Hz (every second sample), longer than the ~0.5 s of a
        /// step or a weight shift.
        /// </summary>
        public const int WindowSamples = ImuFormat.SampleRateHz / 2;

        /// <summary>
        /// Largest deviation of a still sample from gravity (|x| + |y| + |z| of the raw acceleration minus
        /// <see cref="GravityTracker"/>'s low-pass): 0.04 g = 164 counts. Quiet standing sways the lower back by a few
        /// mg and the MPU6886's noise adds ~1 mg per axis; a step or a weight shift gives 0.1–0.3 g.
        /// </summary>
        public const int MaxBodyAccelerationCounts = 164;

        /// <summary>
        /// Largest bias-corrected rate on any axis of a still sample once the bias is known: 4 °/s = 131 counts.
        /// Quiet standing stays within ±2 °/s at the trunk; slow turns and bending exceed 10 °/s.
        /// </summary>
        public const int MaxRateCounts = 131;

        /// <summary>
        /// The same limit before the first bias estimate: 25 °/s = 819 counts, above the MPU6886's zero-rate output
        /// tolerance (±5 °/s at 25 °C, more over temperature) so that an uncalibrated gyroscope can be still at all;
        /// the acceleration test still rules out motion.
        /// </summary>
        public const int MaxRateUncalibratedCounts = 819;

        /// <summary>Gyroscope means are handed out in Q4 counts (see <see cref="GyroBiasTracker"/>).</summary>
        private const int GyroMeanFractionBits = GyroBiasTracker.BiasFractionBits;

        private int _stillSamples;
        private int _sumAx;
        private int _sumAy;
        private int _sumAz;
        private int _sumGx;
        private int _sumGy;
        private int _sumGz;

        /// <summary>Mean raw acceleration over the last completed still window, counts (4096 = 1 g), sensor x.</summary>
        internal int MeanAx;

        /// <summary>Mean raw acceleration, sensor y, counts.</summary>
        internal int MeanAy;

        /// <summary>Mean raw acceleration, sensor z, counts.</summary>
        internal int MeanAz;

        /// <summary>Mean raw gyroscope output over the last still window, Q4 counts (16 = 1/32.768 °/s), x.</summary>
        internal int MeanGxQ4;

        /// <summary>Mean raw gyroscope output, y, Q4 counts.</summary>
        internal int MeanGyQ4;

        /// <summary>Mean raw gyroscope output, z, Q4 counts.</summary>
        internal int MeanGzQ4;

        /// <summary>Consecutive still tested samples so far (every second sample; 0 after any movement).</summary>
        public int StillSamples { get { return _stillSamples; } }

        /// <summary>True when the last <see cref="WindowSamples"/> samples or more were all still.</summary>
        public bool IsStill { get { return _stillSamples >= WindowSamples; } }

        /// <summary>True for the one sample that completed a still window.</summary>
        public bool WindowJustCompleted { get { return _stillSamples != 0 && _stillSamples % WindowSamples == 0; } }

        /// <summary>Mean raw acceleration of the last still window along sensor x, counts.</summary>
        public int MeanAccelX { get { return MeanAx; } }

        /// <summary>Mean raw acceleration of the last still window along sensor y, counts.</summary>
        public int MeanAccelY { get { return MeanAy; } }

        /// <summary>Mean raw acceleration of the last still window along sensor z, counts.</summary>
        public int MeanAccelZ { get { return MeanAz; } }

        /// <summary>Mean raw gyroscope output of the last still window, sensor x, Q4 counts (16 = 1/32.768 °/s).</summary>
        public int MeanGyroXQ4 { get { return MeanGxQ4; } }

        /// <summary>Mean raw gyroscope output of the last still window, sensor y, Q4 counts.</summary>
        public int MeanGyroYQ4 { get { return MeanGyQ4; } }

        /// <summary>Mean raw gyroscope output of the last still window, sensor z, Q4 counts.</summary>
        public int MeanGyroZQ4 { get { return MeanGzQ4; } }

        /// <summary>
        /// Processes one sample (call on every second sample, after <see cref="GravityTracker.UpdateLowPass"/>): raw
        /// accelerometer and gyroscope counts, with the current gravity estimate and the gyroscope bias. Returns true
        /// when this sample completed a still window (<see cref="WindowJustCompleted"/>): the means are then new.
        /// </summary>
        public bool Update(int ax, int ay, int az, int gx, int gy, int gz, GravityTracker gravity, GyroBiasTracker bias)
        {
            // The rate test first: while moving it fails on most samples, and it is cheaper than the body acceleration.
            // (uint)(r + limit) > 2·limit is r < -limit or r > limit in one comparison (|r| < 2^17, no overflow).
            uint span = bias.RateSpan;
            if ((uint)(gx + bias.RateOffsetX) > span
                || (uint)(gy + bias.RateOffsetY) > span
                || (uint)(gz + bias.RateOffsetZ) > span)
            {
                RestartWindow();
                return false;
            }

            int dx = ax - (gravity.GravityXQ8 >> GravityTracker.StateFractionBits);
            int dy = ay - (gravity.GravityYQ8 >> GravityTracker.StateFractionBits);
            int dz = az - (gravity.GravityZQ8 >> GravityTracker.StateFractionBits);
            if ((dx < 0 ? -dx : dx) + (dy < 0 ? -dy : dy) + (dz < 0 ? -dz : dz) > MaxBodyAccelerationCounts)
            {
                RestartWindow();
                return false;
            }

            // 25 samples of at most 2^15 counts: sums stay below 2^20.
            _sumAx += ax;
            _sumAy += ay;
            _sumAz += az;
            _sumGx += gx;
            _sumGy += gy;
            _sumGz += gz;
            _stillSamples++;
            if (_stillSamples % WindowSamples != 0)
            {
                return false;
            }

            CompleteWindow();
            return true;
        }

        /// <summary>Drops a partly filled window: the next still sample starts a new one.</summary>
        private void RestartWindow()
        {
            if (_stillSamples != 0)
            {
                _stillSamples = 0;
                ClearSums();
            }
        }

        private void ClearSums()
        {
            _sumAx = 0;
            _sumAy = 0;
            _sumAz = 0;
            _sumGx = 0;
            _sumGy = 0;
            _sumGz = 0;
        }

        private void CompleteWindow()
        {
            MeanAx = _sumAx / WindowSamples;
            MeanAy = _sumAy / WindowSamples;
            MeanAz = _sumAz / WindowSamples;
            MeanGxQ4 = (_sumGx << GyroMeanFractionBits) / WindowSamples;
            MeanGyQ4 = (_sumGy << GyroMeanFractionBits) / WindowSamples;
            MeanGzQ4 = (_sumGz << GyroMeanFractionBits) / WindowSamples;
            ClearSums();

            // Keep counting whole windows without overflowing after hours of stillness.
            if (_stillSamples >= WindowSamples * 1000)
            {
                _stillSamples = WindowSamples;
            }
        }
    }
}
