namespace LumbarBand.Core.Cueing
{
    /// <summary>
    /// Decides whether a cue may be given now: not while snoozed, not within the cooldown of the last cue, and not
    /// when the cap of cues in the last 10 minutes is reached. Rules whose cue is held back stay due, so the cue comes
    /// when the gate opens if the condition is still there.
    /// </summary>
    public sealed class CueRateLimiter
    {
        /// <summary>Largest cap the limiter can enforce: it remembers this many cue times (a cap of 20 per 10 minutes).</summary>
        public const int MaxCapCapacity = 20;

        /// <summary>The cap's window: 10 minutes in milliseconds.</summary>
        public const int CapWindowMs = 10 * 60 * 1000;

        private const long MicrosPerMs = 1000;

        /// <summary>
        /// Times of the last cues in milliseconds of device time, truncated to 32 bits: differences stay right across
        /// the wrap (every 49 days) because they are far shorter, and the ring takes half the room of microseconds.
        /// </summary>
        private readonly int[] _cueTimesMs = new int[MaxCapCapacity];
        private int _newest = MaxCapCapacity - 1;
        private int _stored;
        private int _cooldownMs;
        private int _cap = MaxCapCapacity;
        private bool _snoozed;
        private long _snoozeUntilUs;

        /// <summary>Sets the cooldown (milliseconds) and the cap (cues per 10 minutes, 1 to <see cref="MaxCapCapacity"/>).</summary>
        public void Configure(int cooldownMs, int maxCuesPerTenMinutes)
        {
            _cooldownMs = cooldownMs;
            _cap = maxCuesPerTenMinutes;
        }

        /// <summary>True when a cue may be given at <paramref name="timeUs"/>.</summary>
        public bool CanCue(long timeUs)
        {
            if (IsSnoozed(timeUs))
            {
                return false;
            }

            int nowMs = Milliseconds(timeUs);
            if (_stored > 0 && nowMs - _cueTimesMs[_newest] < _cooldownMs)
            {
                return false;
            }

            return CuesInWindow(timeUs) < _cap;
        }

        /// <summary>True while a snooze runs.</summary>
        public bool IsSnoozed(long timeUs)
        {
            if (_snoozed && timeUs >= _snoozeUntilUs)
            {
                _snoozed = false;
            }

            return _snoozed;
        }

        /// <summary>Cues given in the 10 minutes up to <paramref name="timeUs"/>.</summary>
        public int CuesInWindow(long timeUs)
        {
            int nowMs = Milliseconds(timeUs);
            int count = 0;
            int slot = _newest;
            for (int i = 0; i < _stored; i++)
            {
                if (nowMs - _cueTimesMs[slot] >= CapWindowMs)
                {
                    break;
                }

                count++;
                slot = slot == 0 ? MaxCapCapacity - 1 : slot - 1;
            }

            return count;
        }

        /// <summary>Records a cue given at <paramref name="timeUs"/>.</summary>
        public void OnCue(long timeUs)
        {
            _newest = _newest == MaxCapCapacity - 1 ? 0 : _newest + 1;
            _cueTimesMs[_newest] = Milliseconds(timeUs);
            if (_stored < MaxCapCapacity)
            {
                _stored++;
            }
        }

        /// <summary>Holds all cues back for <paramref name="durationMs"/> from <paramref name="timeUs"/> (a later press extends it).</summary>
        public void Snooze(long timeUs, int durationMs)
        {
            _snoozed = true;
            _snoozeUntilUs = timeUs + (durationMs * MicrosPerMs);
        }

        private static int Milliseconds(long timeUs)
        {
            return (int)(timeUs / MicrosPerMs);
        }
    }
}
