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
    /// <para>The level the thresholds are measured from is 1 g, which the input holds only while the gravity estimate
    /// follows the trunk. When the trunk bends or straightens faster than that estimate's 1.28 s low-pass follows
    /// (reaching down while walking, rising from a stoop), the projection on the lagging vertical loses
    /// |g|(1 − cos θ) (the tilt error of trunk accelerometry, Moe-Nilssen 1998): on the daily-living walks the signal
    /// sinks 0.3–0.65 g below 1 g for a second or two, and one movement of the trunk, whose upward acceleration never
    /// returns to 1 g, dips below the release level and splits into two or three candidates (HA001_Test11 at 124 s,
    /// HA002_Test11 at 34 s and 145 s, straightening from a stoop). So both thresholds are measured from a corrected
    /// level (<see cref="UpdateLevel"/>): over a step the trunk's vertical acceleration averages to zero (it does not
    /// keep rising or sinking), so a slow average of the signal far below 1 g is the projection's loss, and its part
    /// beyond <see cref="WalkingLevelCounts"/> (which walking's own sway and turns do not reach) is taken off both
    /// thresholds. It does not bring back steps taken during the bend itself: the average lags the loss as the gravity
    /// estimate does (a faster average, 0.32–0.64 s, found a step more in simulated bends but followed walking's own
    /// troughs on the real walks: lowerback cadence MAE 5.6–5.8).</para>
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

        /// <summary>
        /// Samples between level updates: 8 (6.25 Hz; Band calls <see cref="UpdateLevel"/> on every eighth sample, one
        /// of its tilt-stage samples). The level is a slow average, so this rate is plenty and costs a third of a
        /// 12.5 Hz update.
        /// </summary>
        public const int LevelUpdateSamples = 8;

        /// <summary>Mask of the sample number: a level update is due when (sample &amp; LevelUpdateMask) == 0.</summary>
        public const int LevelUpdateMask = LevelUpdateSamples - 1;

        /// <summary>
        /// The level is an exponential average of the box mean with a time constant of 2^3 = 8 updates = 1.28 s: a whole
        /// step down to 47 steps/min, over which walking's vertical acceleration averages to zero.
        /// </summary>
        public const int LevelShift = 3;

        /// <summary>
        /// How far below 1 g the level may sink before the thresholds follow it: 0.1 g = 400 counts, the projection loss
        /// of a 26° trunk rotation the gravity estimate has not followed (1 − cos 26° = 0.10). Walking itself stays above
        /// it: its trunk sway is a few degrees, and on the 34 real walks of ../shared/data (straight walks, U-turns, a
        /// 50 steps/min walker with an aid) the 1.28 s mean never went below −0.07 g; only a bend or a rise (the
        /// daily-living Test11 walks) takes it beyond. Only the part beyond is taken off, so the thresholds move from
        /// where they were, with no jump. Chosen from that reason, not fitted. Measured: 0.15 g gives the same steps as
        /// 0.1 g, 0.2 g changes nothing on the reference walks; 0 (walking's own level corrected too) made the MS
        /// walker's aid impacts steps (F1 0.916 → 0.857) and lowerback's cadence MAE 9.8; 0.05 g, inside walking's own
        /// range, lowered cadence MAE to 2.97 but raised the count error to 5.4%.
        /// </summary>
        public const int WalkingLevelCounts = 400;

        /// <summary>The level: slow average of the box mean, counts (4096 = 1 g; see <see cref="UpdateLevel"/>).</summary>
        private int _level;

        /// <summary>Rising threshold in the smoothed signal's own level: <see cref="MinPeakCounts"/> less the projection's loss beyond <see cref="WalkingLevelCounts"/>, counts.</summary>
        private int _riseLevel = MinPeakCounts;

        /// <summary>Release threshold in the smoothed signal's own level: <see cref="ReleaseCounts"/> less that loss, counts.</summary>
        private int _releaseLevel = ReleaseCounts;

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
                else if (s < _releaseLevel)
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
            else if (s > _riseLevel)
            {
                _rising = true;
                _peakValue = s;
                _peakTime = now;
            }

            return false;
        }

        /// <summary>
        /// Updates the level correction from the box mean (<see cref="PreviousBox"/>). Call on every
        /// <see cref="LevelUpdateSamples"/>-th sample, before <see cref="Update"/> of that sample.
        /// </summary>
        public void UpdateLevel()
        {
            int level = _level + ((PreviousBox - _level) >> LevelShift);
            _level = level;
            int loss = -level - WalkingLevelCounts;
            if (loss < 0)
            {
                loss = 0;
            }

            _riseLevel = MinPeakCounts - loss;
            _releaseLevel = ReleaseCounts - loss;
        }

        private bool EndExcursion(int now)
        {
            int peak = _peakTime;
            int trough = _trough;
            _trough = _releaseLevel;
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
