using LumbarBand.Core.Cueing;

namespace LumbarBand.Core.Session
{
    /// <summary>
    /// The running sums of one epoch while it is open: counts, times in microseconds, posture and sway sums and
    /// extremes in centidegrees. Turned into an <see cref="EpochSummary"/> when the epoch closes. Reused, never
    /// reallocated. Counts and values that fit 16 bits are shorts, for state (two are open at once): an epoch's index
    /// (at most 8640 in a 24 h session of 10 s epochs), its pain markers, step intervals, measured steps and strides
    /// (at most 3 steps a second over the longest epoch, 3600 s: 10800), posture extremes (at most ±18000 centidegrees) and the battery.
    /// </summary>
    public sealed class EpochAccumulator
    {
        /// <summary>Track index of walking time in <see cref="AddTime"/>; tracks 1–3 are the <see cref="CueRule"/>s' excessive-motion times.</summary>
        public const int WalkingTrack = 0;

        /// <summary>Number of time tracks: walking and one per cue rule.</summary>
        public const int TrackCount = CueRules.Last + 1;

        /// <summary>Tenths of mm per mm.</summary>
        private const int TenthsMmPerMm = 10;

        /// <summary>From (tenths of mm) / µs to mm/s: 10⁶ µs/s over 10 tenths/mm.</summary>
        private const long TenthsMmPerSecondPerMmPerUs = 100000L;

        private readonly long[] _timeUs = new long[TrackCount];
        private readonly int[] _cues = new int[TrackCount];

        /// <summary>Epoch number from the session start.</summary>
        public short Index;

        /// <summary>Device time at which the epoch begins, microseconds.</summary>
        public long StartUs;

        /// <summary>Device time at which the epoch ends (exclusive), microseconds.</summary>
        public long EndUs;

        /// <summary>Steps counted.</summary>
        public int Steps;

        /// <summary>Sum of the step intervals ending in this epoch, microseconds (for the cadence).</summary>
        public long StepIntervalSumUs;

        /// <summary>Step intervals ending in this epoch.</summary>
        public short StepIntervals;

        /// <summary>Pain-marker presses.</summary>
        public short PainMarkers;

        /// <summary>Sum of the lengths of the steps measured in this epoch, tenths of mm (<see cref="Gait.StepLengthEstimator"/>).</summary>
        public long StepLengthSumTenthsMm;

        /// <summary>Sum of the durations of the same steps, microseconds.</summary>
        public long MeasuredStepTimeSumUs;

        /// <summary>Steps the measured steps' intervals span in this epoch (one a step, more for an interval holding a missed step: <see cref="Gait.WalkingSpeed"/>).</summary>
        public short MeasuredSteps;

        /// <summary>Posture samples of walking (between two counted steps, turns left out: <see cref="SessionRecorder"/>).</summary>
        public int PostureSamples;

        /// <summary>Sum of flexion samples, centidegrees.</summary>
        public int FlexionSum;

        /// <summary>Largest flexion sample, centidegrees.</summary>
        public short FlexionMax;

        /// <summary>Sum of lateral-bend samples, centidegrees.</summary>
        public int LateralSum;

        /// <summary>The lateral-bend sample of largest magnitude, centidegrees, signed.</summary>
        public short LateralExtreme;

        /// <summary>Strides measured.</summary>
        public short Strides;

        /// <summary>Sum of per-stride mediolateral ranges, centidegrees.</summary>
        public int MediolateralSum;

        /// <summary>Largest per-stride mediolateral range, centidegrees.</summary>
        public int MediolateralMax;

        /// <summary>Sum of per-stride anteroposterior ranges, centidegrees.</summary>
        public int AnteroposteriorSum;

        /// <summary>Largest per-stride anteroposterior range, centidegrees.</summary>
        public int AnteroposteriorMax;

        /// <summary>Sum of per-stride rotation ranges, centidegrees.</summary>
        public int RotationSum;

        /// <summary>Largest per-stride rotation range, centidegrees.</summary>
        public int RotationMax;

        /// <summary>Battery at the close, percent, or <see cref="SessionUnits.UnknownBattery"/>.</summary>
        public short BatteryPercent = SessionUnits.UnknownBattery;

        /// <summary>Time in confirmed walking bouts, microseconds.</summary>
        public long WalkingUs { get { return _timeUs[WalkingTrack]; } }

        /// <summary>True when anything happened in the epoch (an empty epoch is not stored).</summary>
        public bool HasContent
        {
            get
            {
                if (Steps != 0 || PostureSamples != 0 || Strides != 0 || PainMarkers != 0)
                {
                    return true;
                }

                for (int t = 0; t < TrackCount; t++)
                {
                    if (_timeUs[t] != 0 || _cues[t] != 0)
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>Starts epoch <paramref name="index"/> covering [<paramref name="startUs"/>, <paramref name="endUs"/>).</summary>
        public void Begin(int index, long startUs, long endUs)
        {
            Index = (short)index;
            StartUs = startUs;
            EndUs = endUs;
            Steps = 0;
            StepIntervalSumUs = 0;
            StepIntervals = 0;
            StepLengthSumTenthsMm = 0;
            MeasuredStepTimeSumUs = 0;
            MeasuredSteps = 0;
            PainMarkers = 0;
            PostureSamples = 0;
            FlexionSum = 0;
            FlexionMax = 0;
            LateralSum = 0;
            LateralExtreme = 0;
            Strides = 0;
            MediolateralSum = 0;
            MediolateralMax = 0;
            AnteroposteriorSum = 0;
            AnteroposteriorMax = 0;
            RotationSum = 0;
            RotationMax = 0;
            BatteryPercent = SessionUnits.UnknownBattery;
            for (int t = 0; t < TrackCount; t++)
            {
                _timeUs[t] = 0;
                _cues[t] = 0;
            }
        }

        /// <summary>Adds <paramref name="durationUs"/> to time track <paramref name="track"/> (walking or a rule's excess).</summary>
        public void AddTime(int track, long durationUs)
        {
            _timeUs[track] += durationUs;
        }

        /// <summary>Time on track <paramref name="track"/>, microseconds.</summary>
        public long TimeUs(int track)
        {
            return _timeUs[track];
        }

        /// <summary>Counts a cue of rule <paramref name="rule"/> (1–3).</summary>
        public void AddCue(int rule)
        {
            _cues[rule]++;
        }

        /// <summary>Cues of rule <paramref name="rule"/> (1–3).</summary>
        public int CuesOf(int rule)
        {
            return _cues[rule];
        }

        /// <summary>
        /// Posture samples of walking (5 Hz), added together once a counted step has confirmed them: their number, the
        /// sum and largest of their flexion, the sum of their lateral bend and the one of largest magnitude (signed),
        /// centidegrees.
        /// </summary>
        public void AddPostures(int samples, int flexionSum, int flexionMax, int lateralSum, int lateralExtreme)
        {
            if (PostureSamples == 0 || flexionMax > FlexionMax)
            {
                FlexionMax = (short)flexionMax;
            }

            int magnitude = lateralExtreme < 0 ? -lateralExtreme : lateralExtreme;
            int extreme = LateralExtreme < 0 ? -LateralExtreme : LateralExtreme;
            if (PostureSamples == 0 || magnitude > extreme)
            {
                LateralExtreme = (short)lateralExtreme;
            }

            FlexionSum += flexionSum;
            LateralSum += lateralSum;
            PostureSamples += samples;
        }

        /// <summary>One stride's ranges of mediolateral tilt, anteroposterior tilt and rotation, centidegrees.</summary>
        public void AddStride(int mediolateral, int anteroposterior, int rotation)
        {
            MediolateralSum += mediolateral;
            AnteroposteriorSum += anteroposterior;
            RotationSum += rotation;
            if (mediolateral > MediolateralMax)
            {
                MediolateralMax = mediolateral;
            }

            if (anteroposterior > AnteroposteriorMax)
            {
                AnteroposteriorMax = anteroposterior;
            }

            if (rotation > RotationMax)
            {
                RotationMax = rotation;
            }

            Strides++;
        }

        /// <summary>Writes the stored form of this epoch (of a session with epochs of <paramref name="epochUs"/>) into <paramref name="summary"/>.</summary>
        public void Summarize(EpochSummary summary, long epochUs)
        {
            summary.Index = Index;
            summary.Steps = Steps;
            summary.WalkingUnits = SessionUnits.TimeUnits(_timeUs[WalkingTrack], epochUs);
            summary.CadenceStepsPerMinute = SessionUnits.CadenceStepsPerMinute(StepIntervals, StepIntervalSumUs);
            if (PostureSamples > 0)
            {
                summary.FlexionMeanDegrees = SessionUnits.Degrees(FlexionSum / PostureSamples);
                summary.FlexionMaxDegrees = SessionUnits.Degrees(FlexionMax);
                summary.LateralMeanDegrees = SessionUnits.Degrees(LateralSum / PostureSamples);
                summary.LateralMaxDegrees = SessionUnits.Degrees(LateralExtreme);
            }
            else
            {
                summary.FlexionMeanDegrees = SessionUnits.UnknownAngle;
                summary.FlexionMaxDegrees = SessionUnits.UnknownAngle;
                summary.LateralMeanDegrees = SessionUnits.UnknownAngle;
                summary.LateralMaxDegrees = SessionUnits.UnknownAngle;
            }

            if (Strides > 0)
            {
                summary.MediolateralMeanUnits = SessionUnits.SwayUnits(MediolateralSum / Strides);
                summary.MediolateralMaxUnits = SessionUnits.SwayUnits(MediolateralMax);
                summary.AnteroposteriorMeanUnits = SessionUnits.SwayUnits(AnteroposteriorSum / Strides);
                summary.AnteroposteriorMaxUnits = SessionUnits.SwayUnits(AnteroposteriorMax);
                summary.RotationMeanUnits = SessionUnits.SwayUnits(RotationSum / Strides);
                summary.RotationMaxUnits = SessionUnits.SwayUnits(RotationMax);
            }
            else
            {
                summary.MediolateralMeanUnits = SessionUnits.UnknownSway;
                summary.MediolateralMaxUnits = SessionUnits.UnknownSway;
                summary.AnteroposteriorMeanUnits = SessionUnits.UnknownSway;
                summary.AnteroposteriorMaxUnits = SessionUnits.UnknownSway;
                summary.RotationMeanUnits = SessionUnits.UnknownSway;
                summary.RotationMaxUnits = SessionUnits.UnknownSway;
            }

            summary.FlexionExcessUnits = SessionUnits.TimeUnits(_timeUs[(int)CueRule.Flexion], epochUs);
            summary.LateralExcessUnits = SessionUnits.TimeUnits(_timeUs[(int)CueRule.LateralLean], epochUs);
            summary.SwayExcessUnits = SessionUnits.TimeUnits(_timeUs[(int)CueRule.Sway], epochUs);
            summary.FlexionCues = _cues[(int)CueRule.Flexion];
            summary.LateralCues = _cues[(int)CueRule.LateralLean];
            summary.SwayCues = _cues[(int)CueRule.Sway];
            summary.PainMarkers = PainMarkers;
            summary.BatteryPercent = BatteryPercent;
            bool measured = MeasuredSteps > 0 && MeasuredStepTimeSumUs > 0;
            summary.SpeedMmPerS = measured ? (int)((StepLengthSumTenthsMm * TenthsMmPerSecondPerMmPerUs) / MeasuredStepTimeSumUs) : 0;
            summary.StrideLengthMm = measured ? (int)((StepLengthSumTenthsMm * 2) / (MeasuredSteps * TenthsMmPerMm)) : 0;
        }

        /// <summary>
        /// One step whose length the band measured: its length (tenths of mm), duration (µs) and the steps its interval
        /// spans in the bout's rhythm, so the stride is twice the distance over the steps taken, as the bout's.
        /// </summary>
        public void AddStepLength(int lengthTenthsMm, int stepTimeUs, int spannedSteps)
        {
            StepLengthSumTenthsMm += lengthTenthsMm;
            MeasuredStepTimeSumUs += stepTimeUs;
            MeasuredSteps += (short)spannedSteps;
        }
    }
}
