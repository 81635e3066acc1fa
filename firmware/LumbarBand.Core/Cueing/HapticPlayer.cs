namespace LumbarBand.Core.Cueing
{
    /// <summary>
    /// Plays a <see cref="HapticPattern"/> on the band's clock: <see cref="Tick"/> is called with every sample's
    /// device time (every 20 ms at 50 Hz, so pulse edges land within one sample period), and the motor is told only
    /// when its level changes. Idle, a tick is one field test; the band tests <see cref="DueUs"/> itself and ticks
    /// only when it is reached.
    /// </summary>
    public sealed class HapticPlayer
    {
        private const long MicrosPerMs = 1000;

        /// <summary><see cref="DueUs"/> while nothing plays: never reached.</summary>
        private const long Never = long.MaxValue;

        private readonly IHapticMotor _motor;
        private HapticPattern _pattern;
        private int _step;

        /// <summary>
        /// Device time (µs) at which the playing pattern's current step ends and <see cref="Tick"/> has work;
        /// <see cref="Never"/> while nothing plays. Internal field so the band's per-sample test needs no call (IL budget).
        /// </summary>
        internal long DueUs = Never;
        private int _duty;
        private int _priority;

        /// <summary>Creates a player for <paramref name="motor"/> (null: a band or host without a motor; nothing is driven).</summary>
        public HapticPlayer(IHapticMotor motor)
        {
            _motor = motor;
        }

        /// <summary>True while a pattern plays.</summary>
        public bool IsPlaying { get { return _pattern != null; } }

        /// <summary>The pattern playing, or null.</summary>
        public HapticPattern Current { get { return _pattern; } }

        /// <summary>
        /// Starts <paramref name="pattern"/> at <paramref name="timeUs"/> at <see cref="HapticPriority.PostureCue"/>,
        /// replacing whatever played unless that has a higher priority; returns whether it plays.
        /// </summary>
        public bool Play(HapticPattern pattern, long timeUs)
        {
            return Play(pattern, timeUs, HapticPriority.PostureCue);
        }

        /// <summary>
        /// Starts <paramref name="pattern"/> at <paramref name="timeUs"/>, replacing whatever played, unless a pattern
        /// of a higher <paramref name="priority"/> (<see cref="HapticPriority"/>) still plays: then nothing changes and
        /// it returns false, so a posture cue can never cut a pacing pattern short.
        /// </summary>
        public bool Play(HapticPattern pattern, long timeUs, int priority)
        {
            if (_pattern != null && _priority > priority)
            {
                return false;
            }

            _priority = priority;
            _pattern = pattern;
            _step = 0;
            DueUs = timeUs + (pattern.StepMs(0) * MicrosPerMs);
            Drive(pattern.IntensityPercent);
            return true;
        }

        /// <summary>Advances the pattern to <paramref name="timeUs"/>.</summary>
        public void Tick(long timeUs)
        {
            if (timeUs < DueUs)
            {
                return;
            }

            Advance(timeUs);
        }

        /// <summary>Stops at once (snooze, tracking mode), turning the motor off if it was playing.</summary>
        public void Stop()
        {
            if (_pattern != null)
            {
                _pattern = null;
                DueUs = Never;
                Drive(0);
            }
        }

        private void Advance(long timeUs)
        {
            HapticPattern pattern = _pattern;
            while (timeUs >= DueUs)
            {
                _step++;
                if (_step >= pattern.StepCount)
                {
                    _pattern = null;
                    DueUs = Never;
                    Drive(0);
                    return;
                }

                DueUs += pattern.StepMs(_step) * MicrosPerMs;
            }

            Drive(HapticPattern.IsPulse(_step) ? pattern.IntensityPercent : 0);
        }

        private void Drive(int duty)
        {
            if (duty == _duty)
            {
                return;
            }

            _duty = duty;
            if (_motor != null)
            {
                _motor.SetDuty(duty);
            }
        }
    }
}
