namespace LumbarBand.Core.Protocol
{
    /// <summary>
    /// UUIDs of the band's GATT services and characteristics (docs/protocol.md, "GATT layout"). The band's own are
    /// 128-bit UUIDs that differ only in the second group: <c>6C756D62</c> is "lumb" and <c>4C756D626172</c> "Lumbar"
    /// in ASCII. Strings, so that Core needs no <c>System.Guid</c>; the firmware passes them to <c>new Guid(string)</c>.
    /// </summary>
    public static class GattIds
    {
        /// <summary>The LumbarBand service, advertised by the band.</summary>
        public const string Service = "6c756d62-0100-4c42-8a4e-4c756d626172";

        /// <summary>Status characteristic: read and notify, a <see cref="StatusMessage"/> (encrypted, bonded link).</summary>
        public const string Status = "6c756d62-0101-4c42-8a4e-4c756d626172";

        /// <summary>
        /// Control point: write with response carries requests; responses come back as notifications on it (the
        /// nanoFramework stack sends notifications even for Indicate, so the protocol uses Notify).
        /// </summary>
        public const string ControlPoint = "6c756d62-0102-4c42-8a4e-4c756d626172";

        /// <summary>Data characteristic: notify, the chunks of a session download.</summary>
        public const string Data = "6c756d62-0103-4c42-8a4e-4c756d626172";

        /// <summary>Standard Device Information service (Bluetooth SIG assigned number).</summary>
        public const ushort DeviceInformationService = 0x180A;

        /// <summary>Manufacturer Name String (UTF-8): "LumbarBand project".</summary>
        public const ushort ManufacturerName = 0x2A29;

        /// <summary>Model Number String (UTF-8): "LumbarBand".</summary>
        public const ushort ModelNumber = 0x2A24;

        /// <summary>Serial Number String (UTF-8): the 32-bit serial of <see cref="DeviceInfo.SerialNumber"/> in 8 hex digits.</summary>
        public const ushort SerialNumber = 0x2A25;

        /// <summary>Hardware Revision String (UTF-8): the board, e.g. "M5Core2".</summary>
        public const ushort HardwareRevision = 0x2A27;

        /// <summary>Firmware Revision String (UTF-8): "major.minor.patch" of the app.</summary>
        public const ushort FirmwareRevision = 0x2A26;

        /// <summary>Software Revision String (UTF-8): "protocol major.minor", e.g. "1.0".</summary>
        public const ushort SoftwareRevision = 0x2A28;

        /// <summary>Standard Battery service (Bluetooth SIG assigned number).</summary>
        public const ushort BatteryService = 0x180F;

        /// <summary>Battery Level: one byte, 0–100 percent; read and notify.</summary>
        public const ushort BatteryLevel = 0x2A19;
    }
}
