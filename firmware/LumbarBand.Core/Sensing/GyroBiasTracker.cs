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

        /// <summary>Bias-corrected rates of the last sample, counts (32.768 counts = 1 °/s).</summary>
        internal int RateX;

        /// <summary>Bias-corrected y rate of the last sample, counts.</summary>
        internal int RateY;

        /// <summary>Bias-corrected z rate of the last sample, counts.</summary>
        internal int RateZ;

        /// <summary>True once a still window has given a first estimate.</summary>
        internal bool Known;

        /// <summary>Still windows used so far.</summary>
        private int _windows;

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

        /// <summary>Bias-corrected x rate of the last sample, counts (32.768 counts = 1 °/s).</summary>
        public int CorrectedX { get { return RateX; } }

        /// <summary>Bias-corrected y rate of the last sample, counts.</summary>
        public int CorrectedY { get { return RateY; } }

        /// <summary>Bias-corrected z rate of the last sample, counts.</summary>
        public int CorrectedZ { get { return RateZ; } }

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
        }
    }
}
