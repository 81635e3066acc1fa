using System;
using System.IO;
using System.Threading;
using LumbarBand.Core;
using LumbarBand.Core.Cueing;
using LumbarBand.Core.Sensing;
using LumbarBand.Firmware.Hardware;
using nanoFramework.Hardware.Esp32;

namespace LumbarBand.Firmware.Runtime
{
    /// <summary>
    /// The sampling thread: 50 Hz on the ESP32's microsecond clock (HighResTimer.GetCurrent), paced by Core's
    /// <see cref="ImuSamplePacer"/>. Per sample it reads the IMU burst, then, under the band lock, calls Core only:
    /// <see cref="Mpu6886Frame.FeedTo"/> (Band.OnSample) and the acknowledgement player's Tick. Nothing is allocated
    /// here; the only allocation on this path is inside the runtime's native I2C call (its I2cTransferResult).
    /// </summary>
    /// <remarks>
    /// The clock is polled and the thread sleeps in between, instead of subscribing to a periodic HighResTimer: the
    /// timer's event path allocates an event object and EventArgs per tick (nanoFramework.Hardware.Esp32,
    /// HighResEventListener.cs and HighResTimer.cs), 100 objects a second for the garbage collector. A failed read
    /// repeats the last good sample, so Core's timing stays intact; <see cref="MaxConsecutiveReadErrors"/> in a row
    /// (half a second) is a fault.
    /// </remarks>
    internal sealed class SampleLoop
    {
        /// <summary>Failed reads in a row that count as a dead IMU.</summary>
        public const int MaxConsecutiveReadErrors = 25;

        private readonly Mpu6886Imu _imu;
        private readonly Band _band;
        private readonly object _bandLock;
        private readonly HapticPlayer _acknowledgements;
        private readonly Supervisor _supervisor;
        private readonly ImuSamplePacer _pacer = new ImuSamplePacer();
        private Thread _thread;
        private bool _running;

        /// <summary>Creates the loop; <paramref name="bandLock"/> guards <paramref name="band"/> and <paramref name="acknowledgements"/> across threads.</summary>
        public SampleLoop(Mpu6886Imu imu, Band band, object bandLock, HapticPlayer acknowledgements, Supervisor supervisor)
        {
            _imu = imu;
            _band = band;
            _bandLock = bandLock;
            _acknowledgements = acknowledgements;
            _supervisor = supervisor;
        }

        /// <summary>The schedule, for diagnostics (lateness, skipped slots).</summary>
        public ImuSamplePacer Pacer { get { return _pacer; } }

        /// <summary>Starts the thread at the highest priority.</summary>
        public void Start()
        {
            _running = true;
            _thread = new Thread(Run);
            _thread.Priority = ThreadPriority.Highest;
            _thread.Start();
        }

        /// <summary>Asks the thread to stop and waits up to <paramref name="timeoutMs"/>.</summary>
        public void Stop(int timeoutMs)
        {
            _running = false;
            if (_thread != null && _thread != Thread.CurrentThread)
            {
                _thread.Join(timeoutMs);
            }
        }

        /// <summary>Microseconds since boot.</summary>
        public static long NowUs()
        {
            return (long)HighResTimer.GetCurrent();
        }

        private void Run()
        {
            try
            {
                Loop();
            }
            catch (Exception ex)
            {
                _supervisor.ReportFault(FaultSource.Sampling, ex);
            }
        }

        private void Loop()
        {
            Mpu6886Frame frame = _imu.Frame;
            ImuSamplePacer pacer = _pacer;
            int consecutiveErrors = 0;
            pacer.Start(NowUs());
            while (_running)
            {
                long now = NowUs();
                long slotUs;
                if (!pacer.TryTakeSlot(now, out slotUs))
                {
                    Thread.Sleep(pacer.SleepMilliseconds(now));
                    continue;
                }

                if (_imu.TryRead())
                {
                    consecutiveErrors = 0;
                }
                else if (++consecutiveErrors >= MaxConsecutiveReadErrors)
                {
                    throw new IOException("MPU-6886 stopped answering");
                }

                lock (_bandLock)
                {
                    frame.FeedTo(_band, slotUs);
                    _acknowledgements.Tick(slotUs);
                }
            }
        }
    }
}
