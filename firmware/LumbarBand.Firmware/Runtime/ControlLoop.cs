using System;
using System.Threading;
using LumbarBand.Core;
using LumbarBand.Core.Controls;
using LumbarBand.Core.Cueing;
using LumbarBand.Firmware.Ble;
using LumbarBand.Firmware.Hardware;
using LumbarBand.Firmware.Session;

namespace LumbarBand.Firmware.Runtime
{
    /// <summary>
    /// The slow thread, every 20 ms: polls the button and acts on its gestures, moves the session recorder's outbox into
    /// the log, drains the band's events once a second (acknowledgements), calls the port's housekeeping once a second,
    /// reads the battery and commits the session log once a minute. Flash and AXP192 work happens
    /// here, outside the band lock, so the sampling thread never waits for it.
    /// </summary>
    /// <remarks>
    /// Gestures: press = pain marker; long press = capture neutral posture again (taken at the next still second);
    /// double press = snooze cues (<c>Band.Snooze</c>); three quick presses open the BLE pairing window. Each gesture is
    /// acknowledged with a short vibration, and a new neutral posture with three pulses.
    /// </remarks>
    internal sealed class ControlLoop
    {
        /// <summary>Loop period.</summary>
        public const int PeriodMs = 20;

        private const int EventDrainEveryTicks = 1000 / PeriodMs;
        private const int HousekeepingEveryTicks = 60000 / PeriodMs;

        private static readonly HapticPattern PressAck = new HapticPattern(60, new int[] { 60 });
        private static readonly HapticPattern DoublePressAck = new HapticPattern(60, new int[] { 60, 120, 60 });
        private static readonly HapticPattern LongPressAck = new HapticPattern(80, new int[] { 400 });
        private static readonly HapticPattern PairingAck = new HapticPattern(80, new int[] { 60, 60, 60, 60, 400 });
        private static readonly HapticPattern NeutralCapturedAck = new HapticPattern(70, new int[] { 100, 100, 100, 100, 100 });

        private readonly Band _band;
        private readonly object _bandLock;
        private readonly HapticPlayer _acknowledgements;
        private readonly IButtonInput _button;
        private readonly IBatteryGauge _battery;
        private readonly SessionKeeper _session;
        private readonly BleGattAdapter _ble;
        private readonly Supervisor _supervisor;
        private readonly BandEvent[] _drained = new BandEvent[Band.EventCapacity];
        private Thread _thread;
        private bool _running;
        private int _ticks;

        /// <summary>Creates the loop; <paramref name="button"/> and <paramref name="battery"/> may be null.</summary>
        public ControlLoop(Band band, object bandLock, HapticPlayer acknowledgements, IButtonInput button, IBatteryGauge battery, SessionKeeper session, BleGattAdapter ble, Supervisor supervisor)
        {
            _ble = ble;
            _band = band;
            _bandLock = bandLock;
            _acknowledgements = acknowledgements;
            _button = button;
            _battery = battery;
            _session = session;
            _supervisor = supervisor;
        }

        /// <summary>Last battery reading in mV (-1 unknown).</summary>
        public int BatteryMillivolts { get; private set; }

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

        /// <summary>Moves the band's pending events into the session; called by this thread and on shutdown.</summary>
        public void DrainEvents()
        {
            int count = 0;
            lock (_bandLock)
            {
                EventQueue queue = _band.Events;
                while (count < _drained.Length && queue.TryTake(out _drained[count]))
                {
                    count++;
                }
            }

            bool neutralCaptured = false;
            // The band already handed each event to its session recorder; here they only drive acknowledgements.
            for (int i = 0; i < count; i++)
            {
                if (_drained[i].Kind == BandEventKind.NeutralCaptured)
                {
                    neutralCaptured = true;
                }
            }

            if (neutralCaptured)
            {
                Acknowledge(NeutralCapturedAck);
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
            if (_button != null)
            {
                OnGesture(_button.Poll(SampleLoop.NowUs() / 1000));
            }

            _session.MoveRecords(_band, _bandLock);

            if (_ticks % EventDrainEveryTicks == 0)
            {
                DrainEvents();
                _session.Maintain();
            }

            if (_ticks % HousekeepingEveryTicks == 0)
            {
                ReadBattery();
                _session.Commit();
            }
        }

        private void OnGesture(ButtonGesture gesture)
        {
            switch (gesture)
            {
                case ButtonGesture.Press:
                    lock (_bandLock)
                    {
                        _band.MarkPain(SampleLoop.NowUs());
                    }

                    Acknowledge(PressAck);
                    break;

                case ButtonGesture.LongPress:
                    lock (_bandLock)
                    {
                        _band.RequestNeutralCapture();
                    }

                    Acknowledge(LongPressAck);
                    break;

                case ButtonGesture.TriplePress:
                    // The dedicated pairing gesture: the long press only recalibrates (issue 16).
                    if (_ble != null)
                    {
                        _ble.OpenPairingWindow(SampleLoop.NowUs() / 1000);
                    }

                    Acknowledge(PairingAck);
                    break;

                case ButtonGesture.DoublePress:
                    lock (_bandLock)
                    {
                        _band.Snooze(SampleLoop.NowUs());
                    }

                    Acknowledge(DoublePressAck);
                    break;

                default:
                    break;
            }
        }

        private void Acknowledge(HapticPattern pattern)
        {
            lock (_bandLock)
            {
                _acknowledgements.Play(pattern, SampleLoop.NowUs());
            }
        }

        private void ReadBattery()
        {
            if (_battery != null)
            {
                BatteryMillivolts = _battery.ReadMillivolts();
            }

            int percent = BatteryPercent(BatteryMillivolts);
            lock (_bandLock)
            {
                _band.Sessions.BatteryPercent = percent;
            }

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
