using System.Threading.Channels;
using LumbarBand.Core.Configuration;
using LumbarBand.Core.Cueing;
using LumbarBand.Core.Protocol;
using LumbarBand.Core.Storage;
using LumbarBand.Host.Links;

namespace LumbarBand.Host.Sync;

/// <summary>
/// The host's side of the band protocol over any <see cref="IBandLink"/>: one request at a time, each frame built by
/// Core's <see cref="RequestBuilder"/> and each response read by Core's <see cref="ResponseParser"/>, matched by
/// request id among the link's notifications. Opening a client checks the protocol version before anything else
/// and pairs when the host holds no bond.
/// </summary>
public sealed class BandClient
{
    private readonly IBandLink _link;
    private readonly TimeSpan _timeout;
    private readonly byte[] _frame = new byte[ProtocolConstants.MaxPayloadBytes];
    private readonly ResponseHeader _header = new();
    private readonly StatusMessage _status = new();
    private readonly HostKeyring _keyring;
    private byte _nextRequestId;

    /// <summary>
    /// A client on <paramref name="link"/>, waiting <paramref name="responseTimeout"/> for each response (default
    /// 5 s: the band's 2 s deadline, plus the host stack's and a loaded machine's latency), proving this host with
    /// the keys in <paramref name="keyring"/> (default: the user's, <see cref="HostKeyring.ForUser"/>).
    /// </summary>
    public BandClient(IBandLink link, TimeSpan? responseTimeout = null, HostKeyring? keyring = null)
    {
        ArgumentNullException.ThrowIfNull(link);
        _link = link;
        _timeout = responseTimeout ?? TimeSpan.FromSeconds(5);
        _keyring = keyring ?? HostKeyring.ForUser();
    }

    /// <summary>The keys this client proves itself with.</summary>
    public HostKeyring Keyring => _keyring;

    /// <summary>The link.</summary>
    public IBandLink Link => _link;

    /// <summary>The band's device info, read by <see cref="OpenAsync"/>.</summary>
    public DeviceInfo? Device { get; private set; }

    /// <summary>The band's id (<see cref="DeviceIdentity"/>), once opened.</summary>
    public string DeviceId => Device is null ? "" : DeviceIdentity.FromDeviceInfo(Device);

    /// <summary>Largest payload on the link: responses and chunks use up to this many bytes.</summary>
    public int MaxPayload => ProtocolConstants.PayloadForMtu(_link.AttMtu);

    /// <summary>The last status notification received, if any.</summary>
    public StatusMessage? LastStatus { get; private set; }

    /// <summary>
    /// Connects, subscribes to control-point notifications, reads the device info (any link may), refuses a newer
    /// major protocol version, pairs unless already bonded, and subscribes to data notifications.
    /// </summary>
    /// <param name="pair">False: stop after the device info (for <c>info</c>, which needs no bond).</param>
    /// <param name="cancellationToken">Cancels the whole opening.</param>
    public async Task<DeviceInfo> OpenAsync(bool pair, CancellationToken cancellationToken)
    {
        await _link.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await _link.SubscribeAsync(BandCharacteristic.ControlPoint, cancellationToken).ConfigureAwait(false);
        DeviceInfo info = await GetDeviceInfoAsync(cancellationToken).ConfigureAwait(false);
        if (info.ProtocolMajor > ProtocolConstants.VersionMajor)
        {
            throw new NewerProtocolException(info.ProtocolMajor, info.ProtocolMinor);
        }

        Device = info;
        if (pair)
        {
            await _link.PairAsync(cancellationToken).ConfigureAwait(false);
            await EstablishTrustAsync(DeviceId, cancellationToken).ConfigureAwait(false);
            await _link.SubscribeAsync(BandCharacteristic.Data, cancellationToken).ConfigureAwait(false);
        }

        return info;
    }

    /// <summary>
    /// Makes the band trust this link (docs/protocol.md §3): answers a fresh challenge with each key held for
    /// <paramref name="deviceId"/>, newest first; with none that works, enrolls (the band accepts only while its
    /// pairing window is open) and keeps the new key.
    /// </summary>
    public async Task EstablishTrustAsync(string deviceId, CancellationToken cancellationToken)
    {
        IReadOnlyList<(ulong Key0, ulong Key1)> keys = _keyring.KeysFor(deviceId);
        ulong hostId = _keyring.HostId;
        foreach ((ulong key0, ulong key1) in keys)
        {
            byte[] challengeResponse = await RequestAsync(Opcode.Challenge, (f, id) => RequestBuilder.Challenge(f, id), cancellationToken).ConfigureAwait(false);
            if (!ResponseParser.ReadChallenge(challengeResponse, challengeResponse.Length, out ulong challenge))
            {
                throw new LumbarBandException("the band sent a malformed challenge");
            }

            ulong mac = LinkTrust.ProofMac(key0, key1, challenge, hostId);
            try
            {
                await RequestAsync(Opcode.Prove, (f, id) => RequestBuilder.Prove(f, id, hostId, mac), cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (BandRequestException e) when (e.Error == ErrorCode.ProofRefused)
            {
                // That key is stale (the band was reset, or enrolled this host again): try the next, then enroll.
            }
        }

        byte[] enrolled;
        try
        {
            enrolled = await RequestAsync(Opcode.Enroll, (f, id) => RequestBuilder.Enroll(f, id, hostId), cancellationToken).ConfigureAwait(false);
        }
        catch (BandRequestException e) when (e.Error == ErrorCode.PairingWindowClosed)
        {
            throw new PairingRefusedException(PairingRefusedException.DefaultMessage, e);
        }

        if (!ResponseParser.ReadEnrollKey(enrolled, enrolled.Length, out ulong newKey0, out ulong newKey1))
        {
            throw new LumbarBandException("the band sent a malformed enrollment");
        }

        _keyring.Add(deviceId, newKey0, newKey1);
    }

    /// <summary>GetDeviceInfo (allowed on any link).</summary>
    public async Task<DeviceInfo> GetDeviceInfoAsync(CancellationToken cancellationToken)
    {
        byte[] response = await RequestAsync(Opcode.GetDeviceInfo, (f, id) => RequestBuilder.GetDeviceInfo(f, id), cancellationToken).ConfigureAwait(false);
        var info = new DeviceInfo();
        if (!ResponseParser.ReadDeviceInfo(response, response.Length, info))
        {
            throw new LumbarBandException("the band sent a malformed device info");
        }

        return info;
    }

    /// <summary>SetTime to <paramref name="utc"/>.</summary>
    public Task SetTimeAsync(DateTimeOffset utc, CancellationToken cancellationToken)
    {
        uint seconds = (uint)Math.Clamp(utc.ToUnixTimeSeconds(), 0, uint.MaxValue);
        return RequestAsync(Opcode.SetTime, (f, id) => RequestBuilder.SetTime(f, id, seconds), cancellationToken);
    }

    /// <summary>The band's settings encoding (<see cref="SettingsCodec"/>), read page by page.</summary>
    public async Task<byte[]> GetConfigurationAsync(CancellationToken cancellationToken)
    {
        var encoding = new List<byte>();
        int total = int.MaxValue;
        while (encoding.Count < total)
        {
            int offset = encoding.Count;
            byte[] response = await RequestAsync(Opcode.GetConfiguration, (f, id) => RequestBuilder.GetConfiguration(f, id, offset), cancellationToken).ConfigureAwait(false);
            if (!ResponseParser.ReadConfigurationPage(response, response.Length, out total, out int dataOffset, out int dataCount)
                || (dataCount == 0 && encoding.Count < total))
            {
                throw new LumbarBandException("the band sent a malformed configuration page");
            }

            encoding.AddRange(response.AsSpan(dataOffset, dataCount).ToArray());
        }

        return [.. encoding];
    }

    /// <summary>The band's settings, decoded by Core's <see cref="SettingsCodec"/> onto the defaults.</summary>
    public async Task<BandSettings> GetSettingsAsync(CancellationToken cancellationToken)
    {
        byte[] encoding = await GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        var settings = new BandSettings();
        SettingsError error = SettingsCodec.Decode(encoding, 0, encoding.Length, settings, out _);
        if (!error.IsOk)
        {
            throw new LumbarBandException("the band's settings could not be read: " + error);
        }

        return settings;
    }

    /// <summary>
    /// Stages <paramref name="encoding"/> (a settings encoding: all settings or only those that change) and commits
    /// it; the band validates it as a whole and applies it all or nothing. Returns the setting ids the band skipped
    /// as unknown. A rejection throws <see cref="BandRequestException"/> whose message names the setting at fault.
    /// </summary>
    public async Task<int> WriteConfigurationAsync(byte[] encoding, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        int chunk = RequestBuilder.MaxConfigurationChunk(MaxPayload);
        for (int offset = 0; offset < encoding.Length; offset += chunk)
        {
            int at = offset;
            int count = Math.Min(chunk, encoding.Length - offset);
            await RequestAsync(Opcode.WriteConfiguration, (f, id) => RequestBuilder.WriteConfiguration(f, id, at, encoding, at, count), cancellationToken).ConfigureAwait(false);
        }

        uint crc = Crc32.Compute(encoding, 0, encoding.Length);
        byte[] response = await RequestAsync(Opcode.CommitConfiguration, (f, id) => RequestBuilder.CommitConfiguration(f, id, encoding.Length, crc), cancellationToken).ConfigureAwait(false);
        return ResponseParser.ReadCommit(response, response.Length, out int unknownSkipped) ? unknownSkipped : 0;
    }

    /// <summary>Every session the band holds, oldest first, paging by id.</summary>
    public async Task<IReadOnlyList<SessionInfo>> ListSessionsAsync(CancellationToken cancellationToken)
    {
        var sessions = new List<SessionInfo>();
        uint after = 0;
        while (true)
        {
            uint from = after;
            byte[] response = await RequestAsync(Opcode.ListSessions, (f, id) => RequestBuilder.ListSessions(f, id, from), cancellationToken).ConfigureAwait(false);
            int count = ResponseParser.SessionEntryCount(response, response.Length);
            if (count < 0)
            {
                throw new LumbarBandException("the band sent a malformed session list");
            }

            if (count == 0)
            {
                return sessions;
            }

            for (int i = 0; i < count; i++)
            {
                var info = new SessionInfo();
                ResponseParser.ReadSessionEntry(response, i, info);
                sessions.Add(info);
                after = Math.Max(after, info.Id);
            }
        }
    }

    /// <summary>AcknowledgeSessions through <paramref name="sessionId"/> (cumulative), proven by its CRC-32.</summary>
    public Task AcknowledgeAsync(uint sessionId, uint crc, CancellationToken cancellationToken) =>
        RequestAsync(Opcode.AcknowledgeSessions, (f, id) => RequestBuilder.AcknowledgeSessions(f, id, sessionId, crc), cancellationToken);

    /// <summary>SetMode.</summary>
    public Task SetModeAsync(CueMode mode, CancellationToken cancellationToken) =>
        RequestAsync(Opcode.SetMode, (f, id) => RequestBuilder.SetMode(f, id, mode), cancellationToken);

    /// <summary>Reads the status characteristic (needs a trusted link).</summary>
    public async Task<StatusMessage> ReadStatusAsync(CancellationToken cancellationToken)
    {
        byte[] value = await _link.ReadAsync(BandCharacteristic.Status, cancellationToken).ConfigureAwait(false);
        var status = new StatusMessage();
        if (!status.Read(value, 0, value.Length))
        {
            throw new LumbarBandException("the band sent a malformed status");
        }

        return status;
    }

    /// <summary>
    /// Sends ReadSession(<paramref name="sessionId"/>, <paramref name="offset"/>) and returns the whole session's
    /// length and CRC-32. Data notifications that arrive before the response are stale (an earlier transfer's) and
    /// are dropped, as docs/protocol.md §9 says.
    /// </summary>
    public async Task<(int Length, uint Crc)> ReadSessionAsync(uint sessionId, int offset, CancellationToken cancellationToken)
    {
        byte[] response = await RequestAsync(Opcode.ReadSession, (f, id) => RequestBuilder.ReadSession(f, id, sessionId, offset), cancellationToken).ConfigureAwait(false);
        if (!ResponseParser.ReadSessionHeader(response, response.Length, out int length, out uint crc))
        {
            throw new LumbarBandException("the band sent a malformed ReadSession response");
        }

        return (length, crc);
    }

    /// <summary>
    /// The next data notification (a download chunk), or null when none came within the response timeout. Status
    /// notifications are kept in <see cref="LastStatus"/>; control-point notifications are stale here and dropped.
    /// Throws <see cref="BandLinkLostException"/> when the link ends.
    /// </summary>
    public async Task<byte[]?> NextDataChunkAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            BandNotification? notification = await NextNotificationAsync(cancellationToken).ConfigureAwait(false);
            if (notification is null)
            {
                return null;
            }

            if (notification.Source == BandCharacteristic.Data)
            {
                return notification.Value;
            }
        }
    }

    /// <summary>
    /// Sends one request and returns its success response; throws <see cref="BandRequestException"/> (or
    /// <see cref="PairingRequiredException"/>) for an error response.
    /// </summary>
    private async Task<byte[]> RequestAsync(Opcode opcode, Func<byte[], byte, int> build, CancellationToken cancellationToken)
    {
        byte requestId = ++_nextRequestId;
        int length = build(_frame, requestId);
        await _link.WriteAsync(BandCharacteristic.ControlPoint, _frame.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        while (true)
        {
            BandNotification? notification = await NextNotificationAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new BandLinkLostException($"the band did not answer {opcode} in time; the next download resumes where this one stopped");
            byte[] response = notification.Value;
            if (notification.Source != BandCharacteristic.ControlPoint
                || !ResponseParser.ReadHeader(response, response.Length, _header)
                || _header.RequestId != requestId || _header.Opcode != opcode)
            {
                continue;
            }

            if (_header.IsOk)
            {
                return response;
            }

            throw Refusal(opcode, response);
        }
    }

    private Exception Refusal(Opcode opcode, byte[] response)
    {
        switch (_header.Status)
        {
            case ErrorCode.NotEncrypted:
            case ErrorCode.NotTrusted:
                return new PairingRequiredException();
            case ErrorCode.InvalidConfiguration when ResponseParser.ReadConfigurationError(response, response.Length, out SettingsError error):
                return new BandRequestException(opcode, ErrorCode.InvalidConfiguration, "the band rejected the settings: " + error);
            default:
                return new BandRequestException(opcode, _header.Status, _header.Detail);
        }
    }

    /// <summary>The next notification within the timeout (status ones are absorbed), or null on timeout.</summary>
    private async Task<BandNotification?> NextNotificationAsync(CancellationToken cancellationToken)
    {
        ChannelReader<BandNotification> reader = _link.Notifications;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        while (true)
        {
            BandNotification notification;
            try
            {
                notification = await reader.ReadAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return null;
            }
            catch (ChannelClosedException e)
            {
                throw e.InnerException as BandLinkLostException ?? new BandLinkLostException(BandLinkLostException.DefaultMessage, e);
            }

            if (notification.Source == BandCharacteristic.Status)
            {
                if (_status.Read(notification.Value, 0, notification.Value.Length))
                {
                    LastStatus = _status;
                }

                continue;
            }

            return notification;
        }
    }
}
