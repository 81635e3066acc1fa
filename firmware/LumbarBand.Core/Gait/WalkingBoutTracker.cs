using LumbarBand.Core.Sensing;

namespace LumbarBand.Core.Gait
{
    /// <summary>
    /// Decides from the rhythm of candidate steps whether the wearer walks, and reports steps, walking bouts and
    /// cadence as <see cref="BandEvent"/>s. Walking is confirmed only after <see cref="ConfirmSteps"/> consecutive
    /// candidates at a walking rhythm; their steps are then emitted retroactively with their own contact times, so a
    /// bout's first step is not lost, while isolated or irregular movements (sitting down, standing up, shifting
    /// weight, a shuffle while turning) produce no steps at all. Stepping that keeps a walking rhythm for four steps
    /// is walking to this tracker, even in place.
    /// </summary>
    /// <remarks>
    /// Builds on the "regulation" stage of Espruino's step counter (stepcount.c: steps only count once a run of
    /// several steps at plausible intervals has been seen, and the held-back steps are then added at once) and on the
    /// bout definition of the Mobilise-D consensus (Kluge et al. 2021: a walking bout has at least two strides, and
    /// pauses over a few seconds end it). Changes: times in samples and microseconds (integers), a regularity test
    /// between consecutive intervals, and retroactive events carrying each step's true time.
    /// </remarks>
    public sealed class WalkingBoutTracker
    {
        /// <summary>
        /// Candidates in a row needed to confirm walking: 4 steps (two strides, the shortest bout of the Mobilise-D
        /// definition), i.e. three intervals that all look like walking.
        /// </summary>
        public const int ConfirmSteps = 4;

        /// <summary>
        /// Shortest step interval of walking: 0.34 s = 17 samples, a cadence of 176 steps/min: the 150 steps/min top
        /// of the cadence range less 15% step-to-step variability.
        /// </summary>
        public const int MinStepSamples = 17;

        /// <summary>
        /// Longest step interval while confirming walking: 1.2 s = 60 samples, a cadence of 50 steps/min: the
        /// 60 steps/min bottom of the cadence range (1.0 s) plus 20% variability.
        /// </summary>
        public const int MaxStepSamples = 60;

        /// <summary>
        /// Longest gap between two steps inside a confirmed bout: 1.5 s = 75 samples. Slow turns and hesitations
        /// lengthen a step up to about this; a longer pause ends the bout at its last step.
        /// </summary>
        public const int MaxGapSamples = 75;

        /// <summary>
        /// Longest delay from a step's initial contact to its detection by <see cref="StepDetector"/> (contact to
        /// peak, then the fall of the smoothed signal below its release level): 25 samples = 0.5 s. A bout is ended
        /// only when no step can still be on its way.
        /// </summary>
        public const int DetectionLatencySamples = 25;

        /// <summary>
        /// Regularity while confirming: an interval may differ from the previous one by at most 1/2^1 = half of the
        /// longer of the two. Walking's intervals vary by 2–10% (up to 30% left/right in hemiparetic or
        /// cautious gait); sit-to-stand, weight shifts and stumbles give arbitrary ones.
        /// </summary>
        private const int RegularityShift = 1;

        /// <summary>Intervals averaged for the cadence: the last 4 (two strides, so left/right asymmetry cancels).</summary>
        public const int CadenceIntervals = 4;

        /// <summary>Centi-steps per minute times samples: 60 s × 50 samples/s × 100 = 300000.</summary>
        private const int CentiStepsPerMinuteSamples = 60 * ImuFormat.SampleRateHz * 100;

        private readonly EventQueue _events;

        private readonly int[] _pendingSample = new int[ConfirmSteps];
        private readonly long[] _pendingTimeUs = new long[ConfirmSteps];
        private int _pendingCount;

        private readonly int[] _intervals = new int[CadenceIntervals];
        private int _intervalIndex;
        private int _intervalCount;

        /// <summary>True while in a confirmed walking bout.</summary>
        internal bool Walking;

        /// <summary>Cadence over the last <see cref="CadenceIntervals"/> step intervals of the bout, centi-steps/min.</summary>
        internal int CadenceCenti;

        private int _lastStepSample;
        private long _lastStepTimeUs;
        private int _boutSteps;
        private int _totalSteps;
        private int _bouts;

        /// <summary>Creates a tracker that writes its events to <paramref name="events"/>.</summary>
        public WalkingBoutTracker(EventQueue events)
        {
            _events = events;
        }

        /// <summary>True while in a confirmed walking bout.</summary>
        public bool IsWalking { get { return Walking; } }

        /// <summary>
        /// Cadence in centi-steps per minute (11250 = 112.5 steps/min) over the last four step intervals of the current
        /// bout; 0 when not walking.
        /// </summary>
        public int CadenceCentiStepsPerMinute { get { return CadenceCenti; } }

        /// <summary>Steps in the current bout (0 when not walking).</summary>
        public int BoutSteps { get { return _boutSteps; } }

        /// <summary>Steps since power-on.</summary>
        public int TotalSteps { get { return _totalSteps; } }

        /// <summary>Walking bouts since power-on.</summary>
        public int Bouts { get { return _bouts; } }

        /// <summary>
        /// Ends the current bout if no step can follow its last one within <see cref="MaxGapSamples"/>. Call every sample with
        /// the current sample number.
        /// </summary>
        public void Tick(int sample)
        {
            if (Walking && sample - _lastStepSample > MaxGapSamples + DetectionLatencySamples)
            {
                EndBout();
            }
        }

        /// <summary>
        /// Takes a candidate step: its initial contact's sample number and device time. Returns true if the step was
        /// counted (now or, for the step that confirms walking, together with the held-back ones).
        /// </summary>
        public bool OnCandidateStep(int contactSample, long contactTimeUs)
        {
            if (Walking)
            {
                int interval = contactSample - _lastStepSample;
                if (interval < MinStepSamples)
                {
                    return false;
                }

                if (interval > MaxGapSamples)
                {
                    EndBout();
                    return OnCandidateStep(contactSample, contactTimeUs);
                }

                AddInterval(interval);
                _lastStepSample = contactSample;
                _lastStepTimeUs = contactTimeUs;
                CountStep(contactTimeUs);
                return true;
            }

            if (_pendingCount > 0)
            {
                int last = _pendingCount - 1;
                int interval = contactSample - _pendingSample[last];
                if (interval < MinStepSamples)
                {
                    return false;
                }

                if (interval > MaxStepSamples)
                {
                    _pendingCount = 0;
                }
                else if (_pendingCount >= 2 && !Regular(_pendingSample[last] - _pendingSample[last - 1], interval))
                {
                    // Start again from the previous candidate: it and this one may begin a walk.
                    _pendingSample[0] = _pendingSample[last];
                    _pendingTimeUs[0] = _pendingTimeUs[last];
                    _pendingCount = 1;
                }
            }

            _pendingSample[_pendingCount] = contactSample;
            _pendingTimeUs[_pendingCount] = contactTimeUs;
            _pendingCount++;
            if (_pendingCount < ConfirmSteps)
            {
                return false;
            }

            StartBout();
            return true;
        }

        private static bool Regular(int previous, int interval)
        {
            int longer = previous > interval ? previous : interval;
            int difference = previous > interval ? previous - interval : interval - previous;
            return difference <= longer >> RegularityShift;
        }

        private void StartBout()
        {
            Walking = true;
            _bouts++;
            _boutSteps = 0;
            _intervalCount = 0;
            _intervalIndex = 0;
            _events.Add(BandEventKind.BoutStart, _pendingTimeUs[0], 0);
            for (int k = 0; k < ConfirmSteps; k++)
            {
                if (k > 0)
                {
                    AddInterval(_pendingSample[k] - _pendingSample[k - 1]);
                }

                CountStep(_pendingTimeUs[k]);
            }

            _lastStepSample = _pendingSample[ConfirmSteps - 1];
            _lastStepTimeUs = _pendingTimeUs[ConfirmSteps - 1];
            _pendingCount = 0;
        }

        private void EndBout()
        {
            _events.Add(BandEventKind.BoutEnd, _lastStepTimeUs, _boutSteps);
            Walking = false;
            _boutSteps = 0;
            CadenceCenti = 0;
            _pendingCount = 0;
        }

        private void CountStep(long timeUs)
        {
            _boutSteps++;
            _totalSteps++;
            _events.Add(BandEventKind.Step, timeUs, _boutSteps);
        }

        private void AddInterval(int interval)
        {
            _intervals[_intervalIndex] = interval;
            _intervalIndex = (_intervalIndex + 1) % CadenceIntervals;
            if (_intervalCount < CadenceIntervals)
            {
                _intervalCount++;
            }

            int sum = 0;
            for (int k = 0; k < _intervalCount; k++)
            {
                sum += _intervals[k];
            }

            CadenceCenti = (CentiStepsPerMinuteSamples * _intervalCount) / sum;
        }
    }
}
