using System;
using System.Threading;
using LumbarBand.Core;
using LumbarBand.Core.Controls;
using LumbarBand.Core.Cueing;
using LumbarBand.Core.Runtime;
using LumbarBand.Firmware.Ble;
using LumbarBand.Firmware.Hardware;
using LumbarBand.Firmware.Session;

namespace LumbarBand.Firmware.Runtime
{
    /// <summary>
    /// The control thread, every 20 ms: the one place for slow side effects and the owner of the flash. It writes the
    /// motor levels the sampling thread queued (the Core2's AXP192 over I2C, a PWM register), polls the button and
    /// posts its gestures to the sampling thread (which owns <see cref="Band"/>; this thread never touches it), runs
    /// the BLE link (the stack's queued events into Core's link controller, its actions: responses once the band's
    /// owner answered, download chunks, status), moves the session recorder's outbox into flash, reads the battery and
    /// commits the log once a minute.
    /// </summary>
    /// <remarks>
    /// Gestures: press = pain marker; long press = capture neutral posture again; double press = snooze cues; three
    /// presses = open the BLE pairing window (docs/protocol.md §3). The sampling thread applies each and plays its
    /// acknowledgement on the band's one player, below cues and pacing (<see cref="HapticPriority.Acknowledgement"/>).
    /// A motor write that fails is counted, not thrown: cues are lost for that pulse, the band goes on.
    /// </remarks>
    internal sealed class ControlLoop
    {
        /// <summary>Loop period.</summary>
        public const int PeriodMs = 20;

        private const int MaintainEveryTicks = 1000 / PeriodMs;
        private const int HousekeepingEveryTicks = 60000 / PeriodMs;

        private readonly SideEffectQueue _motorCommands;
        private readonly SideEffectQueue _toSampling;
        private readonly IHapticMotor _motor;
        private readonly IButtonInput _button;
        private readonly IBatteryGauge _battery;
        private readonly SessionKeeper _session;
        private readonly BleGattAdapter _ble;
        private readonly Supervisor _supervisor;
        private Thread _thread;
        private bool _running;
        private int _ticks;

        /// <summary>
        /// Creates the loop: <paramref name="motorCommands"/> comes from the sampling thread (drained into
        /// <paramref name="motor"/>), <paramref name="toSampling"/> goes to it; <paramref name="motor"/>,
        /// <paramref name="button"/> and <paramref name="battery"/> may be null.
        /// </summary>
        public ControlLoop(SideEffectQueue motorCommands, SideEffectQueue toSampling, IHapticMotor motor, IButtonInput button, IBatteryGauge battery, SessionKeeper session, BleGattAdapter ble, Supervisor supervisor)
        {
            _motorCommands = motorCommands;
            _toSampling = toSampling;
            _motor = motor;
            _button = button;
            _battery = battery;
            _session = session;
            _ble = ble;
            _supervisor = supervisor;
        }

        /// <summary>Last battery reading in mV (-1 unknown).</summary>
        public int BatteryMillivolts { get; private set; }

        /// <summary>Motor writes that failed.</summary>
        public int MotorErrors { get; private set; }

        /// <summary>Starts the thread.</summary>
        public void Start()
        {
            BatteryMillivolts = -1;
            _running = true;
            _thread = new Thread(Run);
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

        private void Run()
        {
            try
            {
                ReadBattery();
                while (_running)
                {
                    Tick();
                    Thread.Sleep(PeriodMs);
                }
            }
            catch (Exception ex)
            {
                _supervisor.ReportFault(FaultSource.Control, ex);
            }
        }

        private void Tick()
        {
            _ticks++;
            DriveMotor();
            if (_button != null)
            {
                OnGesture(_button.Poll(SampleLoop.NowUs() / 1000));
            }

            if (_ble != null)
            {
                _ble.Service(SampleLoop.NowUs() / 1000);
            }

            _session.MoveRecords();

            if (_ticks % MaintainEveryTicks == 0)
            {
                _session.Maintain();
            }

            if (_ticks % HousekeepingEveryTicks == 0)
            {
                ReadBattery();
                _session.Commit();
            }
        }

        /// <summary>Writes the newest queued motor level (older ones in the same tick are already past).</summary>
        private void DriveMotor()
        {
            int kind;
            int duty;
            int latest = -1;
            while (_motorCommands.TryTake(out kind, out duty))
            {
                if (kind == (int)SideEffectKind.MotorDuty)
                {
                    latest = duty;
                }
            }

            if (latest < 0 || _motor == null)
            {
                return;
            }

            try
            {
                _motor.SetDuty(latest);
            }
            catch (Exception)
            {
                MotorErrors++;
            }
        }

        private void OnGesture(ButtonGesture gesture)
        {
            switch (gesture)
            {
                case ButtonGesture.Press:
                    _toSampling.TryPost((int)SideEffectKind.GesturePress, 0);
                    break;
                case ButtonGesture.LongPress:
                    _toSampling.TryPost((int)SideEffectKind.GestureLongPress, 0);
                    break;
                case ButtonGesture.DoublePress:
                    _toSampling.TryPost((int)SideEffectKind.GestureDoublePress, 0);
                    break;
                case ButtonGesture.TriplePress:
                    // The dedicated pairing gesture: the long press only recalibrates (issue 16).
                    if (_ble != null)
                    {
                        _ble.OpenPairingWindow(SampleLoop.NowUs() / 1000);
                    }

                    _toSampling.TryPost((int)SideEffectKind.GestureTriplePress, 0);
                    break;
                default:
                    break;
            }
        }

        private void ReadBattery()
        {
            if (_battery != null)
            {
                BatteryMillivolts = _battery.ReadMillivolts();
            }

            int percent = BatteryPercent(BatteryMillivolts);
            _toSampling.TryPost((int)SideEffectKind.BatteryPercent, percent);

            if (_ble != null)
            {
                _ble.OnBatteryPercent(percent);
            }
        }

        /// <summary>Single-cell Li-ion, linear from 3.3 V (0 %) to 4.2 V (100 %); -1 when unknown.</summary>
        private static int BatteryPercent(int millivolts)
        {
            if (millivolts <= 0)
            {
                return -1;
            }

            int percent = (millivolts - 3300) / 9;
            return percent < 0 ? 0 : (percent > 100 ? 100 : percent);
        }
    }
}
