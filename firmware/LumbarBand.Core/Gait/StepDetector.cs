using LumbarBand.Core.Sensing;

namespace LumbarBand.Core.Gait
{
    /// <summary>
    /// Finds candidate steps in the vertical body acceleration of the lower back: one smoothed upward peak per step,
    /// shortly after the foot's initial contact. It does not decide whether the wearer walks; that is
    /// <see cref="WalkingBoutTracker"/>'s job.
    /// </summary>
    /// <remarks>
    /// <para>Builds on Espruino's integer step counter (libs/misc/stepcount.c: a low-pass filtered acceleration and a
    /// threshold state machine with hysteresis, one step per excursion) applied, as in Zijlstra &amp; Hof 2003 and
    /// McCamley et al. 2012, to the vertical acceleration of the trunk, whose maximum follows each initial contact
    /// (the loading response). Changes: the input is the vertical component of the body acceleration (so the
    /// mounting does not matter) instead of the magnitude of the raw acceleration; the filter is a box average
    /// over <see cref="SmoothingSamples"/> samples (a running sum, O(1) a sample) and a 2-sample average; the
    /// thresholds are fixed (as in stepcount.c) but low, and a refractory time replaces stepcount.c's timing checks, which move to <see cref="WalkingBoutTracker"/>; and the step is stamped at its
    /// initial contact, estimated as the peak time minus a fixed lag; each step carries its peak, with which the
    /// bout tracker tells weak starting and stopping steps and impacts from the walking steps.</para>
    /// <para>Units: acceleration in counts (4096 = 1 g); time in samples at 50 Hz.</para>
    /// </remarks>
    public sealed class StepDetector
    {
        /// <summary>
        /// Box average length: 4 samples = 80 ms, followed by a 2-sample average of consecutive box outputs, which
        /// together make a 5-tap [1 2 2 2 1]/8 smoother (zeros at 12.5 and 25 Hz, -3 dB near 5 Hz). It removes the
        /// ringing of heel strike while keeping the sharp rise of a weak step's loading peak, which a longer box
        /// (8 samples was tried) merges into the trough before it. A power of two so that the average is a shift.
        /// </summary>
        public const int SmoothingSamples = 4;

        /// <summary>Shift dividing the box sum by <see cref="SmoothingSamples"/>.</summary>
        private const int SmoothingShift = 2;

        /// <summary>Ring index mask of the box.</summary>
        private const int SmoothingMask = SmoothingSamples - 1;

        /// <summary>
        /// Rising threshold: a step's smoothed vertical acceleration must exceed 0.025 g = 100 counts. Slow,
        /// cautious walking at the lower back peaks at 0.05–0.15 g in this smoothing, normal walking at 0.2–0.4 g;
        /// quiet standing stays within ±0.01 g. Low on purpose: this stage must not miss the weak steps of a slow or
        /// asymmetric gait, and rejecting what is not walking is <see cref="WalkingBoutTracker"/>'s job. (An
        /// adaptive threshold, a fraction of the recent step amplitude, changed nothing on the reference walks and
        /// was left out.)
        /// </summary>
        public const int MinPeakCounts = 100;

        /// <summary>
        /// After a peak, the smoothed signal must fall back to the gravity level (0 counts) before another peak can
        /// start: the hysteresis of stepcount.c (rise above <see cref="MinPeakCounts"/>, fall below this), one step
        /// per excursion above 1 g.
        /// </summary>
        public const int ReleaseCounts = 0;

        /// <summary>
        /// Shortest time between two candidate steps: 15 samples = 0.3 s, a cadence of 200 steps/min, beyond any
        /// walking (150 steps/min is 0.4 s) with room for step-to-step variability; a second hump within it is the
        /// same step.
        /// </summary>
        public const int RefractorySamples = 15;

        /// <summary>
        /// Samples from the initial contact to the detected peak: the smoother's delay (2 samples) plus the
        /// physiological delay from initial contact to the peak of the loading response (about 0.08 s, in line
        /// with the 10–15% of a step that loading takes). Checked on the six reference walks: the median
        /// detected-minus-reference contact time is within one sample of zero for 5, 6 and 7, and 6 is the middle.
        /// </summary>
        public const int ContactToPeakSamples = 6;

        /// <summary>The box's last <see cref="SmoothingSamples"/> inputs, indexed by the sample number's low bits.</summary>
        private readonly int[] _ring = new int[SmoothingSamples];
        private int _sum;
        /// <summary>The box average of vertical acceleration over the last <see cref="SmoothingSamples"/> samples, counts (4096 = 1 g).</summary>
        internal int PreviousBox;
        private bool _rising;
        private int _peakValue;
        private int _peakTime;
        private int _lastStepTime = -RefractorySamples;

        /// <summary>Lowest smoothed value since the last excursion ended, counts: the trough before the next peak.</summary>
        private int _trough;

        /// <summary>After <see cref="Update"/> returned true: samples from the step's initial contact to the current sample.</summary>
        internal int ContactAgeSamples;

        /// <summary>Candidate steps found since power-on (wraps harmlessly).</summary>
        private int _candidates;

        /// <summary>Candidate steps found since power-on (a host replaying the walking decision sees each new one by it).</summary>
        public int Candidates { get { return _candidates; } }

        /// <summary>After <see cref="Update"/> returned true: samples from the step's initial contact to the current sample.</summary>
        public int StepContactAgeSamples { get { return ContactAgeSamples; } }

        /// <summary>
        /// After <see cref="Update"/> returned true: the step's peak of smoothed vertical acceleration, counts
        /// (4096 = 1 g), which <see cref="WalkingBoutTracker"/> compares with the bout's other steps.
        /// </summary>
        internal int PeakCounts;

        /// <summary>After <see cref="Update"/> returned true: the step's peak of smoothed vertical acceleration, counts (4096 = 1 g).</summary>
        public int StepPeakCounts { get { return PeakCounts; } }

        /// <summary>
        /// After <see cref="Update"/> returned true: the step's swing of smoothed vertical acceleration, from the trough
        /// before its peak to the peak, counts (4096 = 1 g): with the step's duration it gives the pelvis's vertical
        /// excursion (<see cref="WalkingBoutTracker.RiseTenthsMm"/>).
        /// </summary>
        internal int SwingCounts;

        /// <summary>After <see cref="Update"/> returned true: the step's trough-to-peak swing of smoothed vertical acceleration, counts (4096 = 1 g).</summary>
        public int StepSwingCounts { get { return SwingCounts; } }

        /// <summary>
        /// Processes one sample of vertical body acceleration (counts, up positive) with its sample number (the
        /// caller's count of samples at 50 Hz, one more each call; it may wrap: only differences are used). Returns
        /// true when a candidate step was found (its contact is <see cref="StepContactAgeSamples"/> samples back).
        /// </summary>
        public bool Update(int vertical, int now)
        {
            // The caller's sample number indexes the box's ring and times the peaks: no counter of its own (IL budget).
            int[] ring = _ring;
            int i = now & SmoothingMask;
            _sum += vertical - ring[i];
            ring[i] = vertical;
            int box = _sum >> SmoothingShift;
            int s = (box + PreviousBox) >> 1;
            PreviousBox = box;

            if (_rising)
            {
                if (s > _peakValue)
                {
                    _peakValue = s;
                    _peakTime = now;
                }
                else if (s < ReleaseCounts)
                {
                    _rising = false;
                    return EndExcursion(now);
                }

                return false;
            }

            if (s < _trough)
            {
                _trough = s;
            }
            else if (s > MinPeakCounts)
            {
                _rising = true;
                _peakValue = s;
                _peakTime = now;
            }

            return false;
        }

        private bool EndExcursion(int now)
        {
            int peak = _peakTime;
            int trough = _trough;
            _trough = ReleaseCounts;
            if (peak - _lastStepTime < RefractorySamples)
            {
                return false;
            }


            _lastStepTime = peak;
            _candidates++;
            PeakCounts = _peakValue;
            SwingCounts = _peakValue - trough;
            ContactAgeSamples = now - peak + ContactToPeakSamples;
            return true;
        }
    }
}
