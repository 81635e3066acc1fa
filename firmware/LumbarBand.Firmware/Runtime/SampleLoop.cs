using System;
using System.Threading;
using LumbarBand.Core;
using LumbarBand.Core.Runtime;
using LumbarBand.Core.Sensing;
using LumbarBand.Firmware.Hardware;
using nanoFramework.Hardware.Esp32;

namespace LumbarBand.Firmware.Runtime
{
    /// <summary>
    /// The sampling thread, the owner of <see cref="Band"/>: every <see cref="DrainPeriodMs"/> it drains the MPU-6886's
    /// FIFO into the band through Core's <see cref="ImuFifoPump"/> (the chip is the clock: each sample is stamped by its
    /// index, so this thread's jitter and stalls up to the FIFO's 1.46 s change nothing), runs Core's
    /// <see cref="BandCommandReceiver"/> (the commands the control thread sent: gestures, battery, and the host's
    /// clock, calibration, test cue, settings and erase; answers back; the band's published state), and follows Core's
    /// <see cref="ImuBusRecovery"/> on I2C errors (bus recovery and re-initialisation first; then it degrades and
    /// retries, never reboots). Nothing slow runs here: the motor's level changes leave through a queue (Core's
    /// <see cref="MotorCommandSender"/>) for the control thread.
    /// </summary>
    /// <remarks>
    /// No lock: no other thread reads or changes <see cref="Band"/> (what they need crosses Core's
    /// <see cref="BandCommandChannel"/>), so nothing the BLE stack or the flash does can delay a drain.
    /// Allocation-free per drain except the runtime's own I2C result objects (nf-interpreter NativeTransmit).
    /// </remarks>
    internal sealed class SampleLoop
    {
        /// <summary>Time between drains: two samples on average, far below the FIFO's 1.46 s.</summary>
        public const int DrainPeriodMs = 40;

        private readonly Mpu6886Imu _imu;
        private readonly Band _band;
        private readonly BandCommandReceiver _receiver;
        private readonly Supervisor _supervisor;
        private readonly ImuFifoPump _pump = new ImuFifoPump();
        private readonly ImuBusRecovery _recovery = new ImuBusRecovery();
        private Thread _thread;
        private bool _running;

        /// <summary>
        /// Creates the loop, the one owner of <paramref name="band"/>; <paramref name="receiver"/> applies what the control
        /// thread sends it.
        /// </summary>
        public SampleLoop(Mpu6886Imu imu, Band band, BandCommandReceiver receiver, Supervisor supervisor)
        {
            _imu = imu;
            _band = band;
            _receiver = receiver;
            _supervisor = supervisor;
        }

        /// <summary>The FIFO reader, for diagnostics (samples delivered and lost, longest gap between drains).</summary>
        public ImuFifoPump Pump { get { return _pump; } }

        /// <summary>True while sampling is paused after bus recoveries failed.</summary>
        public bool IsImuDegraded { get { return _recovery.IsDegraded; } }

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
            _imu.Reset();
            _pump.Start(NowUs());
            while (_running)
            {
                long now = NowUs();
                FifoPumpResult result = _recovery.IsDegraded ? FifoPumpResult.BusError : _pump.Pump(_imu, _band, now);
                _receiver.TakeEvents(now);
                _receiver.Drain(now);

                ImuBusAction action = _recovery.OnRead(result != FifoPumpResult.BusError, now / 1000);
                if (action == ImuBusAction.RecoverBus || _recovery.RetryDue(now / 1000))
                {
                    bool ok = _imu.Recover();
                    long after = NowUs();
                    if (ok)
                    {
                        _pump.OnFifoReset(after);
                    }

                    _recovery.OnRecovered(ok, after / 1000);
                }

                Thread.Sleep(DrainPeriodMs);
            }
        }
    }
}
