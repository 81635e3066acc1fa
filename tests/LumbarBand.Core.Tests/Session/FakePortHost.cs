using LumbarBand.Core.Protocol;
using LumbarBand.Core.Session;

namespace LumbarBand.Core.Tests.Session;

/// <summary>The firmware around <see cref="BandPort"/> in a test: a settable clock, a motor or none, settings storage that can fail.</summary>
public sealed class FakePortHost : IBandPortHost
{
    /// <summary>The serial number the fake reports.</summary>
    public const uint Serial = 0x5E55_1011;

    /// <inheritdoc/>
    public byte Faults { get; set; }

    /// <summary>Firmware version the fake reports.</summary>
    public const byte Major = 0;

    /// <summary>Firmware version the fake reports.</summary>
    public const byte Minor = 5;

    /// <summary>Firmware version the fake reports.</summary>
    public const byte Patch = 2;

    /// <inheritdoc/>
    public long UptimeUs { get; set; }

    /// <inheritdoc/>
    public bool HasMotor { get; set; } = true;

    /// <inheritdoc/>
    public bool IsCharging { get; set; }

    /// <inheritdoc/>
    public bool IsPairingWindowOpen { get; set; }

    /// <summary>The last settings persisted.</summary>
    public byte[]? Persisted { get; private set; }

    /// <summary>When set, the next persist fails.</summary>
    public bool FailNextPersist { get; set; }

    /// <inheritdoc/>
    public void FillIdentity(DeviceInfo info)
    {
        info.FirmwareMajor = Major;
        info.FirmwareMinor = Minor;
        info.FirmwarePatch = Patch;
        info.HardwareRevision = 1;
        info.SerialNumber = Serial;
        info.Capabilities = HasMotor ? DeviceInfo.CapabilityMotor : (byte)0;
    }

    /// <inheritdoc/>
    public bool PersistSettings(byte[] encoded, int count)
    {
        if (FailNextPersist)
        {
            FailNextPersist = false;
            return false;
        }

        Persisted = encoded[..count];
        return true;
    }
}
