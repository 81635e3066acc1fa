namespace LumbarBand.Core.Sensing
{
    /// <summary>
    /// Tells when the wearer turns: the trunk's rate of rotation about gravity (yaw rate), averaged over about a
    /// second, beyond a turning rate. While turning, the stages that assume straight walking hold still: the direction
    /// of walking is not averaged, and the posture rules neither start nor clear a tilt.
    /// </summary>
    /// <remarks>
    /// <para>Builds on the turn detection of El-Gohary et al. 2014 ("Continuous monitoring of turning in patients
    /// with movement disability", Sensors 14:356) as used for the lower-back sensor of Mobilise-D (Pham et al. 2017):
    /// the gyroscope's rate about the vertical, low-pass filtered, is a turn where it exceeds 15 °/s, and turns in
    /// daily life average 60–120 °/s over 1–2 s. Why the band needs it, measured on the real lower-back walks in
    /// ../shared/data: across a turn the trunk's estimated roll and pitch swing by up to 20° for a second or two (the
    /// band's filter and a full-rate floating-point filter agree, so it is the trunk, not the estimate), and the
    /// horizontal accelerations of a turning stride point anywhere: per-stride directions of walking scattered by
    /// ±30–170° on turning strides against ±6° on straight ones.</para>
    /// <para>Changes for the band: the rate about gravity is the bias-corrected gyroscope projected on
    /// <see cref="GravityTracker"/>'s unit "up" (Q14), at 12.5 Hz with the tilt filter (turns last seconds; the
    /// stride's yaw oscillation, near 1 Hz, is far below the 6 Hz that rate can follow); the low-pass is an exponential average with a
    /// power-of-two weight (a shift) whose time constant, 0.64 s, also damps the pelvis's own yaw oscillation in
    /// straight walking (±15–30 °/s at the stride frequency, about 1 Hz) to under a third; and the 15 °/s of the
    /// offline method, which can afford to check each candidate's total angle afterwards, becomes 25 °/s to start
    /// and 12 °/s to end, so a straight walk's averaged oscillation never starts a turn.</para>
    /// </remarks>
    public sealed class TurnDetector
    {
        /// <summary>Averaged yaw rate that starts a turn: 25 °/s = 819 counts (32.768 counts per °/s).</summary>
        public const int StartRateCounts = 25 * ImuFormat.GyroCountsAtFullScale / ImuFormat.GyroFullScaleDps;

        /// <summary>Averaged yaw rate below which a turn ends: 12 °/s = 393 counts (hysteresis against flicker).</summary>
        public const int EndRateCounts = 12 * ImuFormat.GyroCountsAtFullScale / ImuFormat.GyroFullScaleDps;

        /// <summary>Weight of a new update in the average: 1/2^3, a time constant of 8 updates at 12.5 Hz = 0.64 s.</summary>
        public const int AverageShift = 3;

        /// <summary>Averaged rate about gravity, gyroscope counts × 2^<see cref="AverageShift"/> (positive turning left).</summary>
        private int _averageScaled;

        /// <summary>True while turning.</summary>
        internal bool Turning;

        /// <summary>Yaw rate of the last update (not averaged), gyroscope counts (32.768 per °/s), positive turning left.</summary>
        internal int Yaw;

        /// <summary>True while the wearer turns.</summary>
        public bool IsTurning { get { return Turning; } }

        /// <summary>Yaw rate of the last update, gyroscope counts (32.768 per °/s), positive turning left: the sway stage's heading.</summary>
        public int YawCounts { get { return Yaw; } }

        /// <summary>Yaw rate averaged over about 0.64 s, gyroscope counts (32.768 per °/s), positive turning left.</summary>
        public int YawRateCounts { get { return _averageScaled >> AverageShift; } }

        /// <summary>
        /// One update at 12.5 Hz (every <see cref="Posture.TiltEstimator.SamplesPerStep"/> samples): the bias-corrected gyroscope (counts) and the unit "up" in sensor axes (Q14,
        /// 1.0 = 16384, from <see cref="GravityTracker"/>).
        /// </summary>
        public void Update(int gx, int gy, int gz, int upXQ14, int upYQ14, int upZQ14)
        {
            // |g| ≤ 2^15·√3 and |up| = 2^14: the dot product stays below 2^30.
            int yaw = ((gx * upXQ14) + (gy * upYQ14) + (gz * upZQ14)) >> IntegerMath.Q14Shift;
            Yaw = yaw;
            int average = _averageScaled + yaw - (_averageScaled >> AverageShift);
            _averageScaled = average;
            int magnitude = (average < 0 ? -average : average) >> AverageShift;
            Turning = Turning ? magnitude >= EndRateCounts : magnitude > StartRateCounts;
        }

        /// <summary>Forgets the average (the gyroscope bias changed, or the band was reset).</summary>
        public void Reset()
        {
            _averageScaled = 0;
            Turning = false;
        }
    }
}
