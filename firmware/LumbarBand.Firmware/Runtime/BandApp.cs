using System;
using System.Device.Gpio;
using System.Device.I2c;
using Iot.Device.Axp192;
using LumbarBand.Core;
using LumbarBand.Core.Configuration;
using LumbarBand.Core.Cueing;
using LumbarBand.Core.Protocol;
using LumbarBand.Core.Runtime;
using LumbarBand.Core.Storage;
using LumbarBand.Firmware.Ble;
using LumbarBand.Firmware.Boards;
using LumbarBand.Firmware.Hardware;
using LumbarBand.Firmware.Session;
using LumbarBand.Firmware.Storage;
using nanoFramework.Hardware.Esp32;

namespace LumbarBand.Firmware.Runtime
{
    /// <summary>
    /// Builds the band for one board profile and runs it: the I2C bus, the IMU, the AXP192 (if the board has one), the
    /// motor, button and battery gauge, the flash log, Core's <see cref="Band"/>, and the two threads. Every decision
    /// lives in Core; this class only connects parts and shuts them down in order.
    /// </summary>
    internal sealed class BandApp
    {
        /// <summary>Motor level changes between two control ticks: a pattern changes level at most every 60 ms.</summary>
        private const int MotorQueueCapacity = 16;

        private readonly BoardProfile _board;
        private readonly Supervisor _supervisor;
        private readonly object _storageLock = new object();
        private IHapticMotor _motor;
        private Band _band;
        private SessionKeeper _session;
        private SampleLoop _sampling;
        private ControlLoop _control;
        private BleGattAdapter _ble;

        /// <summary>Creates the app for <paramref name="board"/>; faults are reported to <paramref name="supervisor"/>.</summary>
        public BandApp(BoardProfile board, Supervisor supervisor)
        {
            _board = board;
            _supervisor = supervisor;
        }

        /// <summary>Opens every part and starts the threads. Throws if a part is missing (the supervisor restarts).</summary>
        public void Start()
        {
            BoardProfile board = _board;

            Configuration.SetPinFunction(board.I2cSclPin, DeviceFunction.I2C1_CLOCK);
            Configuration.SetPinFunction(board.I2cSdaPin, DeviceFunction.I2C1_DATA);

            Axp192 power = null;
            if (board.HasAxp192)
            {
                power = new Axp192(I2cDevice.Create(new I2cConnectionSettings(board.I2cBusId, Axp192.I2cDefaultAddress)));
            }

            GpioController gpio = new GpioController();
            _motor = CreateMotor(board, power);
            IButtonInput button = CreateButton(board, power, gpio);
            IBatteryGauge battery = CreateBattery(board, power);

            Mpu6886Imu imu = new Mpu6886Imu(board.I2cBusId, board.ImuAddress, board.I2cSclPin, board.I2cSdaPin, gpio);

            IRecordStorage storage = new FlashRecordStorage(RecordLogCapacity.DefaultSegmentCount, RecordLogCapacity.DefaultSegmentCapacity);
            _session = new SessionKeeper(storage, _storageLock);

            // BAND WIRING: settings from I:\ (defaults when none). One owner per resource: the sampling thread owns the
            // band (its own copy of the settings); the control thread owns the flash, the port (another copy) and the
            // motor, which the band's one player drives through a queue. Everything else crosses Core's channel.
            BandSettings settings = new BandSettings();
            FirmwareBandHost.LoadSettings(settings);
            BandSettings bandSettings = new BandSettings();
            bandSettings.CopyFrom(settings);
            SideEffectQueue motorCommands = new SideEffectQueue(MotorQueueCapacity);
            BandCommandChannel channel = new BandCommandChannel();
            _band = new Band(bandSettings, new MotorCommandSender(motorCommands));

            PairingWindow pairingWindow = new PairingWindow(ProtocolConstants.PairingWindowMs);
            FirmwareBandHost host = new FirmwareBandHost(board, pairingWindow);
            _session.Open(channel, _band.Sessions.Outbox, settings, host);
            BandCommandReceiver receiver = new BandCommandReceiver(_band, _band.Sessions, channel, _session.Port.Identity);
            // Link trust (docs/protocol.md §3): the hosts enrolled so far and the band secret, from I:\.
            TrustedHosts hosts = new TrustedHosts();
            FirmwareBandHost.LoadTrustedHosts(hosts, host.SerialNumber);
            LinkTrust trust = new LinkTrust(pairingWindow, hosts, (ulong)SampleLoop.NowUs() ^ ((ulong)host.SerialNumber << 32));
            CommandHandler handler = new CommandHandler(_session.Port, trust);
            _ble = new BleGattAdapter(handler, _session, pairingWindow, host.SerialNumber, board.Name, host.FirmwareVersion, board.Battery != BatteryKind.None);

            _sampling = new SampleLoop(imu, _band, receiver, _supervisor);
            _control = new ControlLoop(motorCommands, channel.ToSampling, _motor, button, battery, _session, _ble, _supervisor);
            host.AttachFaultSources(_session, _sampling);

            _sampling.Start();
            _control.Start();
            _ble.Start();
        }

        /// <summary>
        /// Stops cleanly after a fault or before a reboot: BLE off, threads stopped, motor off, the recorder's outbox
        /// written and the log committed (the next boot ends the open session). Each step is guarded: a failing part
        /// must not keep the log from closing.
        /// </summary>
        public void Shutdown()
        {
            try
            {
                if (_ble != null)
                {
                    _ble.Stop();
                }
            }
            catch (Exception)
            {
                // Keep going: the session must still be closed.
            }

            if (_sampling != null)
            {
                _sampling.Stop(500);
            }

            if (_control != null)
            {
                _control.Stop(2000);
            }

            try
            {
                if (_motor != null)
                {
                    _motor.SetDuty(0);
                }
            }
            catch (Exception)
            {
                // The motor's bus may be the part that failed.
            }

            try
            {
                if (_session != null)
                {
                    _session.Close();
                }
            }
            catch (Exception)
            {
                // Flash failure: the log's recovery scan handles what was written.
            }
        }

        private static IHapticMotor CreateMotor(BoardProfile board, Axp192 power)
        {
            switch (board.Motor)
            {
                case MotorKind.Axp192Ldo3:
                    return new Axp192Motor(power, board.MotorLdoMillivolts);
                case MotorKind.PwmPin:
                    return new PwmMotor(board.MotorPin, board.MotorPwmFunction, board.MotorPwmFrequencyHz);
                default:
                    return null;
            }
        }

        private static IButtonInput CreateButton(BoardProfile board, Axp192 power, GpioController gpio)
        {
            switch (board.Button)
            {
                case ButtonKind.Axp192PowerKey:
                    return new Axp192PowerKeyInput(power);
                case ButtonKind.GpioPin:
                    return new GpioButtonInput(gpio, board.ButtonPin, board.ButtonActiveLow, board.ButtonInternalPullUp);
                default:
                    return null;
            }
        }

        private static IBatteryGauge CreateBattery(BoardProfile board, Axp192 power)
        {
            switch (board.Battery)
            {
                case BatteryKind.Axp192:
                    return new Axp192Battery(power);
                case BatteryKind.AdcDivider:
                    return new AdcBattery(board.BatteryAdcPin, board.BatteryAdcFunction, board.BatteryAdcChannel, board.BatteryAdcFullScaleMillivolts, board.BatteryDividerRatioPercent);
                default:
                    return null;
            }
        }
    }
}
