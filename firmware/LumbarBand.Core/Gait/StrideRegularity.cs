namespace LumbarBand.Core.Gait
{
    /// <summary>
    /// Stride regularity of a walking bout: the unbiased autocorrelation of the trunk's vertical acceleration at the
    /// lag of one stride, normalised by its value at lag 0 (Moe-Nilssen &amp; Helbostad 2004, "Estimation of gait
    /// cycle characteristics by trunk accelerometry", J Biomech 37:121–126): 1 when every stride repeats the one
    /// before, lower the more strides differ.
    /// </summary>
    /// <remarks>
    /// <para>Input: the vertical body acceleration at 12.5 Hz of the band's <see cref="VerticalHistory"/> (a stride of
    /// walking is 10–28 entries), which costs nothing more per sample. The window is the bout's first steady walking:
    /// from its second counted step (the first rises from standing, gait initiation) over up to
    /// <see cref="WindowEntries"/> entries (two strides when they are longer), as Moe-Nilssen &amp; Helbostad measured
    /// over a walkway's steady strides. It is measured once a stride from the window's second stride on, until the
    /// window is full (a few times a bout, never per sample); a bout shorter than two strides after its first step, or
    /// whose window has left the history before its step is counted, is not measured. The history's
    /// 5.12 s could not hold a bout's last strides until its end is known (2.5 s after its last step), so the window
    /// is the first one.</para>
    /// <para>A(m) = 1/(N−m) Σ x(i)·x(i+m), R = A(m)/A(0), with m the stride in entries from the bout's mean step
    /// time so far, each sum over the same values of i (so the 1/(N−m) cancel). As Moe-Nilssen &amp; Helbostad take
    /// the autocorrelation's peak near the stride lag, A is evaluated at the three lags around it and, when the
    /// middle one is highest, the peak of the parabola through them is taken (a lag half an entry off reads a
    /// perfectly regular gait too low). The mean is not removed: gravity is, and what remains averages to a few
    /// counts against a stride's hundreds.</para>
    /// </remarks>
    public sealed class StrideRegularity
    {
        /// <summary>Autocorrelation window: up to 48 entries = 3.84 s, two to four strides of walking, within the history's 64 with room for the steps' reporting delay.</summary>
        public const int WindowEntries = 48;

        /// <summary>
        /// Least strides in the window for a figure: 2 (the autocorrelation at the stride lag then averages at least a
        /// stride of products); fewer give 0 (not measured).
        /// </summary>
        public const int MinWindowStrides = 2;

        /// <summary>Permille: the result is R × 1000.</summary>
        private const int Permille = 1000;

        private readonly sbyte[] _ring;

        /// <summary>Counted steps of the bout so far.</summary>
        private int _steps;

        /// <summary>History entry of the window's start: the bout's second counted step.</summary>
        private int _windowStart;

        /// <summary>The window is full and measured: nothing more to do this bout.</summary>
        private bool _done;

        /// <summary>The bout's regularity, ×1000; 0 while it could not be measured.</summary>
        private int _permille;

        /// <summary>Creates the measure over a <see cref="VerticalHistory"/> ring.</summary>
        public StrideRegularity(sbyte[] verticalHistory)
        {
            _ring = verticalHistory;
        }

        /// <summary>A bout started.</summary>
        public void OnBoutStart()
        {
            _steps = 0;
            _done = false;
            _permille = 0;
        }

        /// <summary>
        /// A counted step of the bout, its contact in history entry <paramref name="contactEntry"/> (the first centred
        /// at or after it); <paramref name="newestEntry"/> is the history's newest, and <paramref name="meanStepUs"/>
        /// the bout's mean step time so far, µs (0 if unknown). The window so far is measured once it holds two strides.
        /// </summary>
        public void OnStep(int contactEntry, int newestEntry, int meanStepUs)
        {
            int steps = ++_steps;
            if (steps == 2)
            {
                _windowStart = contactEntry;
            }

            if (steps <= 2 || _done)
            {
                return;
            }

            // The window is full at WindowEntries or, for strides longer than half of it (below 62 steps/min), at two
            // strides; until then it is measured once a stride (every second step).
            int n = contactEntry - _windowStart;
            int full = MinWindowStrides * StrideEntries(meanStepUs);
            if (full < WindowEntries)
            {
                full = WindowEntries;
            }

            if (n >= full)
            {
                n = full;
                _done = true;
            }
            else if ((steps & 1) != 0)
            {
                return;
            }

            // The history keeps entries newest − Entries + 1 … newest.
            if (newestEntry - (contactEntry - n) >= VerticalHistory.Entries)
            {
                return;
            }

            int permille = Measure(contactEntry, n, meanStepUs);
            if (permille != 0)
            {
                _permille = permille;
            }
        }

        /// <summary>A stride of two steps of <paramref name="stepUs"/> µs, in history entries (rounded).</summary>
        private static int StrideEntries(int stepUs)
        {
            return ((stepUs * 2) + (VerticalHistory.EntryUs >> 1)) / VerticalHistory.EntryUs;
        }

        /// <summary>Writes <see cref="WalkingBoutOutcome.StrideRegularityPermille"/> (0 if it could not be measured).</summary>
        public void Fill(WalkingBoutOutcome outcome)
        {
            outcome.StrideRegularityPermille = _permille;
        }

        /// <summary>R × 1000 over the <paramref name="n"/> entries before entry <paramref name="end"/>; 0 if shorter than two strides.</summary>
        private int Measure(int end, int n, int stepUs)
        {
            int lag = StrideEntries(stepUs);
            if (stepUs <= 0 || lag < 2 || n < MinWindowStrides * lag)
            {
                return 0;
            }

            // One pass: x(i)² and x(i)·x(i + lag − 1 … lag + 1) over the same n − lag − 1 values of i (a byte squared
            // is below 2^14, so a window of 48 sums in an int).
            sbyte[] ring = _ring;
            int energy = 0, before = 0, at = 0, after = 0;
            int first = end - n;
            int last = end - lag - 1;
            for (int i = first; i < last; i++)
            {
                int x = ring[i & VerticalHistory.Mask];
                int j = i + lag;
                energy += x * x;
                before += x * ring[(j - 1) & VerticalHistory.Mask];
                at += x * ring[j & VerticalHistory.Mask];
                after += x * ring[(j + 1) & VerticalHistory.Mask];
            }

            if (energy <= 0)
            {
                return 0;
            }

            long b = (long)before * Permille / energy;
            long a = (long)at * Permille / energy;
            long c = (long)after * Permille / energy;
            long peak = a;
            if (b > a || c > a)
            {
                peak = b > c ? b : c;
            }
            else
            {
                long curvature = (2 * a) - b - c;
                if (curvature > 0)
                {
                    long slope = b - c;
                    peak = a + ((slope * slope) / (8 * curvature));
                }
            }

            if (peak > Permille)
            {
                peak = Permille;
            }

            // 0 is "not measured": a measured zero reads as the smallest non-zero value.
            return peak == 0 ? 1 : (int)peak;
        }
    }
}
