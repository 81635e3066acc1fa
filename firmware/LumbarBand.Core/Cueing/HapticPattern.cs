namespace LumbarBand.Core.Cueing
{
    /// <summary>
    /// A vibration pattern as data: alternating on and off durations in milliseconds, starting and ending with a
    /// pulse, played at one intensity (PWM duty percent). Checked when built, immutable after.
    /// </summary>
    public sealed class HapticPattern
    {
        private readonly int[] _stepsMs;
        private readonly int _intensityPercent;
        private readonly int _totalMs;

        /// <summary>
        /// Builds a pattern: <paramref name="onOffMs"/> lists pulse, gap, pulse, ... (an odd count, every duration
        /// above 0); <paramref name="intensityPercent"/> is the duty of the pulses, 1–100.
        /// </summary>
        public HapticPattern(int intensityPercent, int[] onOffMs)
        {
            if (intensityPercent < 1 || intensityPercent > 100)
            {
                throw new System.ArgumentOutOfRangeException(nameof(intensityPercent), "a pulse's duty is 1 to 100 percent");
            }

            if (onOffMs == null || onOffMs.Length % 2 == 0)
            {
                throw new System.ArgumentException("a pattern is pulse, gap, pulse, ...: an odd number of durations", nameof(onOffMs));
            }

            _stepsMs = new int[onOffMs.Length];
            int total = 0;
            for (int i = 0; i < onOffMs.Length; i++)
            {
                if (onOffMs[i] <= 0)
                {
                    throw new System.ArgumentException("every pulse and gap lasts more than 0 ms", nameof(onOffMs));
                }

                _stepsMs[i] = onOffMs[i];
                total += onOffMs[i];
            }

            _intensityPercent = intensityPercent;
            _totalMs = total;
        }

        /// <summary>Duty of the pulses, percent.</summary>
        public int IntensityPercent { get { return _intensityPercent; } }

        /// <summary>Pulses and gaps.</summary>
        public int StepCount { get { return _stepsMs.Length; } }

        /// <summary>Number of pulses.</summary>
        public int PulseCount { get { return (_stepsMs.Length + 1) / 2; } }

        /// <summary>Duration of the whole pattern, milliseconds.</summary>
        public int TotalMs { get { return _totalMs; } }

        /// <summary>Total time the motor is on, milliseconds.</summary>
        public int OnMs
        {
            get
            {
                int on = 0;
                for (int i = 0; i < _stepsMs.Length; i += 2)
                {
                    on += _stepsMs[i];
                }

                return on;
            }
        }

        /// <summary>Duration of step <paramref name="index"/>, milliseconds.</summary>
        public int StepMs(int index)
        {
            return _stepsMs[index];
        }

        /// <summary>True for pulses (even steps), false for gaps.</summary>
        public static bool IsPulse(int index)
        {
            return (index & 1) == 0;
        }
    }
}
