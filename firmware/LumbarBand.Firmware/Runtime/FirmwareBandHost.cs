using System;
using System.IO;
using System.Net.NetworkInformation;
using LumbarBand.Core;
using LumbarBand.Core.Configuration;
using LumbarBand.Core.Protocol;
using LumbarBand.Core.Session;
using LumbarBand.Firmware.Boards;
using LumbarBand.Firmware.Session;

namespace LumbarBand.Firmware.Runtime
{
    /// <summary>
    /// Core's <see cref="IBandPortHost"/> on the board: uptime from <c>HighResTimer</c>, identity, the pairing window,
    /// faults, and the settings file on I:\ (written to a temporary file, closed — only closing makes littlefs data
    /// durable — then renamed). Used by the control thread; it holds no reference to <see cref="Band"/>.
    /// </summary>
    internal sealed class FirmwareBandHost : IBandPortHost
    {
        public const byte FirmwareMajor = 0;
        public const byte FirmwareMinor = 1;
        public const byte FirmwarePatch = 0;
        public const string SettingsPath = "I:\\lbsettings.bin";
        public const string SettingsTempPath = "I:\\lbsettings.tmp";
        public const string HostsPath = "I:\\lbhosts.bin";
        public const string HostsTempPath = "I:\\lbhosts.tmp";

        private readonly BoardProfile _board;
        private readonly PairingWindow _window;
        private readonly uint _serial;
        private SessionKeeper _session;
        private SampleLoop _sampling;

        public FirmwareBandHost(BoardProfile board, PairingWindow window)
        {
            _board = board;
            _window = window;
            _serial = ReadSerial();
        }

        /// <summary>Connects the parts whose faults the status reports, once they exist.</summary>
        public void AttachFaultSources(SessionKeeper session, SampleLoop sampling)
        {
            _session = session;
            _sampling = sampling;
        }

        /// <inheritdoc/>
        public byte Faults
        {
            get
            {
                byte faults = 0;
                if (_session != null && _session.Faulted)
                {
                    faults |= StatusMessage.FaultStorage;
                }

                if (_sampling != null && _sampling.IsImuDegraded)
                {
                    faults |= StatusMessage.FaultImu;
                }

                return faults;
            }
        }

        public long UptimeUs { get { return SampleLoop.NowUs(); } }

        public bool HasMotor { get { return _board.Motor != MotorKind.None; } }

        public bool IsCharging { get { return false; } }

        public bool IsPairingWindowOpen { get { return _window.IsOpen(SampleLoop.NowUs() / 1000); } }

        /// <summary>
        /// The serial number in device info (and so the id hosts file every session under): from the chip's factory
        /// MAC (Core's <see cref="DeviceSerial.FromMac"/>); 0 if it could not be read.
        /// </summary>
        public uint SerialNumber { get { return _serial; } }

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

        /// <summary>
        /// The chip's factory MAC: nf-interpreter fills each network interface's configuration block with
        /// <c>esp_efuse_mac_get_default</c> when it creates the defaults (targets/ESP32/_common/
        /// targetHAL_ConfigurationManager.cpp), and System.Net's <c>NetworkInterface.PhysicalAddress</c> returns it.
        /// </summary>
        private static uint ReadSerial()
        {
            try
            {
                NetworkInterface[] interfaces = NetworkInterface.GetAllNetworkInterfaces();
                return interfaces.Length > 0 ? DeviceSerial.FromMac(interfaces[0].PhysicalAddress) : DeviceSerial.Unknown;
            }
            catch (Exception)
            {
                return DeviceSerial.Unknown;
            }
        }

        public bool PersistSettings(byte[] encoded, int count)
        {
            return WriteReplacing(SettingsPath, SettingsTempPath, encoded, count);
        }

        /// <summary>Saves the trusted-hosts record (Core's <see cref="TrustedHosts.Encode"/>); false on a flash error.</summary>
        public static bool SaveTrustedHosts(byte[] record)
        {
            return WriteReplacing(HostsPath, HostsTempPath, record, TrustedHosts.EncodedBytes);
        }

        /// <summary>
        /// Loads the trusted hosts; on first boot (or a record that fails its CRC) starts a new table with a fresh
        /// secret (<see cref="NewSecret"/>) and saves it.
        /// </summary>
        public static void LoadTrustedHosts(TrustedHosts hosts, uint serial)
        {
            byte[] record = new byte[TrustedHosts.EncodedBytes];
            int length = ReadAll(File.Exists(HostsPath) ? HostsPath : HostsTempPath, record);
            if (!hosts.Decode(record, length))
            {
                hosts.Reset(NewSecret(serial), 0);
                hosts.Encode(record);
                SaveTrustedHosts(record);
            }
        }

        /// <summary>
        /// 16 bytes for a new band secret. nanoFramework's mscorlib has no cryptographic generator: this mixes
        /// <c>System.Random</c> with the microsecond clock and the chip's serial through SipHash. Not verified to be
        /// seeded from the ESP32's hardware generator; the secret's unpredictability is bounded by this (README).
        /// </summary>
        public static byte[] NewSecret(uint serial)
        {
            Random random = new Random();
            byte[] seed = new byte[16];
            random.NextBytes(seed);
            ulong k0 = SipHash24.ReadUInt64(seed, 0) ^ (ulong)SampleLoop.NowUs();
            ulong k1 = SipHash24.ReadUInt64(seed, 8) ^ serial;
            byte[] secret = new byte[16];
            SipHash24.WriteUInt64(secret, 0, SipHash24.Hash3(k0, k1, 1, (ulong)SampleLoop.NowUs(), serial));
            SipHash24.WriteUInt64(secret, 8, SipHash24.Hash3(k0, k1, 2, (ulong)random.Next(), serial));
            return secret;
        }

        /// <summary>Writes <paramref name="count"/> bytes to a temporary file, closes it (only closing makes littlefs data durable), then renames it over <paramref name="path"/>.</summary>
        private static bool WriteReplacing(string path, string tempPath, byte[] data, int count)
        {
            try
            {
                if (File.Exists(tempPath))
                {
                    File.Delete(tempPath);
                }

                using (FileStream stream = new FileStream(tempPath, FileMode.Create, FileAccess.Write))
                {
                    stream.Write(data, 0, count);
                }

                // Between the delete and the move only the temporary file holds the data; the loader takes it.
                if (File.Exists(path))
                {
                    File.Delete(path);
                }

                File.Move(tempPath, path);
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }

        private static int ReadAll(string path, byte[] buffer)
        {
            if (!File.Exists(path))
            {
                return 0;
            }

            try
            {
                using (FileStream stream = new FileStream(path, FileMode.Open, FileAccess.Read))
                {
                    return stream.Read(buffer, 0, buffer.Length);
                }
            }
            catch (Exception)
            {
                return 0;
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
