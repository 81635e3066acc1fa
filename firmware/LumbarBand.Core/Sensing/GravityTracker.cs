namespace LumbarBand.Core.Sensing
{
    /// <summary>
    /// Tracks gravity in the sensor's axes (a slow low-pass of the accelerometer, whose direction is "up" however the
    /// band is clipped on) and gives, every sample, the body's own acceleration along that vertical: the signal the
    /// step detector runs on.
    /// </summary>
    /// <remarks>
    /// The classic gravity/body-acceleration split of trunk accelerometry by low-pass filtering (Mathie et al. 2004),
    /// with the body acceleration projected on the true vertical (Moe-Nilssen 1998). Fixed-point changes: the
    /// low-pass is a first-order exponential average with a power-of-two time constant on Q8 counts, updated on
    /// every second sample (25 Hz is plenty for a 0.12 Hz filter and halves its cost); the unit vertical (Q14) is
    /// renormalised with an integer square root every <see cref="UnitRefreshUpdates"/> updates; and the vertical body
    /// acceleration is a·u - |g| (one dot product a sample), which equals (a - g)·u because g is along u.
    /// </remarks>
    public sealed class GravityTracker
    {
        /// <summary>Fraction bits of the low-pass state: Q8 counts (256 = one count = 1/4096 g).</summary>
        public const int StateFractionBits = 8;

        /// <summary>
        /// Low-pass time constant: 2^5 = 32 updates at 25 Hz = 1.28 s (cut-off 0.12 Hz). Well below the slowest step
        /// frequency (1 Hz at 60 steps/min, attenuated 8 times, so the vertical wobbles by under 1° while walking)
        /// yet quick enough to follow the trunk when the wearer sits, bends or lies down.
        /// </summary>
        public const int GravityShift = 5;

        /// <summary>
        /// The unit vertical is renormalised every 16 updates (0.64 s, half the low-pass time constant): gravity's
        /// direction moves little in that time, and the square root costs a few instructions a sample amortised.
        /// </summary>
        public const int UnitRefreshUpdates = 16;

        /// <summary>
        /// Gravity estimate along sensor x, Q8 counts (256 = one count = 1/4096 g). Readers that want whole counts shift
        /// it by <see cref="StateFractionBits"/> themselves, when they need them: no whole-count copy is kept up to date
        /// on every update (IL budget).
        /// </summary>
        internal int GravityXQ8;

        /// <summary>Gravity estimate along sensor y, Q8 counts.</summary>
        internal int GravityYQ8;

        /// <summary>Gravity estimate along sensor z, Q8 counts.</summary>
        internal int GravityZQ8;

        private int _untilRefresh;
        private bool _started;

        /// <summary>Length of gravity along the unit vertical, counts (about 4096), refreshed with the unit vector.</summary>
        internal int Magnitude;

        /// <summary>Unit vector along gravity ("up": the accelerometer reads +1 g upwards at rest), Q14, sensor axes.</summary>
        internal int UpX;

        /// <summary>Unit vertical, y component, Q14.</summary>
        internal int UpY;

        /// <summary>Unit vertical, z component, Q14.</summary>
        internal int UpZ;

        /// <summary>Unit vector along gravity in sensor axes, Q14 (16384 = 1.0), x component.</summary>
        public int UpXQ14 { get { return UpX; } }

        /// <summary>Unit vertical, y component, Q14.</summary>
        public int UpYQ14 { get { return UpY; } }

        /// <summary>Unit vertical, z component, Q14.</summary>
        public int UpZQ14 { get { return UpZ; } }

        /// <summary>Gravity estimate along sensor x, counts (4096 = 1 g).</summary>
        public int GravityX { get { return GravityXQ8 >> StateFractionBits; } }

        /// <summary>Gravity estimate along sensor y, counts.</summary>
        public int GravityY { get { return GravityYQ8 >> StateFractionBits; } }

        /// <summary>Gravity estimate along sensor z, counts.</summary>
        public int GravityZ { get { return GravityZQ8 >> StateFractionBits; } }

        /// <summary>
        /// Gives the body acceleration along the current vertical for one accelerometer sample (raw counts; up
        /// positive, counts, 4096 = 1 g). Call every sample; it is not kept (the caller hands it on: IL budget).
        /// </summary>
        public int Project(int ax, int ay, int az)
        {
            // |a| < 2^15 and |up| <= 2^14: each product is below 2^29 and the sum inside int.
            return (((ax * UpX) + (ay * UpY) + (az * UpZ)) >> IntegerMath.Q14Shift) - Magnitude;
        }

        /// <summary>
        /// Updates the gravity low-pass with one accelerometer sample (raw counts). Call on every second sample,
        /// starting with the first (its time constant assumes 25 Hz).
        /// </summary>
        public void UpdateLowPass(int ax, int ay, int az)
        {
            if (!_started)
            {
                Start(ax, ay, az);
            }

            GravityXQ8 += ((ax << StateFractionBits) - GravityXQ8) >> GravityShift;
            GravityYQ8 += ((ay << StateFractionBits) - GravityYQ8) >> GravityShift;
            GravityZQ8 += ((az << StateFractionBits) - GravityZQ8) >> GravityShift;
            if (--_untilRefresh <= 0)
            {
                RefreshUnit();
            }
        }

        private void Start(int ax, int ay, int az)
        {
            GravityXQ8 = ax << StateFractionBits;
            GravityYQ8 = ay << StateFractionBits;
            GravityZQ8 = az << StateFractionBits;
            _started = true;
            RefreshUnit();
        }

        private void RefreshUnit()
        {
            _untilRefresh = UnitRefreshUpdates;
            int ux;
            int uy;
            int uz;
            if (IntegerMath.NormalizeQ14(GravityXQ8, GravityYQ8, GravityZQ8, out ux, out uy, out uz))
            {
                UpX = ux;
                UpY = uy;
                UpZ = uz;

                // |g| = g·u, from whole counts: the Q8 state times a Q14 component could overflow int.
                Magnitude = (((GravityXQ8 >> StateFractionBits) * ux) + ((GravityYQ8 >> StateFractionBits) * uy)
                    + ((GravityZQ8 >> StateFractionBits) * uz)) >> IntegerMath.Q14Shift;
            }
        }
    }
}
