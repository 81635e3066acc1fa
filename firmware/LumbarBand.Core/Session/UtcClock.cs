using LumbarBand.Core.Storage;

namespace LumbarBand.Core.Session
{
    /// <summary>
    /// Wall-clock time from device uptime, once a host has set it (protocol SetTime): the offset between UTC and
    /// uptime, kept until power-off. Uptime is what the band measures everything in; UTC is what a therapist reads.
    /// </summary>
    public sealed class UtcClock
    {
        private long _utcMinusUptimeUs;
        private bool _set;

        /// <summary>True once a host has set the time since power-on.</summary>
        public bool IsSet { get { return _set; } }

        /// <summary>The host says it is <paramref name="utcSeconds"/> (since 1970) at device uptime <paramref name="uptimeUs"/>.</summary>
        public void Set(uint utcSeconds, long uptimeUs)
        {
            _utcMinusUptimeUs = ((long)utcSeconds * SessionUnits.MicrosPerSecond) - uptimeUs;
            _set = true;
        }

        /// <summary>Forgets the time (factory reset).</summary>
        public void Clear()
        {
            _set = false;
            _utcMinusUptimeUs = 0;
        }

        /// <summary>UTC seconds since 1970 at uptime <paramref name="uptimeUs"/>; 0 when the time was never set.</summary>
        public uint UtcSecondsAt(long uptimeUs)
        {
            if (!_set)
            {
                return 0;
            }

            long utcUs = _utcMinusUptimeUs + uptimeUs;
            return utcUs <= 0 ? 0 : Saturation.ToUInt32(utcUs / SessionUnits.MicrosPerSecond);
        }
    }
}
