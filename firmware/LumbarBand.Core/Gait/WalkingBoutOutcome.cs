namespace LumbarBand.Core.Gait
{
    /// <summary>
    /// What one finished walking bout showed: its time span, steps and cadence, the spatio-temporal outcomes the band
    /// exists to improve (walking speed, stride length, rhythm), and the excessive posture and cues during it.
    /// <see cref="Band"/> fills one when a bout ends (<see cref="Band.LastWalkingBout"/>); every field is an integer
    /// with its unit in its name, and 0 in a measured outcome means "not measured" (too few usable steps).
    /// </summary>
    public sealed class WalkingBoutOutcome
    {
        /// <summary>The bout's first counted step (initial contact), device time in microseconds (the time base of <see cref="BandEvent.TimeUs"/>).</summary>
        public long StartUs;

        /// <summary>The bout's last counted step (initial contact), device time in microseconds.</summary>
        public long EndUs;

        /// <summary>Steps counted in the bout.</summary>
        public int Steps;

        /// <summary>Mean cadence over the bout, 0.1 steps/min (1050 = 105.0 steps/min): (steps − 1) intervals over its duration; 0 with fewer than two steps.</summary>
        public int CadenceDeciSpm;

        /// <summary>Walking speed, mm/s: the bout's measured stride lengths over their stride times; 0 = not measured.</summary>
        public int SpeedMmPerS;

        /// <summary>Mean stride length (two steps): twice the distance over the steps taken, counted in the bout's rhythm (<see cref="WalkingSpeed"/>), mm; 0 = not measured.</summary>
        public int StrideLengthMm;

        /// <summary>Coefficient of variation of the step times, 0.1 % (25 = 2.5 %); 0 = not measured.</summary>
        public int StepTimeCvPermille;

        /// <summary>Coefficient of variation of the stride times, 0.1 %; 0 = not measured.</summary>
        public int StrideTimeCvPermille;

        /// <summary>Left/right step-time asymmetry, 0.1 %; 0 = not measured (or perfectly symmetric).</summary>
        public int StepTimeAsymmetryPermille;

        /// <summary>
        /// Stride regularity: the unbiased autocorrelation of vertical trunk acceleration at the stride lag
        /// (Moe-Nilssen &amp; Helbostad 2004), ×1000, −1000..1000 (1000 = every stride the same); 0 = not measured.
        /// </summary>
        public int StrideRegularityPermille;

        /// <summary>Time during the bout (first to last step) in sustained excessive posture (flexion or lateral lean, either rule), seconds.</summary>
        public int ExcessivePostureSeconds;

        /// <summary>Cues (every rule) between the bout's start and its last step.</summary>
        public int Cues;

        /// <summary>Copies every field of <paramref name="other"/>.</summary>
        public void CopyFrom(WalkingBoutOutcome other)
        {
            if (other == null)
            {
                throw new System.ArgumentException("must not be null", nameof(other));
            }

            StartUs = other.StartUs;
            EndUs = other.EndUs;
            Steps = other.Steps;
            CadenceDeciSpm = other.CadenceDeciSpm;
            SpeedMmPerS = other.SpeedMmPerS;
            StrideLengthMm = other.StrideLengthMm;
            StepTimeCvPermille = other.StepTimeCvPermille;
            StrideTimeCvPermille = other.StrideTimeCvPermille;
            StepTimeAsymmetryPermille = other.StepTimeAsymmetryPermille;
            StrideRegularityPermille = other.StrideRegularityPermille;
            ExcessivePostureSeconds = other.ExcessivePostureSeconds;
            Cues = other.Cues;
        }

        /// <summary>Sets every field to 0.</summary>
        public void Clear()
        {
            StartUs = 0;
            EndUs = 0;
            Steps = 0;
            CadenceDeciSpm = 0;
            SpeedMmPerS = 0;
            StrideLengthMm = 0;
            StepTimeCvPermille = 0;
            StrideTimeCvPermille = 0;
            StepTimeAsymmetryPermille = 0;
            StrideRegularityPermille = 0;
            ExcessivePostureSeconds = 0;
            Cues = 0;
        }
    }
}
