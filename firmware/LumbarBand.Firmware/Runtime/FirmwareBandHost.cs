using System;
using System.IO;
using LumbarBand.Core;
using LumbarBand.Core.Configuration;
using LumbarBand.Core.Cueing;
using LumbarBand.Core.Protocol;
using LumbarBand.Core.Session;
using LumbarBand.Firmware.Boards;

namespace LumbarBand.Firmware.Runtime
{
    /// <summary>
    /// Core's <see cref="IBandPortHost"/> on the board: uptime from <c>HighResTimer</c>, identity, the motor for test cues
    /// (through the acknowledgement player, under the band lock), the pairing window, and the settings file on I:\
    /// (written to a temporary file, closed — only closing makes littlefs data durable — then renamed).
    /// </summary>
    internal sealed class FirmwareBandHost : IBandPortHost
    {
        public const byte FirmwareMajor = 0;
        public const byte FirmwareMinor = 1;
        public const byte FirmwarePatch = 0;
        public const string SettingsPath = "I:\\lbsettings.bin";
        public const string SettingsTempPath = "I:\\lbsettings.tmp";

        private readonly BoardProfile _board;
        private readonly object _bandLock;
        private readonly PairingWindow _window;
        private Band _band;
        private HapticPlayer _player;

        public FirmwareBandHost(BoardProfile board, object bandLock, PairingWindow window)
        {
            _board = board;
            _bandLock = bandLock;
            _window = window;
        }

        /// <summary>Connects the band and the player once they exist.</summary>
        public void Attach(Band band, HapticPlayer player)
        {
            _band = band;
            _player = player;
        }

        public long UptimeUs { get { return SampleLoop.NowUs(); } }

        public bool HasMotor { get { return _board.Motor != MotorKind.None; } }

        public bool IsCharging { get { return false; } }

        public bool IsPairingWindowOpen { get { return _window.IsOpen(SampleLoop.NowUs() / 1000); } }

        /// <summary>The serial number reported in device info (0 until a unique board id is read).</summary>
        public uint SerialNumber { get { return 0; } }

        public string FirmwareVersion
        {
            get { return FirmwareMajor.ToString() + "." + FirmwareMinor.ToString() + "." + FirmwarePatch.ToString(); }
        }

        public void FillIdentity(DeviceInfo info)
        {
            info.FirmwareMajor = FirmwareMajor;
            info.FirmwareMinor = FirmwareMinor;
            info.FirmwarePatch = FirmwarePatch;
            info.HardwareRevision = 0;
            info.SerialNumber = SerialNumber;
            byte capabilities = 0;
            if (HasMotor)
            {
                capabilities |= DeviceInfo.CapabilityMotor;
            }

            if (_board.Battery != BatteryKind.None)
            {
                capabilities |= DeviceInfo.CapabilityBatteryGauge;
            }

            info.Capabilities = capabilities;
        }

        public void PlayCue(HapticPattern pattern)
        {
            if (_player == null)
            {
                return;
            }

            lock (_bandLock)
            {
                _player.Play(pattern, SampleLoop.NowUs());
            }
        }

        public bool PersistSettings(byte[] encoded, int count)
        {
            try
            {
                if (File.Exists(SettingsTempPath))
                {
                    File.Delete(SettingsTempPath);
                }

                using (FileStream stream = new FileStream(SettingsTempPath, FileMode.Create, FileAccess.Write))
                {
                    stream.Write(encoded, 0, count);
                }

                // Between the delete and the move only the temporary file holds the settings; LoadSettings takes it.
                if (File.Exists(SettingsPath))
                {
                    File.Delete(SettingsPath);
                }

                File.Move(SettingsTempPath, SettingsPath);
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }

        public void ApplySettings(BandSettings settings)
        {
            lock (_bandLock)
            {
                _band.Configure(settings);
            }
        }

        /// <summary>Reads the persisted settings into <paramref name="settings"/>; defaults when none or invalid.</summary>
        public static void LoadSettings(BandSettings settings)
        {
            settings.ResetToDefaults();
            string path = File.Exists(SettingsPath) ? SettingsPath : (File.Exists(SettingsTempPath) ? SettingsTempPath : null);
            if (path == null)
            {
                return;
            }

            try
            {
                byte[] data = new byte[SettingsCodec.MaxEncodedLength];
                int length;
                using (FileStream stream = new FileStream(path, FileMode.Open, FileAccess.Read))
                {
                    length = stream.Read(data, 0, data.Length);
                }

                int unknown;
                if (!SettingsCodec.Decode(data, 0, length, settings, out unknown).IsOk)
                {
                    settings.ResetToDefaults();
                }
            }
            catch (Exception)
            {
                settings.ResetToDefaults();
            }
        }
    }
}
