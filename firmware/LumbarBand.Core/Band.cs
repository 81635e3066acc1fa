using LumbarBand.Core.Sensing;

namespace LumbarBand.Core
{
    /// <summary>
    /// The band: wires the per-sample stages (sensing, posture, gait, sway, ...) together. The firmware calls
    /// <see cref="OnSample"/> once per IMU sample at <see cref="ImuFormat.SampleRateHz"/>; host tools do the same with
    /// recorded or simulated counts. Everything is allocated here, once.
    /// </summary>
    public sealed class Band
    {
        /// <summary>Events the queue holds before the oldest are dropped (several seconds of walking).</summary>
        public const int EventCapacity = 64;

        private readonly EventQueue _events = new EventQueue(EventCapacity);
        private long _samples;

        /// <summary>Events produced by the pipeline, for the session recorder or a host tool to drain.</summary>
        public EventQueue Events { get { return _events; } }

        /// <summary>Samples processed since power-on.</summary>
        public long SampleCount { get { return _samples; } }

        /// <summary>
        /// Processes one IMU sample: raw MPU6886 counts in the sensor's own axes at the full scales of
        /// <see cref="ImuFormat"/>, timestamped with device uptime in microseconds. (No stages yet.)
        /// </summary>
        public void OnSample(long timeUs, short ax, short ay, short az, short gx, short gy, short gz)
        {
            _samples++;
        }
    }
}
