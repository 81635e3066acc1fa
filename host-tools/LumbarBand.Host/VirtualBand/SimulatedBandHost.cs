using LumbarBand.Core;
using LumbarBand.Core.Configuration;
using LumbarBand.Core.Cueing;
using LumbarBand.Core.Protocol;
using LumbarBand.Core.Session;

namespace LumbarBand.Host.VirtualBand;

/// <summary>
/// The firmware around Core's <see cref="BandPort"/>, on simulated hardware: uptime from the replay's clock, a
/// <see cref="SimulatedMotor"/>, the pairing window the virtual band server opens, no charger, and settings
/// "persisted" in memory (the band's owner applies them, as on the device).
/// </summary>
public sealed class SimulatedBandHost : IBandPortHost
{
    /// <inheritdoc/>
    public byte Faults => 0;

    /// <summary>Firmware version the virtual band reports: the firmware's own (it runs the same Core).</summary>
    public const byte FirmwareMajor = 0;

    /// <summary>Firmware version the virtual band reports.</summary>
    public const byte FirmwareMinor = 1;

    /// <summary>Firmware version the virtual band reports.</summary>
    public const byte FirmwarePatch = 0;

    /// <summary>Hardware revision the virtual band reports (0: no board).</summary>
    public const byte HardwareRevision = 0;

    private readonly uint _serial;
    private Func<bool> _pairingWindowOpen = static () => false;
    private byte[] _persisted = [];

    /// <summary>Creates the host of a band with serial <paramref name="serial"/> and <paramref name="motor"/>.</summary>
    public SimulatedBandHost(SimulatedMotor motor, uint serial)
    {
        ArgumentNullException.ThrowIfNull(motor);
        Motor = motor;
        _serial = serial;
    }

    /// <summary>The motor.</summary>
    public SimulatedMotor Motor { get; }

    /// <inheritdoc/>
    public long UptimeUs { get; set; }

    /// <inheritdoc/>
    public bool HasMotor => true;

    /// <inheritdoc/>
    public bool IsCharging => false;

    /// <inheritdoc/>
    public bool IsPairingWindowOpen => _pairingWindowOpen();

    /// <summary>The settings last persisted (<see cref="SettingsCodec"/> bytes); empty until the host changes any.</summary>
    public ReadOnlySpan<byte> PersistedSettings => _persisted;

    /// <summary>Tells the host where the pairing window is (the virtual band server owns it).</summary>
    public void ConnectPairingWindow(Func<bool> isOpen)
    {
        ArgumentNullException.ThrowIfNull(isOpen);
        _pairingWindowOpen = isOpen;
    }

    /// <inheritdoc/>
    public void FillIdentity(DeviceInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        info.FirmwareMajor = FirmwareMajor;
        info.FirmwareMinor = FirmwareMinor;
        info.FirmwarePatch = FirmwarePatch;
        info.HardwareRevision = HardwareRevision;
        info.SerialNumber = _serial;
        info.Capabilities = DeviceInfo.CapabilityMotor | DeviceInfo.CapabilityBatteryGauge;
    }

    /// <inheritdoc/>
    public bool PersistSettings(byte[] encoded, int count)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        _persisted = encoded.AsSpan(0, count).ToArray();
        return true;
    }

}
