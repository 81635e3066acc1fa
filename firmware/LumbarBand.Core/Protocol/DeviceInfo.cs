using LumbarBand.Core.Storage;

namespace LumbarBand.Core.Protocol
{
    /// <summary>
    /// The payload of the <see cref="Opcode.GetDeviceInfo"/> response (17 bytes):
    /// <c>protocolMajor:u8 | protocolMinor:u8 | firmwareMajor:u8 | firmwareMinor:u8 | firmwarePatch:u8 |
    /// hardwareRevision:u8 | serial:u32 | capabilities:u8 | maxConfigurationBytes:u16 | storageCapacityBytes:u32</c>.
    /// The first two bytes keep their place in every protocol version, so any client can read them.
    /// </summary>
    public sealed class DeviceInfo
    {
        /// <summary>Encoded length of the fields of this version.</summary>
        public const int EncodedBytes = 17;

        /// <summary><see cref="Capabilities"/> bit: the band has a vibration motor (cues can be felt).</summary>
        public const byte CapabilityMotor = 0x01;

        /// <summary><see cref="Capabilities"/> bit: the band can measure its battery (otherwise the level reads 255).</summary>
        public const byte CapabilityBatteryGauge = 0x02;

        private const int ProtocolMajorOffset = 0;
        private const int ProtocolMinorOffset = 1;
        private const int FirmwareMajorOffset = 2;
        private const int FirmwareMinorOffset = 3;
        private const int FirmwarePatchOffset = 4;
        private const int HardwareRevisionOffset = 5;
        private const int SerialOffset = 6;
        private const int CapabilitiesOffset = 10;
        private const int MaxConfigurationOffset = 11;
        private const int StorageCapacityOffset = 13;

        /// <summary>Protocol major version (<see cref="ProtocolConstants.VersionMajor"/>; filled in by the handler).</summary>
        public byte ProtocolMajor;

        /// <summary>Protocol minor version (<see cref="ProtocolConstants.VersionMinor"/>; filled in by the handler).</summary>
        public byte ProtocolMinor;

        /// <summary>Firmware version, major.</summary>
        public byte FirmwareMajor;

        /// <summary>Firmware version, minor.</summary>
        public byte FirmwareMinor;

        /// <summary>Firmware version, patch.</summary>
        public byte FirmwarePatch;

        /// <summary>Board: 1 M5Core2, 2 M5StickC Plus, 3 generic ESP32 dev kit; 0 unknown.</summary>
        public byte HardwareRevision;

        /// <summary>The band's serial number (e.g. the low 32 bits of its Bluetooth address).</summary>
        public uint SerialNumber;

        /// <summary>Bits <see cref="CapabilityMotor"/>, <see cref="CapabilityBatteryGauge"/>; others reserved (0).</summary>
        public byte Capabilities;

        /// <summary>Largest settings encoding the band can stage (filled in by the handler).</summary>
        public int MaxConfigurationBytes;

        /// <summary>Bytes of flash the session log can use.</summary>
        public int StorageCapacityBytes;

        /// <summary>Writes the fields at <paramref name="index"/>; returns <see cref="EncodedBytes"/>.</summary>
        public int Write(byte[] buffer, int index)
        {
            buffer[index + ProtocolMajorOffset] = ProtocolMajor;
            buffer[index + ProtocolMinorOffset] = ProtocolMinor;
            buffer[index + FirmwareMajorOffset] = FirmwareMajor;
            buffer[index + FirmwareMinorOffset] = FirmwareMinor;
            buffer[index + FirmwarePatchOffset] = FirmwarePatch;
            buffer[index + HardwareRevisionOffset] = HardwareRevision;
            LittleEndian.WriteUInt32(buffer, index + SerialOffset, SerialNumber);
            buffer[index + CapabilitiesOffset] = Capabilities;
            LittleEndian.WriteUInt16(buffer, index + MaxConfigurationOffset, Saturation.ToUInt16(MaxConfigurationBytes));
            LittleEndian.WriteUInt32(buffer, index + StorageCapacityOffset, (uint)StorageCapacityBytes);
            return EncodedBytes;
        }

        /// <summary>
        /// Reads the fields from <paramref name="count"/> bytes at <paramref name="index"/>; false when fewer than
        /// <see cref="EncodedBytes"/>. Later bytes (fields of a newer minor version) are ignored.
        /// </summary>
        public bool Read(byte[] buffer, int index, int count)
        {
            if (buffer == null || count < EncodedBytes || index < 0 || index + count > buffer.Length)
            {
                return false;
            }

            ProtocolMajor = buffer[index + ProtocolMajorOffset];
            ProtocolMinor = buffer[index + ProtocolMinorOffset];
            FirmwareMajor = buffer[index + FirmwareMajorOffset];
            FirmwareMinor = buffer[index + FirmwareMinorOffset];
            FirmwarePatch = buffer[index + FirmwarePatchOffset];
            HardwareRevision = buffer[index + HardwareRevisionOffset];
            SerialNumber = LittleEndian.ReadUInt32(buffer, index + SerialOffset);
            Capabilities = buffer[index + CapabilitiesOffset];
            MaxConfigurationBytes = LittleEndian.ReadUInt16(buffer, index + MaxConfigurationOffset);
            StorageCapacityBytes = (int)LittleEndian.ReadUInt32(buffer, index + StorageCapacityOffset);
            return true;
        }
    }
}
