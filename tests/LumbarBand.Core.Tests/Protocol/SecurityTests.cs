using LumbarBand.Core.Storage;
using LumbarBand.Core.Cueing;
using LumbarBand.Core.Protocol;

namespace LumbarBand.Core.Tests.Protocol;

/// <summary>
/// Data, configuration and control need an encrypted, bonded link; only device info is open. New bonds are accepted
/// only inside the pairing window a long button press opens, one per press.
/// </summary>
public sealed class SecurityTests
{
    /// <summary>A valid request of every opcode that needs a trusted link.</summary>
    public static TheoryData<int> ProtectedOpcodes()
    {
        var data = new TheoryData<int>();
        for (int op = 2; op <= (int)MessageLayout.LastOpcode; op++)
        {
            data.Add(op);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ProtectedOpcodes))]
    public void EveryProtectedRequestIsRefusedOnAnUnencryptedOrUnbondedLink(int opcode)
    {
        var band = new FakeBand();
        uint id = band.AddSession(new byte[50]);
        var handler = new CommandHandler(band);
        var frame = new byte[ProtocolConstants.MaxPayloadBytes];
        var response = new byte[ProtocolConstants.MaxPayloadBytes];
        if (opcode == (int)Opcode.CommitConfiguration)
        {
            int staging = RequestBuilder.WriteConfiguration(frame, 1, 0, ShortSettings, 0, ShortSettings.Length);
            handler.OnControlWrite(frame, staging, LinkSecurity.Trusted, response);
            Assert.Equal((byte)ErrorCode.None, response[ProtocolConstants.StatusOffset]);
        }

        int length = ValidRequest((Opcode)opcode, frame, id, band);
        string before = band.StateSignature();
        int stagedBefore = handler.Upload.StagedLength;

        (LinkSecurity Link, ErrorCode Expected)[] cases =
        [
            (LinkSecurity.None, ErrorCode.NotEncrypted),
            (LinkSecurity.Bonded, ErrorCode.NotEncrypted),
            (LinkSecurity.Encrypted, ErrorCode.NotBonded),
        ];
        foreach ((LinkSecurity link, ErrorCode expected) in cases)
        {
            int n = handler.OnControlWrite(frame, length, link, response);
            Assert.Equal(ProtocolConstants.ErrorResponseBytes, n);
            Assert.Equal((byte)opcode, response[0]);
            Assert.Equal((byte)expected, response[ProtocolConstants.StatusOffset]);
            Assert.Equal(before, band.StateSignature());
            Assert.False(handler.Transfer.Active);
            Assert.Equal(stagedBefore, handler.Upload.StagedLength);
        }

        // The same frame on a trusted link gets past the gate (it may still be refused for its own reasons).
        handler.OnControlWrite(frame, length, LinkSecurity.Trusted, response);
        var status = (ErrorCode)response[ProtocolConstants.StatusOffset];
        Assert.NotEqual(ErrorCode.NotEncrypted, status);
        Assert.NotEqual(ErrorCode.NotBonded, status);
        Assert.Equal(ErrorCode.None, status);
    }

    [Fact]
    public void DeviceInfoIsReadableOnAPlainLink()
    {
        var link = new BandLink(new FakeBand()) { Security = LinkSecurity.None };
        DeviceInfo info = new HostDownloader(link).ReadDeviceInfo();
        Assert.Equal(ProtocolConstants.VersionMajor, info.ProtocolMajor);
        Assert.Equal(ProtocolConstants.VersionMinor, info.ProtocolMinor);
    }

    [Fact]
    public void StatusIsServedOnlyOnATrustedLink()
    {
        var handler = new CommandHandler(new FakeBand());
        var buffer = new byte[StatusMessage.EncodedBytes];
        Assert.Equal(0, handler.ReadStatus(LinkSecurity.None, buffer));
        Assert.Equal(0, handler.ReadStatus(LinkSecurity.Encrypted, buffer));
        Assert.Equal(0, handler.ReadStatus(LinkSecurity.Bonded, buffer));
        Assert.Equal(StatusMessage.EncodedBytes, handler.ReadStatus(LinkSecurity.Trusted, buffer));
    }

    [Fact]
    public void PairingOutsideTheWindowIsRefused()
    {
        var window = new PairingWindow(durationMs: 60_000);
        Assert.False(window.IsOpen(1_000));
        Assert.False(window.AcceptPairing(1_000));

        window.Open(10_000);
        Assert.True(window.IsOpen(10_000));
        Assert.Equal(60_000, window.RemainingMs(10_000));
        Assert.False(window.AcceptPairing(70_000)); // expired: exactly duration later
        Assert.False(window.IsOpen(69_000)); // a refusal closes it

        window.Open(100_000);
        Assert.True(window.AcceptPairing(159_999));
        Assert.False(window.AcceptPairing(160_000 - 1)); // one bond per press
        Assert.False(window.IsOpen(150_000));
    }

    [Fact]
    public void ClosingTheWindowRefusesPairing()
    {
        var window = new PairingWindow();
        window.Open(0);
        window.Close();
        Assert.False(window.AcceptPairing(1));
        Assert.Equal(0, window.RemainingMs(1));
    }

    [Fact]
    public void ABondMadeOutsideTheWindowLeavesTheLinkUntrustedAndRequestsRefused()
    {
        var window = new PairingWindow();
        var tracker = new LinkSecurityTracker(window);
        var band = new FakeBand();
        var handler = new CommandHandler(band);
        var frame = new byte[20];
        var response = new byte[20];

        tracker.OnConnected();
        Assert.Equal(LinkSecurity.None, tracker.Security);
        Assert.False(tracker.OnEncrypted(5_000, peerWasBonded: false, bondCreated: true)); // adapter deletes the bond
        Assert.Equal(LinkSecurity.Encrypted, tracker.Security);
        int n = RequestBuilder.StartCalibration(frame, 1);
        handler.OnControlWrite(frame, n, tracker.Security, response);
        Assert.Equal((byte)ErrorCode.NotBonded, response[ProtocolConstants.StatusOffset]);
        Assert.Equal(0, band.Calibrations);

        // Long press, pair again: now trusted.
        tracker.OnDisconnected();
        window.Open(20_000);
        tracker.OnConnected();
        Assert.True(tracker.OnEncrypted(25_000, peerWasBonded: false, bondCreated: true));
        Assert.Equal(LinkSecurity.Trusted, tracker.Security);
        handler.OnControlWrite(frame, n, tracker.Security, response);
        Assert.Equal((byte)ErrorCode.None, response[ProtocolConstants.StatusOffset]);
        Assert.Equal(1, band.Calibrations);

        // Reconnecting later with the stored bond needs no window.
        tracker.OnDisconnected();
        tracker.OnConnected();
        Assert.True(tracker.OnEncrypted(10_000_000, peerWasBonded: true, bondCreated: false));
        Assert.Equal(LinkSecurity.Trusted, tracker.Security);

        // Encryption without a bond (bonding disallowed outside the window) is not enough.
        tracker.OnDisconnected();
        tracker.OnConnected();
        Assert.True(tracker.OnEncrypted(10_000_000, peerWasBonded: false, bondCreated: false));
        Assert.Equal(LinkSecurity.Encrypted, tracker.Security);
    }

    /// <summary>A settings message that changes one setting: version 1, cue mode (id 1) = 0 (tracking).</summary>
    internal static readonly byte[] ShortSettings = [1, 1, 0];

    /// <summary>Writes a request of <paramref name="opcode"/> that a trusted link gets accepted; returns its length.</summary>
    internal static int ValidRequest(Opcode opcode, byte[] frame, uint sessionId, FakeBand band)
    {
        const byte Id = 42;
        switch (opcode)
        {
            case Opcode.GetDeviceInfo: return RequestBuilder.GetDeviceInfo(frame, Id);
            case Opcode.SetTime: return RequestBuilder.SetTime(frame, Id, 1_780_000_000);
            case Opcode.GetConfiguration: return RequestBuilder.GetConfiguration(frame, Id, 0);
            case Opcode.WriteConfiguration: return RequestBuilder.WriteConfiguration(frame, Id, 0, [1], 0, 1);
            case Opcode.CommitConfiguration:
                return RequestBuilder.CommitConfiguration(frame, Id, ShortSettings.Length, Crc32.Compute(ShortSettings, 0, ShortSettings.Length));
            case Opcode.ListSessions: return RequestBuilder.ListSessions(frame, Id, 0);
            case Opcode.ReadSession: return RequestBuilder.ReadSession(frame, Id, sessionId, 0);
            case Opcode.AcknowledgeSessions: return RequestBuilder.AcknowledgeSessions(frame, Id, sessionId, band.Sessions[0].Crc);
            case Opcode.EraseSessions: return RequestBuilder.EraseSessions(frame, Id);
            case Opcode.StartCalibration: return RequestBuilder.StartCalibration(frame, Id);
            case Opcode.TestCue: return RequestBuilder.TestCue(frame, Id, 1);
            case Opcode.SetMode: return RequestBuilder.SetMode(frame, Id, CueMode.Tracking);
            case Opcode.FactoryReset: return RequestBuilder.FactoryReset(frame, Id);
            case Opcode.CancelRead: return RequestBuilder.CancelRead(frame, Id);
            default: throw new ArgumentOutOfRangeException(nameof(opcode));
        }
    }
}
