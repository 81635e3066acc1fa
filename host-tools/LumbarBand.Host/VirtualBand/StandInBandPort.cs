using LumbarBand.Core;
using LumbarBand.Core.Configuration;
using LumbarBand.Core.Cueing;
using LumbarBand.Core.Protocol;
using LumbarBand.Host.Sessions;

namespace LumbarBand.Host.VirtualBand;

/// <summary>
/// STAND-IN for Core's real <see cref="IBandPort"/> (sessions issue: over Band, the record log and the settings
/// store). Sessions live in memory as <see cref="StandInSessionCodec"/> bytes; settings are Core's
/// <see cref="BandSettings"/> through Core's <see cref="SettingsCodec"/>; status comes from the running
/// <see cref="Band"/>. Honours the port's contract: a refused call changes nothing.
/// </summary>
public sealed class StandInBandPort : IBandPort
{
    private readonly List<StandInStoredSession> _sessions = [];
    private readonly BandSettings _settings = new();
    private readonly Band _band;
    private readonly uint _serial;
    private uint _nextSessionId = 1;
    private long _clockSetAtUs;
    private uint _clockUtcSeconds;

    /// <summary>Creates the port of <paramref name="band"/>, a band with serial <paramref name="serial"/>.</summary>
    public StandInBandPort(Band band, uint serial)
    {
        ArgumentNullException.ThrowIfNull(band);
        _band = band;
        _serial = serial;
    }

    /// <summary>Firmware version this stand-in claims: 0.0.1, so nobody mistakes it for a release.</summary>
    public static string FirmwareVersion => "0.0.1";

    /// <summary>Storage the stand-in claims for its session log, bytes (the firmware's 256 KB partition).</summary>
    public const int StorageCapacityBytes = 256 * 1024;

    /// <summary>Device time now, µs since power-on (the simulation sets it with every sample).</summary>
    public long NowUs { get; set; }

    /// <summary>Battery level, percent (the simulation drains it).</summary>
    public int BatteryPercent { get; set; } = 100;

    /// <summary>True when the clock was set (by the host, or at start from the PC's clock).</summary>
    public bool ClockSet { get; private set; }

    /// <summary>Every session up to this id is acknowledged by a host.</summary>
    public uint AcknowledgedThrough { get; private set; }

    /// <summary>Test cues played.</summary>
    public int TestCuesPlayed { get; private set; }

    /// <summary>The settings in force.</summary>
    public BandSettings Settings => _settings;

    /// <summary>Sessions held, oldest first.</summary>
    public IReadOnlyList<StandInStoredSession> Sessions => _sessions;

    /// <summary>The session being recorded, or null.</summary>
    public StandInStoredSession? OpenSession => _sessions.Count > 0 && _sessions[^1].Open ? _sessions[^1] : null;

    /// <summary>UTC seconds now, or 0 when the clock is not set.</summary>
    public uint UtcNow => ClockSet ? _clockUtcSeconds + (uint)((NowUs - _clockSetAtUs) / 1_000_000) : 0;

    /// <summary>Sets the clock as the band's RTC would be (the virtual band starts from the PC's clock).</summary>
    public void SetClock(uint utcSeconds)
    {
        _clockUtcSeconds = utcSeconds;
        _clockSetAtUs = NowUs;
        ClockSet = true;
    }

    /// <summary>Starts recording a session now; returns it.</summary>
    public StandInStoredSession StartSession()
    {
        var session = new StandInStoredSession(_nextSessionId++, UtcNow);
        _sessions.Add(session);
        return session;
    }

    /// <inheritdoc/>
    public void GetDeviceInfo(DeviceInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        string[] version = FirmwareVersion.Split('.');
        info.FirmwareMajor = byte.Parse(version[0], System.Globalization.CultureInfo.InvariantCulture);
        info.FirmwareMinor = byte.Parse(version[1], System.Globalization.CultureInfo.InvariantCulture);
        info.FirmwarePatch = byte.Parse(version[2], System.Globalization.CultureInfo.InvariantCulture);
        info.HardwareRevision = 0;
        info.SerialNumber = _serial;
        info.Capabilities = DeviceInfo.CapabilityMotor | DeviceInfo.CapabilityBatteryGauge;
        info.StorageCapacityBytes = StorageCapacityBytes;
    }

    /// <inheritdoc/>
    public ErrorCode SetUtcTime(uint utcSeconds)
    {
        SetClock(utcSeconds);
        return ErrorCode.None;
    }

    /// <inheritdoc/>
    public int GetConfiguration(byte[] buffer) => SettingsCodec.Encode(_settings, buffer, 0);

    /// <inheritdoc/>
    public ErrorCode SetConfiguration(byte[] data, int index, int count, out SettingsError rejection, out int unknownSkipped)
    {
        var candidate = new BandSettings(_settings);
        rejection = SettingsCodec.Decode(data, index, count, candidate, out unknownSkipped);
        if (!rejection.IsOk)
        {
            return ErrorCode.InvalidConfiguration;
        }

        _settings.CopyFrom(candidate);
        return ErrorCode.None;
    }

    /// <inheritdoc/>
    public int SessionCount => _sessions.Count;

    /// <inheritdoc/>
    public bool GetSession(int position, SessionInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (position < 0 || position >= _sessions.Count)
        {
            return false;
        }

        StandInStoredSession s = _sessions[position];
        info.Id = s.Id;
        info.Length = s.Bytes.Length;
        info.Crc = s.Crc;
        info.StartUtcSeconds = s.StartUtcSeconds;
        info.Open = s.Open;
        info.Acknowledged = s.Id <= AcknowledgedThrough;
        return true;
    }

    /// <inheritdoc/>
    public int ReadSession(uint sessionId, int offset, byte[] buffer, int index, int count)
    {
        foreach (StandInStoredSession s in _sessions)
        {
            if (s.Id == sessionId && !s.Open && offset >= 0 && offset <= s.Bytes.Length)
            {
                int n = Math.Min(count, s.Bytes.Length - offset);
                Array.Copy(s.Bytes, offset, buffer, index, n);
                return n;
            }
        }

        return -1;
    }

    /// <inheritdoc/>
    public ErrorCode AcknowledgeSessions(uint sessionId)
    {
        AcknowledgedThrough = Math.Max(AcknowledgedThrough, sessionId);
        return ErrorCode.None;
    }

    /// <inheritdoc/>
    public ErrorCode EraseSessions()
    {
        _sessions.RemoveAll(s => !s.Open);
        return ErrorCode.None;
    }

    /// <inheritdoc/>
    public ErrorCode StartCalibration()
    {
        if (_band.Neutral.IsPending)
        {
            return ErrorCode.Busy;
        }

        _band.RequestNeutralCapture();
        return ErrorCode.None;
    }

    /// <inheritdoc/>
    public ErrorCode TestCue(byte pattern)
    {
        if (pattern < HapticPatterns.MinLevel || pattern > HapticPatterns.MaxLevel)
        {
            return ErrorCode.InvalidParameter;
        }

        TestCuesPlayed++;
        return ErrorCode.None;
    }

    /// <inheritdoc/>
    public ErrorCode SetCueMode(CueMode mode)
    {
        SettingsError result = _settings.Set(SettingId.CueMode, (int)mode);
        return result.IsOk ? ErrorCode.None : ErrorCode.InvalidParameter;
    }

    /// <inheritdoc/>
    public ErrorCode FactoryReset()
    {
        _settings.ResetToDefaults();
        _sessions.RemoveAll(s => !s.Open);
        AcknowledgedThrough = 0;
        ClockSet = false;
        return ErrorCode.None;
    }

    /// <inheritdoc/>
    public void GetStatus(StatusMessage status)
    {
        ArgumentNullException.ThrowIfNull(status);
        StandInStoredSession? open = OpenSession;
        status.Set(StatusMessage.FlagWalking, _band.IsWalking);
        status.Set(StatusMessage.FlagSessionOpen, open is not null);
        status.Set(StatusMessage.FlagCalibrated, _band.Neutral.IsCaptured);
        status.Set(StatusMessage.FlagClockSet, ClockSet);
        status.Set(StatusMessage.FlagTraining, _settings.CueMode == CueMode.Training);
        status.BatteryPercent = BatteryPercent;
        status.StorageUsedPercent = (int)(100L * _sessions.Sum(s => (long)s.Bytes.Length) / StorageCapacityBytes);
        status.Steps = _band.TotalSteps;
        status.CadenceCentiStepsPerMinute = _band.CadenceCentiStepsPerMinute;
        status.StoredSessions = _sessions.Count;
        status.UnacknowledgedSessions = _sessions.Count(s => s.Id > AcknowledgedThrough);
    }
}
