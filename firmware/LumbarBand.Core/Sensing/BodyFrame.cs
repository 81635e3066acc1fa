namespace LumbarBand.Core.Sensing
{
    /// <summary>
    /// The band's mounting on the body: the rotation from the sensor's axes to the body's vertical (V, up),
    /// mediolateral (ML, to the wearer's left) and anteroposterior (AP, forward) axes, found by the band itself so
    /// that it works whichever way it is clipped on. (AP, ML, V) is right-handed (x forward, y left, z up), and
    /// ML = V × AP.
    /// </summary>
    /// <remarks>
    /// <para>The usual functional calibration of a trunk IMU (as in Moe-Nilssen 1998 for the vertical and in the
    /// Mobilise-D pipelines for the heading): the vertical is gravity measured while standing still (and tracked
    /// slowly as the mean gravity direction while walking, when the trunk is upright by definition); the forward
    /// axis is the horizontal direction of progression from <see cref="ProgressionDirectionEstimator"/>; the
    /// lateral axis completes the frame. Fixed-point changes: all three axes are Q14 unit vectors (16384 = 1.0),
    /// normalised with <see cref="IntegerMath.NormalizeQ14"/>; the slow tracking is a per-step exponential average.</para>
    /// <para>Until the forward axis is known, AP and ML are an arbitrary horizontal pair (built from the sensor axis
    /// least aligned with the vertical), so the vertical component of <see cref="ToBody"/> is already right.</para>
    /// </remarks>
    public sealed class BodyFrame
    {
        /// <summary>
        /// Slow tracking of the vertical while walking: each step moves it 1/2^5 = 1/32 of the way to the current
        /// gravity direction, a time constant of 32 steps (about 18 s of walking). Follows a band that slipped,
        /// ignores the trunk's step-by-step sway.
        /// </summary>
        public const int VerticalTrackShift = 5;

        /// <summary>
        /// Steps of walking after which a vertical tracked from walking alone (no still capture yet) is trusted:
        /// 16 steps, some 8 s, twice the averaging time of the gravity low-pass over a few strides.
        /// </summary>
        public const int VerticalFromWalkingSteps = 16;

        /// <summary>
        /// Smallest horizontal part of the progression estimate, Q14, for a forward axis to be derived from it:
        /// 0.25 (the estimate is at least 15° away from the vertical). Below that the estimate is mostly vertical noise.
        /// </summary>
        private const int MinHorizontalQ14 = IntegerMath.OneQ14 / 4;

        /// <summary>Extra fraction bits of the tracked vertical above Q14 (Q20 state), so 1/32 steps do not truncate away.</summary>
        private const int TrackFractionBits = 6;

        /// <summary>Vertical (up) in sensor axes, Q14 unit vector.</summary>
        internal int VerticalX;

        /// <summary>Vertical, sensor y component, Q14.</summary>
        internal int VerticalY;

        /// <summary>Vertical, sensor z component, Q14.</summary>
        internal int VerticalZ;

        /// <summary>Mediolateral axis (to the left) in sensor axes, Q14 unit vector.</summary>
        internal int LateralX;

        /// <summary>Mediolateral axis, sensor y component, Q14.</summary>
        internal int LateralY;

        /// <summary>Mediolateral axis, sensor z component, Q14.</summary>
        internal int LateralZ;

        /// <summary>Anteroposterior axis (forward) in sensor axes, Q14 unit vector.</summary>
        internal int ForwardX;

        /// <summary>Anteroposterior axis, sensor y component, Q14.</summary>
        internal int ForwardY;

        /// <summary>Anteroposterior axis, sensor z component, Q14.</summary>
        internal int ForwardZ;

        /// <summary>True once the vertical is known.</summary>
        internal bool VerticalKnown;

        /// <summary>True once the forward (and so the lateral) axis is known.</summary>
        internal bool ForwardKnown;

        private int _trackedXQ20;
        private int _trackedYQ20;
        private int _trackedZQ20;
        private int _walkingSteps;
        private int _revision;

        // Last forward estimate (Q14, not yet orthogonalised), kept to re-derive AP when the vertical moves.
        private int _progressionX;
        private int _progressionY;
        private int _progressionZ;
        private bool _hasProgression;

        /// <summary>Creates a frame with the sensor's x axis as a provisional vertical (nothing known yet).</summary>
        public BodyFrame()
        {
            ApplyVertical(IntegerMath.OneQ14, 0, 0);
        }

        /// <summary>True once the vertical is known (a still capture, or enough walking).</summary>
        public bool IsVerticalKnown { get { return VerticalKnown; } }

        /// <summary>True once the forward axis (and the lateral one) is known from walking.</summary>
        public bool IsForwardKnown { get { return ForwardKnown; } }

        /// <summary>Incremented each time the rotation changes, so users can tell a new frame from the old.</summary>
        public int Revision { get { return _revision; } }

        /// <summary>Vertical (up) along sensor x, Q14 (16384 = 1.0). Row 1 of the sensor-to-body rotation.</summary>
        public int VerticalXQ14 { get { return VerticalX; } }

        /// <summary>Vertical along sensor y, Q14.</summary>
        public int VerticalYQ14 { get { return VerticalY; } }

        /// <summary>Vertical along sensor z, Q14.</summary>
        public int VerticalZQ14 { get { return VerticalZ; } }

        /// <summary>Mediolateral (left) along sensor x, Q14. Row 2 of the sensor-to-body rotation.</summary>
        public int LateralXQ14 { get { return LateralX; } }

        /// <summary>Mediolateral along sensor y, Q14.</summary>
        public int LateralYQ14 { get { return LateralY; } }

        /// <summary>Mediolateral along sensor z, Q14.</summary>
        public int LateralZQ14 { get { return LateralZ; } }

        /// <summary>Anteroposterior (forward) along sensor x, Q14. Row 3 of the sensor-to-body rotation.</summary>
        public int ForwardXQ14 { get { return ForwardX; } }

        /// <summary>Anteroposterior along sensor y, Q14.</summary>
        public int ForwardYQ14 { get { return ForwardY; } }

        /// <summary>Anteroposterior along sensor z, Q14.</summary>
        public int ForwardZQ14 { get { return ForwardZ; } }

        /// <summary>
        /// Rotates a vector from sensor axes into body axes. Any unit works (counts in, counts out); inputs must stay
        /// within ±2^15 so that the products fit in int.
        /// </summary>
        public void ToBody(int x, int y, int z, out int vertical, out int mediolateral, out int anteroposterior)
        {
            vertical = ((x * VerticalX) + (y * VerticalY) + (z * VerticalZ)) >> IntegerMath.Q14Shift;
            mediolateral = ((x * LateralX) + (y * LateralY) + (z * LateralZ)) >> IntegerMath.Q14Shift;
            anteroposterior = ((x * ForwardX) + (y * ForwardY) + (z * ForwardZ)) >> IntegerMath.Q14Shift;
        }

        /// <summary>
        /// Sets the vertical from gravity measured while still (any magnitude, sensor axes: e.g. the mean
        /// accelerometer counts of a still window). Returns false for a zero vector.
        /// </summary>
        public bool SetVertical(int gravityX, int gravityY, int gravityZ)
        {
            int ux;
            int uy;
            int uz;
            if (!IntegerMath.NormalizeQ14(gravityX, gravityY, gravityZ, out ux, out uy, out uz))
            {
                return false;
            }

            _trackedXQ20 = ux << TrackFractionBits;
            _trackedYQ20 = uy << TrackFractionBits;
            _trackedZQ20 = uz << TrackFractionBits;
            VerticalKnown = true;
            ApplyVertical(ux, uy, uz);
            return true;
        }

        /// <summary>
        /// Tracks the vertical slowly while walking: call once a step with the current unit gravity direction (Q14,
        /// from <see cref="GravityTracker"/>). Without a still capture, the first call starts the estimate and
        /// <see cref="VerticalFromWalkingSteps"/> calls make it known.
        /// </summary>
        public void TrackVerticalWhileWalking(int upXQ14, int upYQ14, int upZQ14)
        {
            if (!VerticalKnown && _walkingSteps == 0)
            {
                _trackedXQ20 = upXQ14 << TrackFractionBits;
                _trackedYQ20 = upYQ14 << TrackFractionBits;
                _trackedZQ20 = upZQ14 << TrackFractionBits;
            }
            else
            {
                _trackedXQ20 += ((upXQ14 << TrackFractionBits) - _trackedXQ20) >> VerticalTrackShift;
                _trackedYQ20 += ((upYQ14 << TrackFractionBits) - _trackedYQ20) >> VerticalTrackShift;
                _trackedZQ20 += ((upZQ14 << TrackFractionBits) - _trackedZQ20) >> VerticalTrackShift;
            }

            if (_walkingSteps < VerticalFromWalkingSteps)
            {
                _walkingSteps++;
                if (_walkingSteps == VerticalFromWalkingSteps)
                {
                    VerticalKnown = true;
                }
            }

            int ux;
            int uy;
            int uz;
            if (IntegerMath.NormalizeQ14(_trackedXQ20, _trackedYQ20, _trackedZQ20, out ux, out uy, out uz))
            {
                ApplyVertical(ux, uy, uz);
            }
        }

        /// <summary>
        /// Sets the forward axis from a direction-of-progression estimate in sensor axes (any magnitude, e.g.
        /// <see cref="ProgressionDirectionEstimator"/>'s): its part orthogonal to the vertical becomes AP, and
        /// ML = V × AP. Returns false (and leaves the frame) when the estimate is nearly vertical or zero.
        /// </summary>
        public bool SetProgression(int directionX, int directionY, int directionZ)
        {
            int px;
            int py;
            int pz;
            if (!IntegerMath.NormalizeQ14(directionX, directionY, directionZ, out px, out py, out pz))
            {
                return false;
            }

            if (!Orthogonalize(px, py, pz))
            {
                return false;
            }

            _progressionX = px;
            _progressionY = py;
            _progressionZ = pz;
            _hasProgression = true;
            ForwardKnown = true;
            return true;
        }

        /// <summary>Makes (x, y, z) the vertical and re-derives the horizontal axes.</summary>
        private void ApplyVertical(int ux, int uy, int uz)
        {
            VerticalX = ux;
            VerticalY = uy;
            VerticalZ = uz;
            if (_hasProgression && Orthogonalize(_progressionX, _progressionY, _progressionZ))
            {
                return;
            }

            // Provisional horizontal pair: the sensor axis least aligned with the vertical, made horizontal.
            int ax = IntegerMath.Abs(ux);
            int ay = IntegerMath.Abs(uy);
            int az = IntegerMath.Abs(uz);
            if (ax <= ay && ax <= az)
            {
                Orthogonalize(IntegerMath.OneQ14, 0, 0);
            }
            else if (ay <= az)
            {
                Orthogonalize(0, IntegerMath.OneQ14, 0);
            }
            else
            {
                Orthogonalize(0, 0, IntegerMath.OneQ14);
            }
        }

        /// <summary>AP = the part of (px, py, pz) (Q14) orthogonal to the vertical, normalised; ML = V × AP.</summary>
        private bool Orthogonalize(int px, int py, int pz)
        {
            int along = ((px * VerticalX) + (py * VerticalY) + (pz * VerticalZ)) >> IntegerMath.Q14Shift;
            int hx = px - ((along * VerticalX) >> IntegerMath.Q14Shift);
            int hy = py - ((along * VerticalY) >> IntegerMath.Q14Shift);
            int hz = pz - ((along * VerticalZ) >> IntegerMath.Q14Shift);
            if (IntegerMath.Abs(hx) + IntegerMath.Abs(hy) + IntegerMath.Abs(hz) < MinHorizontalQ14)
            {
                return false;
            }

            int fx;
            int fy;
            int fz;
            IntegerMath.NormalizeQ14(hx, hy, hz, out fx, out fy, out fz);
            ForwardX = fx;
            ForwardY = fy;
            ForwardZ = fz;

            // V × AP, both Q14 unit and orthogonal: the product is a Q14 unit vector (to a count or two).
            LateralX = ((VerticalY * fz) - (VerticalZ * fy)) >> IntegerMath.Q14Shift;
            LateralY = ((VerticalZ * fx) - (VerticalX * fz)) >> IntegerMath.Q14Shift;
            LateralZ = ((VerticalX * fy) - (VerticalY * fx)) >> IntegerMath.Q14Shift;
            _revision++;
            return true;
        }
    }
}
