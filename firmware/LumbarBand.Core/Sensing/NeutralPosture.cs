namespace LumbarBand.Core.Sensing
{
    /// <summary>
    /// The wearer's neutral posture: the direction of gravity in the sensor's axes while they stood still, captured
    /// at the first still second after power-on and again whenever a capture is requested (a long button press).
    /// Posture stages measure flexion and lateral bend against it.
    /// </summary>
    /// <remarks>
    /// The static reference-posture calibration of trunk inclinometry (e.g. Wong &amp; Wong 2008's neutral standing
    /// capture for trunk posture monitoring). Fixed-point changes: the mean accelerometer counts of one still window
    /// (<see cref="StillnessDetector"/>) are normalised to a Q14 unit vector; no floating-point angles are stored.
    /// </remarks>
    public sealed class NeutralPosture
    {
        private bool _pending = true;
        private int _captures;

        /// <summary>Gravity direction in sensor axes at the last capture, Q14 unit vector (16384 = 1.0), x.</summary>
        internal int UpX;

        /// <summary>Neutral gravity direction, y, Q14.</summary>
        internal int UpY;

        /// <summary>Neutral gravity direction, z, Q14.</summary>
        internal int UpZ;

        /// <summary>True once a neutral posture has been captured.</summary>
        public bool IsCaptured { get { return _captures > 0; } }

        /// <summary>True while a capture waits for the next still second (at power-on and after a request).</summary>
        public bool IsPending { get { return _pending; } }

        /// <summary>Captures since power-on.</summary>
        public int Captures { get { return _captures; } }

        /// <summary>Neutral gravity direction along sensor x, Q14.</summary>
        public int UpXQ14 { get { return UpX; } }

        /// <summary>Neutral gravity direction along sensor y, Q14.</summary>
        public int UpYQ14 { get { return UpY; } }

        /// <summary>Neutral gravity direction along sensor z, Q14.</summary>
        public int UpZQ14 { get { return UpZ; } }

        /// <summary>Asks for a new capture at the next still second.</summary>
        public void Request()
        {
            _pending = true;
        }

        /// <summary>
        /// Offers the mean acceleration of a completed still window (counts, sensor axes). Captures it if a capture
        /// is pending and returns true in that case.
        /// </summary>
        public bool OnStillWindow(int meanAx, int meanAy, int meanAz)
        {
            if (!_pending)
            {
                return false;
            }

            int ux;
            int uy;
            int uz;
            if (!IntegerMath.NormalizeQ14(meanAx, meanAy, meanAz, out ux, out uy, out uz))
            {
                return false;
            }

            UpX = ux;
            UpY = uy;
            UpZ = uz;
            _pending = false;
            _captures++;
            return true;
        }
    }
}
