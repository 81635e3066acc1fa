namespace LumbarBand.Core.Sensing
{
    /// <summary>
    /// Finds the direction of walking (forward, with its sign) in the sensor's axes from the body acceleration while
    /// the wearer walks, so the band knows its mounting however it is clipped on.
    /// </summary>
    /// <remarks>
    /// <para>Builds on the inverted-pendulum model of the trunk in walking (Zijlstra &amp; Hof 2003): the centre of
    /// mass is highest at mid-stance, where its forward speed is lowest, and lowest at double support, where it is
    /// highest. So forward velocity runs in phase with the vertical acceleration, and the forward acceleration's
    /// step-frequency component leads the vertical one by a quarter of a step: at the step frequency the trunk's
    /// acceleration turns round an ellipse in the sagittal plane, from up to forward, once a step.</para>
    /// <para>The estimator takes that component alone, as a lock-in amplifier does: the body acceleration a (sensor
    /// axes, gravity removed) is multiplied by the cosine and the sine of a reference oscillation at the wearer's own
    /// step frequency (the band's cadence) and summed over two of its periods (one stride, so that the mediolateral
    /// sway, periodic with the stride, is orthogonal to it), giving the in-phase and quadrature vectors C = Σ a cos θ
    /// and S = Σ a sin θ of the fundamental, a one-bin Fourier transform. With the vertical u, the vector
    /// c = C (u·S) − S (u·C) = u × (C × S) lies along the direction of progression and is |C_v||S_f| sin φ times it,
    /// where φ is the forward component's lead: positive for any lead between 0 and half a step. The reference's own
    /// phase cancels out, so it need not be tied to the heel strikes.</para>
    /// <para>Why the fundamental alone: the previous estimator correlated the horizontal acceleration with the vertical
    /// one a fixed 120 ms later minus 120 ms earlier. That weighs each harmonic h of the step by sin(2πh·lag/step),
    /// which turns negative for the third and fourth harmonics near a quarter-step lag. On one healthy wearer of the
    /// voisard-l5-walks (S05, 110 steps/min) whose forward fundamental leads by 140–160° rather than 90°, the third
    /// and fourth harmonics outweighed the fundamental and the forward axis came out backwards (173–178° off), so a
    /// held flexion read as extension. The fundamental's lead was between 45° (a walker with MS) and 160° on every
    /// recording of both real folders, so its sign is right on all of them; and the reference follows the cadence,
    /// so nothing in it is set for a range of step rates.</para>
    /// <para>Fixed-point changes: the reference is a 32-entry cosine table (Q8) indexed by a phase accumulator (2^16
    /// a step) advanced by the cadence at 25 Hz (every second sample); each stride's c is computed in 64-bit once a
    /// stride, scaled down by <see cref="CrossShift"/>, clipped, and averaged with a fixed exponential time constant of
    /// <see cref="AverageShift"/> strides (only its direction is used, so the start from zero does not bias it).</para>
    /// </remarks>
    public sealed class ProgressionDirectionEstimator
    {
        /// <summary>Bits of the reference phase a step: 2^16 = one period of the step frequency.</summary>
        private const int PhaseBits = 16;

        /// <summary>One period of the reference, phase units.</summary>
        private const int PhaseOne = 1 << PhaseBits;

        /// <summary>Bits of the cosine table index: 32 entries a period (11.25° each).</summary>
        private const int TableBits = 5;

        /// <summary>Index mask of the cosine table.</summary>
        private const int TableMask = (1 << TableBits) - 1;

        /// <summary>Table entries in a quarter period: the sine is the cosine a quarter period later.</summary>
        private const int QuarterTable = 1 << (TableBits - 2);

        /// <summary>
        /// Phase increment a 25 Hz update for 1 centi-step/min: 2^16 / (60 s × 25 Hz × 100) as a ratio applied once a
        /// step, (cadence × 2^16) / 150000.
        /// </summary>
        private const int CentiStepsPerMinutePerUpdateHz = 60 * 25 * 100;

        /// <summary>
        /// Slowest cadence followed, centi-steps/min: 3000 = 30 steps/min, below the 35 steps/min the band is built
        /// for. It bounds the sums: a stride then lasts at most 100 updates, and |a| &lt; 2^15.2 counts times the Q8
        /// table stays below 2^29.9 in 100 updates.
        /// </summary>
        public const int MinCadenceCenti = 3000;

        /// <summary>
        /// Fastest cadence followed, centi-steps/min: 30000 = 300 steps/min, above any walk or run; it keeps the
        /// phase increment below a period (a cadence wildly off cannot index past the table).
        /// </summary>
        public const int MaxCadenceCenti = 30000;

        /// <summary>
        /// Scale of each stride's c into the average: the 64-bit product of two sums (typically 2^19–2^21 each, counts
        /// × Q8 × updates, for 25–100 mg step-frequency accelerations) shifted down by 24 lands near 2^14–2^18.
        /// </summary>
        private const int CrossShift = 24;

        /// <summary>
        /// Largest magnitude of one stride's c into the average, after the shift: 2^24, some hundred times a normal
        /// stride's; a stumble or a jump counts no more than that.
        /// </summary>
        private const int MaxStrideCross = 1 << 24;

        /// <summary>
        /// Time constant of the average: 2^7 = 128 strides (256 steps, some 2.5 minutes of walking at 100
        /// steps/min). Single strides scatter by tens of degrees (turns, irregular steps), so the average must span
        /// many; it still follows a band that was moved within a few minutes of walking.
        /// </summary>
        private const int AverageShift = 7;

        /// <summary>
        /// Strides averaged before the direction is trusted: 8 strides (16 steps), which is about the 8 s the
        /// direction needed to settle within ~15° on the reference walks at a healthy pace, and as many steps as the
        /// vertical from walking needs (<see cref="BodyFrame.VerticalFromWalkingSteps"/>).
        /// </summary>
        public const int MinStrides = 8;

        /// <summary>
        /// Strides in a row whose vertical acceleration is stronger at twice the reference frequency than at it before
        /// the reference is doubled: 4. The vertical acceleration's step-frequency component was 2–4 times its second
        /// harmonic on every real recording, so a vertical stronger at twice the reference means the cadence counted
        /// every other step (as the bout stage did on some built walks, 52 for 104 steps/min); at half the step rate
        /// the reference would pick the stride-periodic mediolateral sway. Four in a row, so that a single irregular
        /// stride does not double it. The doubling ends when the cadence rises to 3/2 of what it was.
        /// </summary>
        private const int HalfRateStrides = 4;

        /// <summary>
        /// Scale of the horizontal sums into the axis's average: 2^-10 brings a normal stride's (2^18–2^21) to
        /// 2^8–2^11, whose squares keep 16 bits and more.
        /// </summary>
        private const int HorizontalShift = 10;

        /// <summary>Largest scaled horizontal sum, 2^14: two products then stay below 2^29.</summary>
        private const int MaxHorizontal = 1 << 14;

        /// <summary>
        /// The direction is refreshed every 4 strides once known (and at every stride before): the average moves by
        /// under 1/32 of the way in 4 strides, and the refresh's normalisations cost more than a stride's sums.
        /// </summary>
        private const int RefreshStrides = 4;

        /// <summary>Shift of the 64-bit M·d (below 2^45) back into int before it is normalised.</summary>
        private const int AxisProductShift = 16;

        /// <summary>
        /// A stride with a turn in it weighs 2^-4 of a straight one: on a turn its forward component rotates with the
        /// trunk, but a walk made mostly of turns still needs an axis.
        /// </summary>
        private const int TurningStrideShift = 4;

        /// <summary>Cosine of 2π·i/32, Q8 (256 = 1.0).</summary>
        private static readonly short[] CosineQ8 =
        {
            256, 251, 237, 213, 181, 142, 98, 50, 0, -50, -98, -142, -181, -213, -237, -251,
            -256, -251, -237, -213, -181, -142, -98, -50, 0, 50, 98, 142, 181, 213, 237, 251,
        };

        /// <summary>Reference phase, 2^16 a step.</summary>
        private int _phase;

        /// <summary>Phase increment a 25 Hz update, from the cadence (never below <see cref="MinCadenceCenti"/>'s).</summary>
        private int _increment = Increment(MinCadenceCenti);

        /// <summary>True in the second step of the stride being summed.</summary>
        private bool _secondStep;

        // Sums of the stride so far: body acceleration (counts) times the reference cosine (C) and sine (S), Q8.
        private int _cx;
        private int _cy;
        private int _cz;
        private int _sx;
        private int _sy;
        private int _sz;

        // Sums of the stride so far: vertical body acceleration times the cosine and sine of twice the reference.
        private int _v2c;
        private int _v2s;

        /// <summary>Shift of the stride being summed into the averages: <see cref="TurningStrideShift"/> once it turned, else 0.</summary>
        private int _weightShift;

        /// <summary>1 while the reference runs at twice the cadence (the cadence was judged half the step rate), else 0.</summary>
        private int _rateShift;

        /// <summary>Cadence (centi-steps/min) when the reference was doubled; a cadence 3/2 of it ends the doubling.</summary>
        private int _doubledAtCadence;

        /// <summary>Strides in a row whose vertical was stronger at twice the reference than at it (up to <see cref="HalfRateStrides"/>).</summary>
        private int _halfRateVotes;

        // Average of each stride's c, scaled by 2^-CrossShift: its sign orients the axis.
        private int _signX;
        private int _signY;
        private int _signZ;

        // Average of each stride's horizontal in-phase and quadrature outer products (h_C h_Cᵀ + h_S h_Sᵀ), symmetric.
        private int _mxx;
        private int _mxy;
        private int _mxz;
        private int _myy;
        private int _myz;
        private int _mzz;

        private int _strides;

        /// <summary>The forward direction, sensor axes, Q14 unit vector (0 until the first stride).</summary>
        internal int ForwardX;

        /// <summary>Forward, sensor y component, Q14.</summary>
        internal int ForwardY;

        /// <summary>Forward, sensor z component, Q14.</summary>
        internal int ForwardZ;

        /// <summary>Whole strides averaged so far; <see cref="DirectionX"/> changes only when it does.</summary>
        public int Strides { get { return _strides; } }

        /// <summary>True once enough walking has been averaged for the direction to be trusted.</summary>
        public bool IsKnown { get { return _strides >= MinStrides; } }

        /// <summary>Forward direction estimate, sensor x component, Q14 unit vector.</summary>
        public int DirectionX { get { return ForwardX; } }

        /// <summary>Forward direction estimate, sensor y component.</summary>
        public int DirectionY { get { return ForwardY; } }

        /// <summary>Forward direction estimate, sensor z component.</summary>
        public int DirectionZ { get { return ForwardZ; } }

        /// <summary>
        /// Sets the reference's frequency from the wearer's cadence, centi-steps/min (call once a counted step); a
        /// cadence below <see cref="MinCadenceCenti"/> (or none yet) counts as that, which bounds the sums, and one
        /// above <see cref="MaxCadenceCenti"/> as that.
        /// </summary>
        public void SetCadence(int cadenceCenti)
        {
            if (_rateShift != 0 && 2 * cadenceCenti > 3 * _doubledAtCadence)
            {
                _rateShift = 0;
            }

            int cadence = (cadenceCenti < MinCadenceCenti ? MinCadenceCenti : cadenceCenti) << _rateShift;
            _increment = Increment(cadence > MaxCadenceCenti ? MaxCadenceCenti : cadence);
        }

        /// <summary>Phase increment a 25 Hz update for a cadence in centi-steps/min.</summary>
        private static int Increment(int cadenceCenti)
        {
            return (int)(((long)cadenceCenti << PhaseBits) / CentiStepsPerMinutePerUpdateHz);
        }

        /// <summary>
        /// Processes one sample taken while walking, on every second sample (after <see cref="GravityTracker"/> has
        /// updated): raw acceleration counts, the sample's vertical body acceleration (counts, up positive,
        /// <see cref="GravityTracker.Project"/>'s), the tracker's gravity, and whether the turn detector flags a turn (a stride
        /// with one weighs less: <see cref="TurningStrideShift"/>). Call only while walking; see <see cref="Pause"/>.
        /// </summary>
        public void UpdateWalking(int ax, int ay, int az, int vertical, GravityTracker gravity, bool turning)
        {
            if (turning)
            {
                _weightShift = TurningStrideShift;
            }

            int phase = _phase + _increment;
            if (phase >= PhaseOne)
            {
                phase -= PhaseOne;
                if (_secondStep)
                {
                    EndStride(gravity);
                }

                _secondStep = !_secondStep;
            }

            _phase = phase;
            int k = phase >> (PhaseBits - TableBits);
            int c = CosineQ8[k];
            int s = CosineQ8[(k - QuarterTable) & TableMask];
            if (!_secondStep)
            {
                // The check for a half-rate cadence needs only one period's worth (a quarter of the stride's power).
                int k2 = (2 * k) & TableMask;
                _v2c += vertical * CosineQ8[k2];
                _v2s += vertical * CosineQ8[(k2 - QuarterTable) & TableMask];
            }

            int bx = ax - (gravity.GravityXQ8 >> GravityTracker.StateFractionBits);
            int by = ay - (gravity.GravityYQ8 >> GravityTracker.StateFractionBits);
            int bz = az - (gravity.GravityZQ8 >> GravityTracker.StateFractionBits);
            _cx += bx * c;
            _cy += by * c;
            _cz += bz * c;
            _sx += bx * s;
            _sy += by * s;
            _sz += bz * s;
        }

        /// <summary>Marks a pause in walking: the stride being summed is dropped.</summary>
        public void Pause()
        {
            ClearSums();
            _secondStep = false;
        }

        /// <summary>
        /// A stride's sums are complete: its c = C (u·S) − S (u·C) joins the sign's average, its horizontal C and S
        /// the axis's, and the direction is refreshed. A stride whose vertical says the reference runs at half the
        /// step rate is left out instead (see <see cref="HalfRateStrides"/>).
        /// </summary>
        private void EndStride(GravityTracker gravity)
        {
            // |sum| < 2^30 and |u| <= 2^14: the dot products stay below 2^46, the products below 2^62 (see MinCadenceCenti).
            int ux = gravity.UpX;
            int uy = gravity.UpY;
            int uz = gravity.UpZ;
            long upC = (((long)_cx * ux) + ((long)_cy * uy) + ((long)_cz * uz)) >> IntegerMath.Q14Shift;
            long upS = (((long)_sx * ux) + ((long)_sy * uy) + ((long)_sz * uz)) >> IntegerMath.Q14Shift;
            // The twice-reference sums cover the stride's first period only: half the amplitude, a quarter of the power.
            long atTwice = ((long)_v2c * _v2c) + ((long)_v2s * _v2s);
            bool halfRate = 4 * atTwice > (upC * upC) + (upS * upS);
            if (halfRate && _rateShift == 0)
            {
                if (++_halfRateVotes >= HalfRateStrides)
                {
                    _rateShift = 1;
                    _doubledAtCadence = (int)(((long)_increment * CentiStepsPerMinutePerUpdateHz) >> PhaseBits);
                    _increment <<= 1;
                    _halfRateVotes = 0;
                }

                ClearSums();
                return;
            }

            _halfRateVotes = 0;
            int weightShift = _weightShift;
            Average(ref _signX, Scaled((_cx * upS) - (_sx * upC)) >> weightShift);
            Average(ref _signY, Scaled((_cy * upS) - (_sy * upC)) >> weightShift);
            Average(ref _signZ, Scaled((_cz * upS) - (_sz * upC)) >> weightShift);

            // Horizontal parts of C and S (the vertical removed), scaled down and clipped so that products fit.
            int hcx = Horizontal(_cx - ((upC * ux) >> IntegerMath.Q14Shift));
            int hcy = Horizontal(_cy - ((upC * uy) >> IntegerMath.Q14Shift));
            int hcz = Horizontal(_cz - ((upC * uz) >> IntegerMath.Q14Shift));
            int hsx = Horizontal(_sx - ((upS * ux) >> IntegerMath.Q14Shift));
            int hsy = Horizontal(_sy - ((upS * uy) >> IntegerMath.Q14Shift));
            int hsz = Horizontal(_sz - ((upS * uz) >> IntegerMath.Q14Shift));
            ClearSums();
            Average(ref _mxx, ((hcx * hcx) + (hsx * hsx)) >> weightShift);
            Average(ref _mxy, ((hcx * hcy) + (hsx * hsy)) >> weightShift);
            Average(ref _mxz, ((hcx * hcz) + (hsx * hsz)) >> weightShift);
            Average(ref _myy, ((hcy * hcy) + (hsy * hsy)) >> weightShift);
            Average(ref _myz, ((hcy * hcz) + (hsy * hsz)) >> weightShift);
            Average(ref _mzz, ((hcz * hcz) + (hsz * hsz)) >> weightShift);
            if (_strides < int.MaxValue)
            {
                _strides++;
            }

            // The principal axis by two steps of power iteration from the sign's direction: M is positive
            // semi-definite, so each step keeps the side of c it starts on.
            if ((_strides & (RefreshStrides - 1)) != 0 && _strides > MinStrides)
            {
                return;
            }

            int dx;
            int dy;
            int dz;
            if (IntegerMath.NormalizeQ14(_signX, _signY, _signZ, out dx, out dy, out dz))
            {
                TowardAxis(ref dx, ref dy, ref dz);
                TowardAxis(ref dx, ref dy, ref dz);
                ForwardX = dx;
                ForwardY = dy;
                ForwardZ = dz;
            }
        }

        /// <summary>One step of power iteration: d = M d, normalised to a Q14 unit vector (left as it was if M d is zero).</summary>
        private void TowardAxis(ref int dx, ref int dy, ref int dz)
        {
            // |M| < 2^29 and |d| <= 2^14: each sum below 2^45; shifted by 16 it fits in int.
            long x = ((long)_mxx * dx) + ((long)_mxy * dy) + ((long)_mxz * dz);
            long y = ((long)_mxy * dx) + ((long)_myy * dy) + ((long)_myz * dz);
            long z = ((long)_mxz * dx) + ((long)_myz * dy) + ((long)_mzz * dz);
            int nx;
            int ny;
            int nz;
            if (IntegerMath.NormalizeQ14((int)(x >> AxisProductShift), (int)(y >> AxisProductShift), (int)(z >> AxisProductShift), out nx, out ny, out nz))
            {
                dx = nx;
                dy = ny;
                dz = nz;
            }
        }

        /// <summary>Exponential average over <see cref="AverageShift"/> strides, rounded to nearest (a floor would bias every sensor axis alike).</summary>
        private static void Average(ref int average, int value)
        {
            average += (value - average + (1 << (AverageShift - 1))) >> AverageShift;
        }

        /// <summary>A horizontal sum scaled by 2^-<see cref="HorizontalShift"/> and clipped to ±<see cref="MaxHorizontal"/>.</summary>
        private static int Horizontal(long sum)
        {
            long scaled = sum >> HorizontalShift;
            if (scaled > MaxHorizontal)
            {
                return MaxHorizontal;
            }

            return scaled < -MaxHorizontal ? -MaxHorizontal : (int)scaled;
        }

        /// <summary>One stride's product scaled by 2^-<see cref="CrossShift"/> and clipped to ±<see cref="MaxStrideCross"/>.</summary>
        private static int Scaled(long product)
        {
            long scaled = product >> CrossShift;
            if (scaled > MaxStrideCross)
            {
                return MaxStrideCross;
            }

            return scaled < -MaxStrideCross ? -MaxStrideCross : (int)scaled;
        }

        private void ClearSums()
        {
            _cx = 0;
            _cy = 0;
            _cz = 0;
            _sx = 0;
            _sy = 0;
            _sz = 0;
            _v2c = 0;
            _v2s = 0;
            _weightShift = 0;
        }
    }
}
