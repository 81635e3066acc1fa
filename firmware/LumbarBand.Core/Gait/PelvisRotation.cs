namespace LumbarBand.Core.Gait
{
    /// <summary>
    /// The trunk's rotation about the vertical (yaw angle) over the last <see cref="HistoryUpdates"/> updates, so that a
    /// candidate step, found a fraction of a second after its initial contact, can be judged by how the pelvis turned
    /// since that contact (<see cref="WalkingBoutTracker"/>'s test for a walking aid's impacts).
    /// </summary>
    /// <remarks>
    /// <para>Why: each initial contact starts the pelvis's rotation towards the other side (the pelvis rotates about
    /// the stance hip as the swing leg moves forward; transverse pelvic rotation, Saunders, Inman &amp; Eberhart 1953;
    /// Perry 1992), and slow, impaired gait rotates it more (Huang et al. 2010, trunk-pelvis coordination in slow
    /// walking). A cane or crutch lands as an impulse through the arm with the pelvis between two rotations: the
    /// trunk's vertical acceleration shows a peak like a weak step's, its yaw does not move.</para>
    /// <para>Input: the bias-corrected yaw rate of <see cref="Sensing.TurnDetector"/> (gyroscope counts, 32.768 per °/s)
    /// at its 12.5 Hz update. Angles are that rate summed over updates: 409.6 units = 1° (32.768 × 12.5). The running
    /// sum wraps harmlessly: only differences over at most <see cref="HistoryUpdates"/> updates are read.</para>
    /// </remarks>
    public sealed class PelvisRotation
    {
        /// <summary>
        /// Updates kept: 8 at 12.5 Hz = 0.64 s, beyond the longest delay from a step's contact to its detection
        /// (<see cref="WalkingBoutTracker.DetectionLatencySamples"/>, 0.5 s). A power of two so the ring index is a mask.
        /// </summary>
        public const int HistoryUpdates = 8;

        /// <summary>Ring index mask of the history.</summary>
        private const int HistoryMask = HistoryUpdates - 1;

        /// <summary>Samples at 50 Hz per update (a shift of 2: every fourth sample, with the tilt filter).</summary>
        private const int SamplesPerUpdateShift = 2;

        /// <summary>Oldest sample the history still reaches, samples back from the latest update.</summary>
        public const int MaxAgeSamples = (HistoryUpdates - 1) << SamplesPerUpdateShift;

        /// <summary>Angle units per degree: 32.768 gyroscope counts per °/s × 12.5 updates per second = 409.6.</summary>
        public const int UnitsPerTenDegrees = 4096;

        /// <summary>Yaw angle after each of the last updates, indexed by (update sample &gt;&gt; 2) &amp; mask.</summary>
        private readonly int[] _history = new int[HistoryUpdates];

        /// <summary>Running yaw angle, units (409.6 = 1°).</summary>
        private int _angle;

        /// <summary>Sample number of the last update.</summary>
        private int _lastSample;

        /// <summary>
        /// One update at 12.5 Hz: the yaw rate (gyroscope counts, positive turning left) and the sample number at 50 Hz
        /// (a multiple of four).
        /// </summary>
        public void Update(int yawCounts, int sample)
        {
            int angle = _angle + yawCounts;
            _angle = angle;
            _history[(sample >> SamplesPerUpdateShift) & HistoryMask] = angle;
            _lastSample = sample;
        }

        /// <summary>
        /// The yaw angle turned since <paramref name="sample"/> (at most <see cref="MaxAgeSamples"/> before the last
        /// update; older samples are read as that oldest one), units (409.6 = 1°), positive turning left.
        /// </summary>
        public int SinceSample(int sample)
        {
            int last = _lastSample;
            if (last - sample > MaxAgeSamples)
            {
                sample = last - MaxAgeSamples;
            }

            return _angle - _history[(sample >> SamplesPerUpdateShift) & HistoryMask];
        }
    }
}
