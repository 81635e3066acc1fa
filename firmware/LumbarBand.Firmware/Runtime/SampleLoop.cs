using System;
using System.Threading;
using LumbarBand.Core;
using LumbarBand.Core.Cueing;
using LumbarBand.Core.Runtime;
using LumbarBand.Core.Sensing;
using LumbarBand.Firmware.Hardware;
using nanoFramework.Hardware.Esp32;

namespace LumbarBand.Firmware.Runtime
{
    /// <summary>
    /// The sampling thread, the owner of <see cref="Band"/>: every <see cref="DrainPeriodMs"/> it drains the MPU-6886's
    /// FIFO into the band through Core's <see cref="ImuFifoPump"/> (the chip is the clock: each sample is stamped by its
    /// index, so this thread's jitter and stalls up to the FIFO's 1.46 s change nothing), applies the button gestures
    /// the control thread posted, and follows Core's <see cref="ImuBusRecovery"/> on I2C errors (bus recovery and
    /// re-initialisation first; then it degrades and retries, never reboots). Nothing slow runs here: the motor's level
    /// changes leave through a queue (Core's <see cref="MotorCommandSender"/>) for the control thread.
    /// </summary>
    /// <remarks>
    /// The band lock is still taken around each drain, because the BLE handler reads and changes band state (status,
    /// calibration, settings) from the stack's thread; a handler call that writes flash under it delays a drain, which
    /// the FIFO absorbs up to its depth, and a longer one is counted in <see cref="ImuFifoPump.SamplesLost"/>.
    /// Allocation-free per drain except the runtime's own I2C result objects (nf-interpreter NativeTransmit).
    /// </remarks>
    internal sealed class SampleLoop
    {
        /// <summary>Time between drains: two samples on average, far below the FIFO's 1.46 s.</summary>
        public const int DrainPeriodMs = 40;

        private static readonly HapticPattern PressAck = new HapticPattern(60, new int[] { 60 });
        private static readonly HapticPattern DoublePressAck = new HapticPattern(60, new int[] { 60, 120, 60 });
        private static readonly HapticPattern LongPressAck = new HapticPattern(80, new int[] { 400 });
        private static readonly HapticPattern PairingAck = new HapticPattern(80, new int[] { 60, 60, 60, 60, 400 });
        private static readonly HapticPattern NeutralCapturedAck = new HapticPattern(70, new int[] { 100, 100, 100, 100, 100 });

        private readonly Mpu6886Imu _imu;
        private readonly Band _band;
        private readonly object _bandLock;
        private readonly SideEffectQueue _commands;
        private readonly Supervisor _supervisor;
        private readonly ImuFifoPump _pump = new ImuFifoPump();
        private readonly ImuBusRecovery _recovery = new ImuBusRecovery();
        private Thread _thread;
        private bool _running;

        /// <summary>
        /// Creates the loop; <paramref name="commands"/> carries gestures from the control thread; <paramref name="bandLock"/>
        /// is shared with the BLE handler only.
        /// </summary>
        public SampleLoop(Mpu6886Imu imu, Band band, object bandLock, SideEffectQueue commands, Supervisor supervisor)
        {
            _imu = imu;
            _band = band;
            _bandLock = bandLock;
            _commands = commands;
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
                ApplyCommands(now);
                FifoPumpResult result;
                lock (_bandLock)
                {
                    result = _recovery.IsDegraded ? FifoPumpResult.BusError : _pump.Pump(_imu, _band, now);
                }

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

        /// <summary>Gestures and acknowledgements from the control thread, applied by the band's owner.</summary>
        private void ApplyCommands(long nowUs)
        {
            int kind;
            int value;
            while (_commands.TryTake(out kind, out value))
            {
                lock (_bandLock)
                {
                    Apply((SideEffectKind)kind, nowUs);
                }
            }
        }

        private void Apply(SideEffectKind kind, long nowUs)
        {
            HapticPlayer player = _band.Cues.Player;
            switch (kind)
            {
                case SideEffectKind.GesturePress:
                    _band.MarkPain(nowUs);
                    player.Play(PressAck, nowUs, HapticPriority.Acknowledgement);
                    break;
                case SideEffectKind.GestureDoublePress:
                    _band.Snooze(nowUs);
                    player.Play(DoublePressAck, nowUs, HapticPriority.Acknowledgement);
                    break;
                case SideEffectKind.GestureLongPress:
                    _band.RequestNeutralCapture();
                    player.Play(LongPressAck, nowUs, HapticPriority.Acknowledgement);
                    break;
                case SideEffectKind.GestureTriplePress:
                    player.Play(PairingAck, nowUs, HapticPriority.Acknowledgement);
                    break;
                case SideEffectKind.NeutralCaptured:
                    player.Play(NeutralCapturedAck, nowUs, HapticPriority.Acknowledgement);
                    break;
                default:
                    break;
            }
        }
    }
}
