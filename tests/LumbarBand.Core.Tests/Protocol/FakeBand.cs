using System.Globalization;
using LumbarBand.Core.Configuration;
using LumbarBand.Core.Cueing;
using LumbarBand.Core.Protocol;
using LumbarBand.Core.Storage;

namespace LumbarBand.Core.Tests.Protocol;

/// <summary>
/// An in-memory band behind <see cref="IBandPort"/>: real settings codec, sessions as byte arrays, a cumulative
/// acknowledgement watermark, counters for every effect. Honours the port's contract (a refused call changes
/// nothing), and <see cref="StateSignature"/> captures all of its state so tests can prove a refused frame left it
/// as it was. Allocation-free on the read paths (device info, list, read, status) so allocation tests can run
/// through it.
/// </summary>
public sealed class FakeBand : IBandPort
{
    /// <summary>Cue patterns the fake has (0..this-1).</summary>
    public const int CuePatterns = 4;

    private readonly List<FakeSession> _sessions = [];
    private readonly BandSettings _settings = new();
    private uint _nextSessionId = 1;

    /// <summary>Current UTC clock, 0 until set.</summary>
    public uint UtcSeconds { get; private set; }

    /// <summary>Current cue mode.</summary>
    public CueMode Mode { get; private set; } = CueMode.Training;

    /// <summary>Every session up to this id is acknowledged.</summary>
    public uint AcknowledgedThrough { get; private set; }

    /// <summary>True between a calibration request and <see cref="CompleteCalibration"/>.</summary>
    public bool CalibrationPending { get; private set; }

    /// <summary>Calibrations started.</summary>
    public int Calibrations { get; private set; }

    /// <summary>Test cues played.</summary>
    public int CuesPlayed { get; private set; }

    /// <summary>Erases done.</summary>
    public int Erases { get; private set; }

    /// <summary>Factory resets done.</summary>
    public int FactoryResets { get; private set; }

    /// <summary>Settings commits applied.</summary>
    public int ConfigurationsApplied { get; private set; }

    /// <summary>When set, the next settings commit fails to persist (StorageError) and changes nothing.</summary>
    public bool FailNextPersist { get; set; }

    /// <summary>The settings in force.</summary>
    public BandSettings Settings => _settings;

    /// <summary>Sessions stored, oldest first.</summary>
    public IReadOnlyList<FakeSession> Sessions => _sessions;

    /// <summary>Stores a closed session of <paramref name="bytes"/>; returns its id.</summary>
    public uint AddSession(byte[] bytes, bool open = false)
    {
        var session = new FakeSession(_nextSessionId++, bytes, open, 1_750_000_000u + (uint)_sessions.Count);
        _sessions.Add(session);
        return session.Id;
    }

    /// <summary>Ends the open session (as the band does when walking stops).</summary>
    public void CloseSessions()
    {
        foreach (FakeSession s in _sessions)
        {
            s.Open = false;
        }
    }

    /// <summary>The band captured neutral posture.</summary>
    public void CompleteCalibration() => CalibrationPending = false;

    /// <summary>Everything the fake holds, as one comparable string.</summary>
    public string StateSignature()
    {
        var parts = new List<string>
        {
            UtcSeconds.ToString(CultureInfo.InvariantCulture),
            Convert.ToHexString(SettingsCodec.Encode(_settings)),
            ((int)Mode).ToString(CultureInfo.InvariantCulture),
            AcknowledgedThrough.ToString(CultureInfo.InvariantCulture),
            CalibrationPending ? "cal" : "-",
            Calibrations.ToString(CultureInfo.InvariantCulture),
            CuesPlayed.ToString(CultureInfo.InvariantCulture),
            Erases.ToString(CultureInfo.InvariantCulture),
            FactoryResets.ToString(CultureInfo.InvariantCulture),
            ConfigurationsApplied.ToString(CultureInfo.InvariantCulture),
            _nextSessionId.ToString(CultureInfo.InvariantCulture),
        };
        foreach (FakeSession s in _sessions)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{s.Id}:{s.Bytes.Length}:{s.Crc:x8}:{s.Open}"));
        }

        return string.Join('|', parts);
    }

    /// <inheritdoc/>
    public void GetDeviceInfo(DeviceInfo info)
    {
        info.FirmwareMajor = 0;
        info.FirmwareMinor = 3;
        info.FirmwarePatch = 1;
        info.HardwareRevision = 1;
        info.SerialNumber = 0xB00B1E5;
        info.Capabilities = DeviceInfo.CapabilityMotor | DeviceInfo.CapabilityBatteryGauge;
        info.StorageCapacityBytes = 4 * 32768;
    }

    /// <inheritdoc/>
    public ErrorCode SetUtcTime(uint utcSeconds)
    {
        UtcSeconds = utcSeconds;
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

        if (FailNextPersist)
        {
            FailNextPersist = false;
            return ErrorCode.StorageError;
        }

        _settings.CopyFrom(candidate);
        Mode = _settings.CueMode;
        ConfigurationsApplied++;
        return ErrorCode.None;
    }

    /// <inheritdoc/>
    public int SessionCount => _sessions.Count;

    /// <inheritdoc/>
    public bool GetSession(int position, SessionInfo info)
    {
        if (position < 0 || position >= _sessions.Count)
        {
            return false;
        }

        FakeSession s = _sessions[position];
        info.Id = s.Id;
        info.Length = s.Bytes.Length;
        info.Crc = s.Crc;
        info.StartUtcSeconds = s.StartUtc;
        info.Open = s.Open;
        info.Acknowledged = s.Id <= AcknowledgedThrough;
        return true;
    }

    /// <inheritdoc/>
    public int ReadSession(uint sessionId, int offset, byte[] buffer, int index, int count)
    {
        foreach (FakeSession s in _sessions)
        {
            if (s.Id == sessionId)
            {
                int n = Math.Min(count, s.Bytes.Length - offset);
                if (n < 0)
                {
                    return -1;
                }

                Array.Copy(s.Bytes, offset, buffer, index, n);
                return n;
            }
        }

        return -1;
    }

    /// <inheritdoc/>
    public ErrorCode AcknowledgeSessions(uint sessionId)
    {
        if (sessionId > AcknowledgedThrough)
        {
            AcknowledgedThrough = sessionId;
        }

        return ErrorCode.None;
    }

    /// <inheritdoc/>
    public ErrorCode EraseSessions()
    {
        _sessions.Clear();
        Erases++;
        return ErrorCode.None;
    }

    /// <inheritdoc/>
    public ErrorCode StartCalibration()
    {
        if (CalibrationPending)
        {
            return ErrorCode.Busy;
        }

        CalibrationPending = true;
        Calibrations++;
        return ErrorCode.None;
    }

    /// <inheritdoc/>
    public ErrorCode TestCue(byte pattern)
    {
        if (pattern >= CuePatterns)
        {
            return ErrorCode.InvalidParameter;
        }

        CuesPlayed++;
        return ErrorCode.None;
    }

    /// <inheritdoc/>
    public ErrorCode SetCueMode(CueMode mode)
    {
        Mode = mode;
        _settings.Set(SettingId.CueMode, (int)mode);
        return ErrorCode.None;
    }

    /// <inheritdoc/>
    public ErrorCode FactoryReset()
    {
        _settings.ResetToDefaults();
        Mode = _settings.CueMode;
        _sessions.Clear();
        AcknowledgedThrough = 0;
        _nextSessionId = 1;
        UtcSeconds = 0;
        CalibrationPending = false;
        FactoryResets++;
        return ErrorCode.None;
    }

    /// <inheritdoc/>
    public bool TryTakeAnswer(out ErrorCode result)
    {
        // The fake answers every request at once: nothing is ever pending.
        result = ErrorCode.None;
        return false;
    }

    /// <inheritdoc/>
    public void GetStatus(StatusMessage status)
    {
        status.Set(StatusMessage.FlagTraining, Mode == CueMode.Training);
        status.Set(StatusMessage.FlagClockSet, UtcSeconds != 0);
        status.Set(StatusMessage.FlagCalibrated, Calibrations > 0 && !CalibrationPending);
        status.BatteryPercent = 87;
        status.Steps = 1234;
        status.CadenceCentiStepsPerMinute = 11250;
        status.StoredSessions = _sessions.Count;
        int unacknowledged = 0;
        foreach (FakeSession s in _sessions)
        {
            if (s.Id > AcknowledgedThrough)
            {
                unacknowledged++;
            }
        }

        status.UnacknowledgedSessions = unacknowledged;
    }
}

/// <summary>One stored session of the fake.</summary>
public sealed class FakeSession(uint id, byte[] bytes, bool open, uint startUtc)
{
    /// <summary>Session id.</summary>
    public uint Id { get; } = id;

    /// <summary>Serialized form.</summary>
    public byte[] Bytes { get; } = bytes;

    /// <summary>CRC-32 of <see cref="Bytes"/>.</summary>
    public uint Crc { get; } = Crc32C.Compute(bytes, 0, bytes.Length);

    /// <summary>Still recording.</summary>
    public bool Open { get; set; } = open;

    /// <summary>Start time.</summary>
    public uint StartUtc { get; } = startUtc;
}
