namespace LumbarBand.Core.Gait
{
    /// <summary>
    /// Stride regularity of a walking bout: the unbiased autocorrelation of the trunk's vertical acceleration at the
    /// lag of one stride, normalised by its value at lag 0 (Moe-Nilssen &amp; Helbostad 2004, "Estimation of gait
    /// cycle characteristics by trunk accelerometry", J Biomech 37:121–126): 1 when every stride repeats the one
    /// before, lower the more strides differ.
    /// </summary>
    /// <remarks>
    /// <para>Input: the vertical body acceleration (counts, 4096 = 1 g, gravity removed) averaged over 4 samples (the
    /// step detector's box average), once every 8 samples (6.25 Hz: a stride of walking is 5–14 entries, and the
    /// box keeps the heel strike's ringing out), stored in a ring of <see cref="RingEntries"/> (20.5 s) at 1/64 g.
    /// Per sample that is one store every eighth sample (the band's IL budget per sample is shared); the
    /// autocorrelation is computed once a bout, when it ends, over its last <see cref="WindowEntries"/> entries of
    /// walking (up to its last step): the bout's steady walking before it stopped, four to seven strides, as
    /// Moe-Nilssen &amp; Helbostad measured over a walkway's steady strides.</para>
    /// <para>A(m) = 1/(N−m) Σ x(i)·x(i+m), R = A(m)/A(0), with m the stride in entries from the bout's mean step
    /// time (given when the bout ends). As Moe-Nilssen &amp; Helbostad take the autocorrelation's peak near the stride lag, A is evaluated at the
    /// three lags around it and, when the middle one is highest, the peak of the parabola through them is taken
    /// (a lag half an entry off would read a perfectly regular gait far too low). The mean is not removed: gravity is, and what remains averages to a few counts against a
    /// stride's hundreds.</para>
    /// </remarks>
    public sealed class StrideRegularity
    {
        /// <summary>Entries the ring holds: 128 = 20.5 s at 6.25 Hz, a window plus the 2.5 s by which a bout's end is reported late.</summary>
        public const int RingEntries = 128;

        /// <summary>Ring index mask.</summary>
        private const int RingMask = RingEntries - 1;

        /// <summary>Autocorrelation window: up to 96 entries = 15.4 s, eight to fourteen strides of walking.</summary>
        public const int WindowEntries = 96;

        /// <summary>
        /// Least entries of walking for a figure: 24 = 3.8 s, three strides at a normal pace (the shortest bouts, six
        /// steps); a shorter window gives 0 (not measured).
        /// </summary>
        public const int MinWindowEntries = 24;

        /// <summary>Samples per entry: 8 (a power of two, and a multiple of the posture stage's 4, on whose samples the entries are taken).</summary>
        public const int SamplesPerEntry = 8;

        /// <summary>An entry is taken when (sample number &amp; this) == 0.</summary>
        public const int SampleMask = SamplesPerEntry - 1;

        /// <summary>Device µs per entry: eight samples at 50 Hz.</summary>
        public const int EntryUs = SamplesPerEntry * Sensing.ImuFormat.SamplePeriodUs;

        /// <summary>Counts (4096 = 1 g) to the ring's 1/64 g: a shift by 6.</summary>
        private const int EntryShift = 6;

        /// <summary>Permille: the result is R × 1000.</summary>
        private const int Permille = 1000;

        /// <summary>The entries, counts / 64 (64 = 1 g): a byte each, ±2 g, which the 80-ms mean of the trunk's vertical acceleration does not leave while walking (no clipping is spent per sample; a jolt beyond it wraps, one bad entry in a window).</summary>
        private readonly sbyte[] _ring = new sbyte[RingEntries];

        /// <summary>Entries written since power-on (wraps harmlessly: only differences are used).</summary>
        private int _written;

        /// <summary>Value of <see cref="_written"/> at the bout's first step.</summary>
        private int _boutStart;

        /// <summary>The last bout's regularity, ×1000; 0 when it could not be measured.</summary>
        private int _permille;

        /// <summary>One entry: the 4-sample mean of vertical body acceleration, counts. Call every <see cref="SamplesPerEntry"/> samples.</summary>
        public void Add(int verticalCounts)
        {
            int w = _written;
            _ring[w & RingMask] = unchecked((sbyte)(verticalCounts >> EntryShift));
            _written = w + 1;
        }

        /// <summary>A bout started; its first step was <paramref name="entriesAgo"/> entries ago.</summary>
        public void OnBoutStart(int entriesAgo)
        {
            _boutStart = _written - entriesAgo;
        }

        /// <summary>
        /// The bout ended at its last step, <paramref name="entriesAgo"/> entries ago, with a mean step time of
        /// <paramref name="meanStepUs"/> µs (0 if unknown): its last window is measured.
        /// </summary>
        public void OnBoutEnd(int entriesAgo, int meanStepUs)
        {
            _permille = Measure(_written - entriesAgo, meanStepUs);
        }

        /// <summary>Writes <see cref="WalkingBoutOutcome.StrideRegularityPermille"/> (0 if it could not be measured).</summary>
        public void Fill(WalkingBoutOutcome outcome)
        {
            outcome.StrideRegularityPermille = _permille;
        }

        /// <summary>R × 1000 over the window of walking that ends at entry count <paramref name="end"/>; 0 if too short.</summary>
        private int Measure(int end, int stepUs)
        {
            int n = end - _boutStart;
            if (n > WindowEntries)
            {
                n = WindowEntries;
            }

            if (_written - end + n > RingEntries)
            {
                n = RingEntries - (_written - end);
            }

            int lag = ((stepUs * 2) + (EntryUs >> 1)) / EntryUs;
            if (stepUs <= 0 || n < MinWindowEntries || lag + 1 > n - (n >> 2) || lag < 2)
            {
                return 0;
            }

            int first = end - n;
            long energy = Products(first, n, 0);
            if (energy <= 0)
            {
                return 0;
            }

            long before = Normalised(first, n, lag - 1, energy);
            long at = Normalised(first, n, lag, energy);
            long after = Normalised(first, n, lag + 1, energy);
            long peak = at;
            if (before > at || after > at)
            {
                peak = before > after ? before : after;
            }
            else
            {
                long curvature = (2 * at) - before - after;
                if (curvature > 0)
                {
                    long slope = before - after;
                    peak = at + ((slope * slope) / (8 * curvature));
                }
            }

            if (peak > Permille)
            {
                peak = Permille;
            }

            // 0 is "not measured": a measured zero reads as the smallest non-zero value.
            return peak == 0 ? 1 : (int)peak;
        }

        /// <summary>A(m)/A(0) × 1000 over the <paramref name="n"/> entries from <paramref name="first"/>; <paramref name="energy"/> is Σx².</summary>
        private long Normalised(int first, int n, int lag, long energy)
        {
            return Products(first, n, lag) * n * Permille / ((n - lag) * energy);
        }

        /// <summary>Σ x(i)·x(i + lag) over the window's n − lag pairs.</summary>
        private long Products(int first, int n, int lag)
        {
            sbyte[] ring = _ring;
            long sum = 0;
            int last = first + n - lag;
            for (int i = first; i < last; i++)
            {
                sum += ring[i & RingMask] * ring[(i + lag) & RingMask];
            }

            return sum;
        }
    }
}
