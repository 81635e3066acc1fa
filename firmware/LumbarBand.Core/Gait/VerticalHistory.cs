namespace LumbarBand.Core.Gait
{
    /// <summary>
    /// Layout of the band's short history of the trunk's vertical body acceleration: the last 5.12 s at 12.5 Hz, one
    /// byte an entry (a <c>sbyte[]</c> of <see cref="Entries"/> that <see cref="Band"/> allocates and writes), from
    /// which the band measures, once a step or a few times a bout, what needs the waveform itself (the pelvis's
    /// vertical excursion, <see cref="StepLengthEstimator"/>; stride regularity, <see cref="StrideRegularity"/>).
    /// </summary>
    /// <remarks>
    /// <para>An entry is the step detector's 4-sample box mean (80 ms, the decimation's low-pass: its zeros at 12.5 and
    /// 25 Hz) taken on every fourth sample, where <see cref="Band"/> already branches for the tilt stage, so per
    /// sample it costs one byte stored every fourth sample and nothing else. Entry number = sample number &gt;&gt;
    /// <see cref="EntryShift"/>; the entry stored on sample s holds the mean of samples s − 4 … s − 1 (Band stores it
    /// before the step detector sees sample s), centred 2.5 samples before s. Entry numbers wrap harmlessly: only
    /// differences are used.</para>
    /// <para>Units: 1/128 g (counts, 4096 = 1 g, shifted by <see cref="ValueShift"/>).</para>
    /// </remarks>
    public static class VerticalHistory
    {
        /// <summary>
        /// Entries kept: 64 = 5.12 s at 12.5 Hz (64 bytes of state): the five step times of the six steps that confirm
        /// a bout, reported together, down to 60 steps/min, and the first strides of steady walking.
        /// </summary>
        public const int Entries = 64;

        /// <summary>Index mask of the ring.</summary>
        public const int Mask = Entries - 1;

        /// <summary>Samples per entry: 4, the tilt stage's step (entries are taken on its samples).</summary>
        public const int SamplesPerEntry = 4;

        /// <summary>Shift from a sample number to its entry number.</summary>
        public const int EntryShift = 2;

        /// <summary>Device µs per entry: four samples at 50 Hz.</summary>
        public const int EntryUs = SamplesPerEntry * Sensing.ImuFormat.SamplePeriodUs;

        /// <summary>
        /// Samples added to a sample number before the shift to find the first entry centred at or after it: entry e is
        /// centred at sample 4e − 2.5, so e = ⌈(s + 2.5) / 4⌉ = (s + 6) &gt;&gt; 2.
        /// </summary>
        public const int CentreRounding = 6;

        /// <summary>
        /// Counts (4096 = 1 g) to 1/128 g: a shift by 5. A byte holds ±1 g, which the 80-ms mean of the trunk's vertical
        /// acceleration does not leave while walking (0.4 g at most on the real walks); no clipping is spent per sample,
        /// so a jolt beyond it wraps: one bad entry, which the measures over walking see at most once.
        /// </summary>
        public const int ValueShift = 5;

        /// <summary>Stores entry <paramref name="entry"/> of <paramref name="ring"/>: a 4-sample mean of vertical body acceleration, counts (4096 = 1 g). (Band writes the same inline: IL budget.)</summary>
        public static void Add(sbyte[] ring, int entry, int verticalCounts)
        {
            ring[entry & Mask] = unchecked((sbyte)(verticalCounts >> ValueShift));
        }

        /// <summary>The first entry centred at or after sample number <paramref name="sample"/>.</summary>
        public static int EntryAtOrAfter(int sample)
        {
            return (sample + CentreRounding) >> EntryShift;
        }
    }
}
