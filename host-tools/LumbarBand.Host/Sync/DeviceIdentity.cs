using System.Globalization;
using LumbarBand.Core.Protocol;

namespace LumbarBand.Host.Sync;

/// <summary>How the host names a band: its 32-bit serial in 8 upper-case hex digits, as its Serial Number String.</summary>
public static class DeviceIdentity
{
    /// <summary>The id of the band whose device info is <paramref name="info"/>.</summary>
    public static string FromDeviceInfo(DeviceInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return FromSerial(info.SerialNumber);
    }

    /// <summary>The id of the band with serial <paramref name="serial"/>.</summary>
    public static string FromSerial(uint serial) => serial.ToString("X8", CultureInfo.InvariantCulture);

    /// <summary>"major.minor.patch" of the firmware in <paramref name="info"/>.</summary>
    public static string FirmwareVersion(DeviceInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return string.Create(CultureInfo.InvariantCulture, $"{info.FirmwareMajor}.{info.FirmwareMinor}.{info.FirmwarePatch}");
    }
}
