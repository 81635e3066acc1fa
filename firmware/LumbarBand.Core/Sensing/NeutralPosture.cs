namespace LumbarBand.Core.Sensing
{
    /// <summary>
    /// The wearer's neutral posture: the direction of gravity in the sensor's axes while they stood still, captured
    /// at the first still second after power-on and again whenever a capture is requested (a long button press).
    /// A wearer who walks off without standing still first gets one from walking itself (<see cref="OnWalkingVertical"/>:
    /// their mean trunk direction over the first strides), which the next still second then replaces. Posture stages
    /// measure flexion and lateral bend against it.
    /// </summary>
    /// <remarks>
    /// The static reference-posture calibration of trunk inclinometry (e.g. Wong &amp; Wong 2008's neutral standing
    /// capture for trunk posture monitoring). Fixed-point changes: the mean accelerometer counts of one still window
    /// (<see cref="StillnessDetector"/>) are normalised to a Q14 unit vector; no floating-point angles are stored.
    /// What a wearer who never stands still gets: flexion and lateral bend measured against their own walking posture
    /// (the mean gravity direction over their first 16 counted steps, <see cref="BodyFrame.VerticalFromWalkingSteps"/>),
    /// so walking reads about 0° where, against standing, it reads the 10–25° of pelvic tilt gait adds. The posture
    /// rules judge walking against the walk's own learnt posture either way (<see cref="Cueing.WalkingPostureBaseline"/>),
    /// so their cues do not change; what changes is the posture reported while standing or sitting, offset by that tilt.
    /// </remarks>
    public sealed class NeutralPosture
    {
        private bool _pending = true;
        private int _captures;
        private bool _fromWalking;

        /// <summary>Gravity direction in sensor axes at the last capture, Q14 unit vector (16384 = 1.0), x.</summary>
        internal int UpX;

        /// <summary>Neutral gravity direction, y, Q14.</summary>
        internal int UpY;

        /// <summary>Neutral gravity direction, z, Q14.</summary>
        internal int UpZ;

        /// <summary>True once a neutral posture has been captured.</summary>
        public bool IsCaptured { get { return _captures > 0; } }

        /// <summary>True while the neutral posture in force was derived from walking (no still second yet).</summary>
        public bool IsFromWalking { get { return _fromWalking; } }

        /// <summary>True while a capture waits for the next still second (at power-on, after a request, and while the neutral posture comes from walking).</summary>
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
            _fromWalking = false;
            _captures++;
            return true;
        }

        /// <summary>
        /// Offers the trunk's mean direction over walking (a Q14 unit vector in sensor axes, <see cref="BodyFrame"/>'s
        /// vertical once walking made it known). Taken as the neutral posture only if none was ever captured; a still
        /// second still refines it (the capture stays pending). Returns true when taken.
        /// </summary>
        public bool OnWalkingVertical(int upXQ14, int upYQ14, int upZQ14)
        {
            if (_captures != 0)
            {
                return false;
            }

            UpX = upXQ14;
            UpY = upYQ14;
            UpZ = upZQ14;
            _fromWalking = true;
            _captures++;
            return true;
        }
    }
}
