namespace LumbarBand.Core.Sensing
{
    /// <summary>
    /// Finds the direction of walking (forward, with its sign) in the sensor's axes from the body acceleration while
    /// the wearer walks, so the band knows its mounting however it is clipped on.
    /// </summary>
    /// <remarks>
    /// <para>Builds on the inverted-pendulum model of the trunk in walking (Zijlstra &amp; Hof 2003): the centre of
    /// mass is highest at mid-stance, where its forward speed is lowest, and lowest at double support, where it is
    /// highest. So forward velocity runs in phase with the vertical acceleration (height and vertical acceleration
    /// are in anti-phase), and the forward acceleration leads the vertical acceleration by a quarter of a step. The
    /// horizontal acceleration that correlates with the vertical acceleration a quarter step later, minus a quarter
    /// step earlier, is along the direction of progression and points forward:
    /// c = E[(a_v(t + k) - a_v(t - k)) · a(t)], k ≈ a quarter of a step. Mediolateral acceleration, periodic with the
    /// stride (two steps), averages out of c, and the vertical component cancels by symmetry; what is left of it is
    /// removed by <see cref="BodyFrame"/>, which keeps only the part of c orthogonal to the vertical.</para>
    /// <para>Compared with the principal horizontal direction at the step frequency (the usual choice, which on the
    /// reference walks was often closer to mediolateral than to forward), this gives the sign as well; on the six
    /// reference walks it was within 35° of the sensor's forward axis in 12 of 13 bouts taken alone, and within 20°
    /// averaged over each daily-living recording.</para>
    /// <para>Fixed-point changes: the expectation is an exponential average over walking samples only, with a
    /// power-of-two time constant that grows from 16 updates to 2048 (80 s) as walking accumulates (a running mean
    /// at first), kept in counts² / 4 and rounded to nearest; it runs at 25 Hz (every second sample) with an 8-entry
    /// delay ring.</para>
    /// </remarks>
    public sealed class ProgressionDirectionEstimator
    {
        /// <summary>
        /// The quarter-step lag k, in updates at 25 Hz (every second sample): 3 = 120 ms, a quarter of a 0.48 s step
        /// (125 steps/min, inside the 60–150 steps/min range; at its ends the lag is 0.1 and 0.25 of a step, still
        /// inside the lobe where the correlation keeps its sign). On the reference walks lags of 100–140 ms gave
        /// directions within 5° of each other. 2k must stay below the ring length.
        /// </summary>
        public const int QuarterStepUpdates = 3;

        /// <summary>Ring length (a power of two above 2k = 6).</summary>
        private const int RingLength = 8;

        /// <summary>Index mask of the ring.</summary>
        private const int RingMask = RingLength - 1;

        /// <summary>
        /// Both factors are halved (to 0.5 mg resolution) before they are multiplied: the vertical difference is
        /// below 2^16 counts and the body acceleration below 2^15, so the product stays below 2^29 even in a fall.
        /// </summary>
        private const int FactorShift = 1;

        /// <summary>
        /// Longest time constant of the average: 2^11 = 2048 updates at 25 Hz, about 80 s of walking (some 150 steps).
        /// Single bouts give directions scattered by ±30° (turns, irregular steps), so the average must span many;
        /// it still follows a band that was moved within a few minutes of walking.
        /// </summary>
        private const int MaxAverageShift = 11;

        /// <summary>
        /// Shortest time constant, used at the start: 2^4 = 16 updates. The shift then grows by one each time the
        /// walking updates double, which makes the exponential average a running mean until it reaches
        /// <see cref="MaxAverageShift"/> (no start-up bias toward zero, no long wait).
        /// </summary>
        private const int MinAverageShift = 4;

        /// <summary>
        /// Walking updates (25 Hz) needed before the direction is trusted: 200 = 8 s, some 14 steps (the estimate's
        /// direction settled within ~15° on the reference walks after that much walking).
        /// </summary>
        public const int MinWalkingUpdates = 200;

        private readonly int[] _vertical = new int[RingLength];
        private readonly int[] _bodyX = new int[RingLength];
        private readonly int[] _bodyY = new int[RingLength];
        private readonly int[] _bodyZ = new int[RingLength];
        private int _index;
        private int _filled;
        private int _walkingUpdates;
        private int _averageShift = MinAverageShift;

        /// <summary>Half of 2^<see cref="_averageShift"/>: the rounding term of the average, kept with the shift.</summary>
        private int _averageRounding = 1 << (MinAverageShift - 1);

        /// <summary>The correlation vector c (forward direction, not normalised), counts² / 4, sensor axes.</summary>
        internal int ForwardX;

        /// <summary>c, sensor y component.</summary>
        internal int ForwardY;

        /// <summary>c, sensor z component.</summary>
        internal int ForwardZ;

        /// <summary>Walking updates (25 Hz) averaged so far.</summary>
        public int WalkingUpdates { get { return _walkingUpdates; } }

        /// <summary>True once enough walking has been averaged for the direction to be trusted.</summary>
        public bool IsKnown { get { return _walkingUpdates >= MinWalkingUpdates; } }

        /// <summary>Forward direction estimate (not normalised), sensor x component, counts² / 4.</summary>
        public int DirectionX { get { return ForwardX; } }

        /// <summary>Forward direction estimate, sensor y component.</summary>
        public int DirectionY { get { return ForwardY; } }

        /// <summary>Forward direction estimate, sensor z component.</summary>
        public int DirectionZ { get { return ForwardZ; } }

        /// <summary>
        /// Processes one sample taken while walking, on every second sample (after <see cref="GravityTracker"/> has
        /// updated): raw acceleration counts, the sample's vertical body acceleration (counts, up positive,
        /// <see cref="GravityTracker.Project"/>'s) and the tracker's gravity. Call only while walking; other samples are
        /// not averaged (the delay line restarts after a <see cref="Pause"/>).
        /// </summary>
        public void UpdateWalking(int ax, int ay, int az, int vertical, GravityTracker gravity)
        {
            int i = _index;
            _vertical[i] = vertical;
            _bodyX[i] = ax - (gravity.GravityXQ8 >> GravityTracker.StateFractionBits);
            _bodyY[i] = ay - (gravity.GravityYQ8 >> GravityTracker.StateFractionBits);
            _bodyZ[i] = az - (gravity.GravityZQ8 >> GravityTracker.StateFractionBits);
            _index = (i + 1) & RingMask;
            if (_filled <= 2 * QuarterStepUpdates)
            {
                _filled++;
                return;
            }

            int mid = (i - QuarterStepUpdates) & RingMask;
            int lead = (vertical - _vertical[(i - (2 * QuarterStepUpdates)) & RingMask]) >> FactorShift;

            // Rounded to nearest: a floor would bias every sensor axis alike (by -2^(shift-1)), which does not rotate
            // with the mounting and would skew the direction.
            int shift = _averageShift;
            int rounding = _averageRounding;
            ForwardX += ((lead * (_bodyX[mid] >> FactorShift)) - ForwardX + rounding) >> shift;
            ForwardY += ((lead * (_bodyY[mid] >> FactorShift)) - ForwardY + rounding) >> shift;
            ForwardZ += ((lead * (_bodyZ[mid] >> FactorShift)) - ForwardZ + rounding) >> shift;
            if (_walkingUpdates < int.MaxValue)
            {
                _walkingUpdates++;

                // The shift test first: once the longest time constant is reached it ends the check at once.
                if (shift < MaxAverageShift && _walkingUpdates == 1 << shift)
                {
                    _averageShift = shift + 1;
                    _averageRounding = 1 << shift;
                }
            }
        }

        /// <summary>Marks a pause in walking: the delay line is refilled before it is used again.</summary>
        public void Pause()
        {
            _filled = 0;
        }
    }
}
