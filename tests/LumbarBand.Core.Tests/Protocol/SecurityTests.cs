using LumbarBand.Core.Storage;
using LumbarBand.Core.Cueing;
using LumbarBand.Core.Protocol;

namespace LumbarBand.Core.Tests.Protocol;

/// <summary>
/// Data, configuration and control need an encrypted link whose host proved its key; only device info and the link
/// requests are open. How a host becomes trusted, and the attacks refused, are in <see cref="LinkTrustTests"/>.
/// </summary>
public sealed class SecurityTests
{
    /// <summary>A valid request of every opcode that needs a trusted link.</summary>
    public static TheoryData<int> ProtectedOpcodes()
    {
        var data = new TheoryData<int>();
        for (int op = 2; op <= (int)MessageLayout.LastOpcode; op++)
        {
            if (MessageLayout.RequiresTrustedLink((Opcode)op))
            {
                data.Add(op);
            }
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
            (LinkSecurity.Proven, ErrorCode.NotEncrypted),
            (LinkSecurity.Encrypted, ErrorCode.NotTrusted),
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
        Assert.NotEqual(ErrorCode.NotTrusted, status);
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
        Assert.Equal(0, handler.ReadStatus(LinkSecurity.Proven, buffer));
        Assert.Equal(StatusMessage.EncodedBytes, handler.ReadStatus(LinkSecurity.Trusted, buffer));
    }

    [Fact]
    public void PairingWindowOpensForItsDurationAndCloses()
    {
        var window = new PairingWindow(durationMs: 60_000);
        Assert.False(window.IsOpen(1_000));
        window.Open(10_000);
        Assert.True(window.IsOpen(10_000));
        Assert.Equal(60_000, window.RemainingMs(10_000));
        Assert.False(window.IsOpen(70_000)); // exactly the duration later
        window.Open(100_000);
        window.Close();
        Assert.False(window.IsOpen(100_001));
        Assert.Equal(0, window.RemainingMs(100_001));
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
            case Opcode.Enroll: return RequestBuilder.Enroll(frame, Id, ulong.MaxValue);
            case Opcode.Challenge: return RequestBuilder.Challenge(frame, Id);
            case Opcode.Prove: return RequestBuilder.Prove(frame, Id, ulong.MaxValue, ulong.MaxValue);
            default: throw new ArgumentOutOfRangeException(nameof(opcode));
        }
    }
}
