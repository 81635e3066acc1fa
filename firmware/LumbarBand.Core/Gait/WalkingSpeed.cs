namespace LumbarBand.Core.Gait
{
    /// <summary>
    /// A bout's walking speed and stride length from its measured steps' lengths and times: speed is distance over
    /// time (Σ step length / Σ step time), stride length twice the mean step length (a stride is a left and a right
    /// step). Summing per step keeps a missed step harmless to the speed: the pendulum then sees one long step whose
    /// length and time both double.
    /// </summary>
    /// <remarks>
    /// Stride length × stride frequency, per bout, as the Mobilise-D pipeline derives walking speed from a lower-back
    /// sensor (Micó-Amigo et al. 2023, J NeuroEng Rehabil 20:78). Per counted step: two additions. The edges of a bout are the tracker's: its weak starting and stopping steps are not counted (and the
    /// first counted step has no step time), so the steps measured are the walking ones.
    /// </remarks>
    public sealed class WalkingSpeed
    {
        /// <summary>Least measured steps for a bout's figures: two strides; fewer leave them at 0 (not measured).</summary>
        public const int MinMeasuredSteps = 4;

        /// <summary>µs per second.</summary>
        private const long MicrosPerSecond = 1000000L;

        /// <summary>Tenths of mm per mm.</summary>
        private const int TenthsPerMm = 10;

        private long _lengthTenthsMm;
        private long _timeUs;
        private int _steps;

        /// <summary>Measured steps of the bout so far.</summary>
        public int MeasuredSteps { get { return _steps; } }

        /// <summary>A bout started.</summary>
        public void OnBoutStart()
        {
            _lengthTenthsMm = 0;
            _timeUs = 0;
            _steps = 0;
        }

        /// <summary>A step: its time (µs) and length (tenths of mm; 0, not measured, is left out).</summary>
        public void Add(int stepTimeUs, int lengthTenthsMm)
        {
            if (lengthTenthsMm <= 0)
            {
                return;
            }

            _lengthTenthsMm += lengthTenthsMm;
            _timeUs += stepTimeUs;
            _steps++;
        }

        /// <summary>Writes <see cref="WalkingBoutOutcome.SpeedMmPerS"/> and <see cref="WalkingBoutOutcome.StrideLengthMm"/> (0 with too few measured steps).</summary>
        public void Fill(WalkingBoutOutcome outcome)
        {
            if (_steps < MinMeasuredSteps || _timeUs <= 0)
            {
                outcome.SpeedMmPerS = 0;
                outcome.StrideLengthMm = 0;
                return;
            }

            outcome.SpeedMmPerS = (int)(((_lengthTenthsMm * MicrosPerSecond / TenthsPerMm) + (_timeUs >> 1)) / _timeUs);
            outcome.StrideLengthMm = (int)(((2 * _lengthTenthsMm) + (_steps * TenthsPerMm / 2)) / (_steps * TenthsPerMm));
        }
    }
}
