using LumbarBand.Core.Configuration;
using LumbarBand.Core.Protocol;
using LumbarBand.Core.Session;
using LumbarBand.Core.Storage;
using LumbarBand.Core.Tests.Session;

namespace LumbarBand.Core.Tests.Protocol;

/// <summary>
/// Core's <see cref="LinkController"/>, the link decisions the firmware's GATT adapter and the virtual band both
/// drive: what leaves the band in which order, a refused chunk retried (the last one too) but never after a newer
/// response, status every period only while subscribed and trusted, the factory reset's completion and delayed reboot,
/// bonding only while the pairing window is open, and the trusted hosts saved after an enrollment.
/// </summary>
public sealed class LinkControllerTests
{
    private const int StatusMs = 3000;
    private const ulong Phone = 0x1234_5678_9ABC_DEF0;

    [Fact]
    public void AResponseLeavesBeforeItsChunksAndARefusedChunkIsOfferedAgainAfterTheRetryTimeTheLastOneToo()
    {
        var rig = new Rig();
        uint id = rig.Port.AddSession(Enumerable.Range(0, 50).Select(i => (byte)i).ToArray());
        rig.Controller.OnDataSubscribed(true);

        rig.Write(RequestBuilder.ReadSession(rig.Frame, 5, id, 0));
        Assert.Equal(LinkAction.NotifyControl, rig.Controller.Next(100));
        Assert.Equal(ErrorCode.None, (ErrorCode)rig.Controller.Payload[ProtocolConstants.StatusOffset]);
        rig.Controller.OnNotified(true, 100);

        // 20-byte payloads: 18 data bytes a chunk, three chunks; the stack refuses each once.
        var received = new List<byte>();
        long now = 100;
        for (int chunk = 0; chunk < 3; chunk++)
        {
            Assert.Equal(LinkAction.NotifyData, rig.Controller.Next(now));
            byte[] first = rig.Controller.Payload[..rig.Controller.PayloadLength];
            rig.Controller.OnNotified(false, now);
            Assert.Equal(LinkAction.None, rig.Controller.Next(now + LinkController.NotifyRetryMs - 1));
            now += LinkController.NotifyRetryMs;
            Assert.Equal(LinkAction.NotifyData, rig.Controller.Next(now));
            Assert.Equal(first, rig.Controller.Payload[..rig.Controller.PayloadLength]);
            Assert.Equal(chunk, LittleEndian.ReadUInt16(rig.Controller.Payload, ProtocolConstants.ChunkSequenceOffset));
            received.AddRange(rig.Controller.Payload[ProtocolConstants.ChunkHeaderBytes..rig.Controller.PayloadLength]);
            rig.Controller.OnNotified(true, now);
        }

        Assert.Equal(LinkAction.None, rig.Controller.Next(now + 1));
        Assert.Equal(rig.Port.Sessions[0].Bytes, received);
    }

    [Fact]
    public void AChunkOfAnOldDownloadNeverFollowsTheResponseToANewRequest()
    {
        var rig = new Rig();
        uint first = rig.Port.AddSession(new byte[100]);
        uint second = rig.Port.AddSession(Enumerable.Repeat((byte)7, 30).ToArray());
        rig.Controller.OnDataSubscribed(true);
        rig.Write(RequestBuilder.ReadSession(rig.Frame, 1, first, 0));
        rig.Send(LinkAction.NotifyControl, 0);
        Assert.Equal(LinkAction.NotifyData, rig.Controller.Next(0));
        rig.Controller.OnNotified(false, 0); // waits for a retry

        rig.Write(RequestBuilder.ReadSession(rig.Frame, 2, second, 0));
        Assert.Equal(LinkAction.NotifyControl, rig.Controller.Next(50));
        Assert.Equal(2, rig.Controller.Payload[ProtocolConstants.RequestIdOffset]);
        rig.Controller.OnNotified(true, 50);
        Assert.Equal(LinkAction.NotifyData, rig.Controller.Next(50));
        Assert.Equal(0, LittleEndian.ReadUInt16(rig.Controller.Payload, ProtocolConstants.ChunkSequenceOffset));
        Assert.Equal(7, rig.Controller.Payload[ProtocolConstants.ChunkHeaderBytes]);
    }

    [Fact]
    public void StatusIsNotifiedEveryPeriodOnlyWhileSubscribedAndTrusted()
    {
        var rig = new Rig(trusted: false);
        rig.Controller.OnStatusSubscribed(true);
        Assert.Equal(LinkAction.None, rig.Controller.Next(StatusMs + 10)); // untrusted: the handler gives no status

        rig = new Rig();
        Assert.Equal(LinkAction.None, rig.Controller.Next(StatusMs + 10)); // not subscribed
        rig.Controller.OnStatusSubscribed(true);
        Assert.Equal(LinkAction.NotifyStatus, rig.Controller.Next(StatusMs + 20));
        Assert.Equal(StatusMessage.EncodedBytes, rig.Controller.PayloadLength);
        rig.Controller.OnNotified(true, StatusMs + 20);
        Assert.Equal(LinkAction.None, rig.Controller.Next((2 * StatusMs) + 19));
        Assert.Equal(LinkAction.NotifyStatus, rig.Controller.Next((2 * StatusMs) + 20));
        rig.Controller.OnNotified(true, (2 * StatusMs) + 20);

        rig.Controller.OnDisconnected();
        Assert.Equal(LinkAction.None, rig.Controller.Next(10 * StatusMs));
    }

    [Fact]
    public void AFactoryResetCompletesAfterItsResponseLeftAndRebootsTwoSecondsLater()
    {
        var rig = new Rig();
        rig.Write(RequestBuilder.FactoryReset(rig.Frame, 3));
        Assert.Equal(LinkAction.NotifyControl, rig.Controller.Next(1000));
        rig.Controller.OnNotified(true, 1000);
        Assert.Equal(LinkAction.CompleteFactoryReset, rig.Controller.Next(1000));
        Assert.Equal(LinkAction.None, rig.Controller.Next(1000 + LinkController.FactoryResetRebootDelayMs - 1));
        Assert.Equal(LinkAction.Reboot, rig.Controller.Next(1000 + LinkController.FactoryResetRebootDelayMs));
        Assert.Equal(LinkAction.None, rig.Controller.Next(100_000));

        // A refused reset (wrong key) is only answered.
        var other = new Rig();
        int length = RequestBuilder.FactoryReset(other.Frame, 4);
        other.Frame[MessageLayout.ParameterOffset] ^= 1;
        other.Write(length);
        other.Send(LinkAction.NotifyControl, 0);
        Assert.Equal(LinkAction.None, other.Controller.Next(100_000));
    }

    [Fact]
    public void BondingIsAllowedOnlyWhileTheWindowIsOpenAndBondsMadeOutsideItAreDeleted()
    {
        var rig = new Rig(trusted: false);
        Assert.Equal(LinkAction.None, rig.Controller.Next(0));
        rig.Window.Open(1000);
        Assert.Equal(LinkAction.SetBonding, rig.Controller.Next(1000));
        Assert.True(rig.Controller.BondingAllowed);
        Assert.Equal(LinkAction.None, rig.Controller.Next(1001));
        Assert.Equal(LinkAction.SetBonding, rig.Controller.Next(1000 + rig.Window.DurationMs));
        Assert.False(rig.Controller.BondingAllowed);

        Assert.False(rig.Controller.OnEncrypted(200_000));
        Assert.Equal(LinkAction.DeleteNewBonds, rig.Controller.Next(200_000));
        Assert.Equal(LinkAction.None, rig.Controller.Next(200_001));
    }

    [Fact]
    public void AnEnrollmentIsSavedAndAFailedSaveIsTriedAgain()
    {
        var rig = new Rig(trusted: false);
        rig.Window.Open(0);
        Assert.Equal(LinkAction.SetBonding, rig.Controller.Next(0));
        Assert.True(rig.Controller.OnEncrypted(5));
        rig.Write(RequestBuilder.Enroll(rig.Frame, 1, Phone));
        rig.Send(LinkAction.NotifyControl, 5);
        Assert.Equal(LinkAction.SetBonding, rig.Controller.Next(6)); // one host per opening: the window closed
        Assert.Equal(LinkAction.SaveTrustedHosts, rig.Controller.Next(6));
        Assert.Equal(LinkAction.None, rig.Controller.Next(7)); // not asked twice while saving
        rig.Controller.OnTrustedHostsSaved(false);
        Assert.Equal(LinkAction.SaveTrustedHosts, rig.Controller.Next(8));
        rig.Controller.OnTrustedHostsSaved(true);
        Assert.Equal(LinkAction.None, rig.Controller.Next(9));
    }

    [Fact]
    public void ARequestForTheBandsOwnerIsHeldUntilTheOwnerAnswersAndLaterWritesWait()
    {
        var band = new Band();
        var host = new FakePortHost();
        var wiring = new PortAndOwner(band, band.Sessions, new RecordLog(new MemoryRecordStorage(8, 4096)), new BandSettings(), host);
        var rig = new Rig(wiring.Port);

        rig.Write(RequestBuilder.SetTime(rig.Frame, 9, 1_750_000_000));
        Assert.False(rig.Controller.ReadyForWrite);
        Assert.Equal(LinkAction.None, rig.Controller.Next(0));
        Assert.False(band.Sessions.Clock.IsSet);

        wiring.RunOwner();
        Assert.Equal(LinkAction.NotifyControl, rig.Controller.Next(20));
        Assert.Equal(9, rig.Controller.Payload[ProtocolConstants.RequestIdOffset]);
        Assert.Equal(ErrorCode.None, (ErrorCode)rig.Controller.Payload[ProtocolConstants.StatusOffset]);
        Assert.False(rig.Controller.ReadyForWrite); // until the response has left
        rig.Controller.OnNotified(true, 20);
        Assert.True(rig.Controller.ReadyForWrite);
        Assert.True(band.Sessions.Clock.IsSet);
    }

    [Fact]
    public void EventsFromTheStacksThreadReachTheControllerInOrderAndAWriteWaitsUntilTheBandAnswered()
    {
        var band = new Band();
        var wiring = new PortAndOwner(band, band.Sessions, new RecordLog(new MemoryRecordStorage(8, 4096)), new BandSettings(), new FakePortHost());
        var rig = new Rig(wiring.Port);
        var queue = new LinkEventQueue(4);
        var frame = new byte[ProtocolConstants.MaxPayloadBytes];

        Assert.True(queue.Post(LinkEventKind.StatusSubscribed, 1));
        Assert.True(queue.Post(LinkEventKind.ControlWrite, 0, frame, RequestBuilder.SetTime(frame, 1, 1_750_000_000)));
        Assert.True(queue.Post(LinkEventKind.ControlWrite, 0, frame, RequestBuilder.GetDeviceInfo(frame, 2)));
        Assert.True(queue.Post(LinkEventKind.MtuChanged, 185));
        Assert.False(queue.Post(LinkEventKind.DataSubscribed, 1)); // full: refused, nothing overwritten

        Assert.Equal(2, queue.Deliver(rig.Controller, 10));
        Assert.Equal(LinkAction.None, rig.Controller.Next(10));
        Assert.Equal(0, queue.Deliver(rig.Controller, 20)); // the band's owner has not answered SetTime yet

        wiring.RunOwner();
        Assert.Equal(0, queue.Deliver(rig.Controller, 30)); // its response has not left yet
        Assert.Equal(LinkAction.NotifyControl, rig.Controller.Next(30));
        Assert.Equal(1, rig.Controller.Payload[ProtocolConstants.RequestIdOffset]);
        rig.Controller.OnNotified(true, 30);

        Assert.Equal(2, queue.Deliver(rig.Controller, 40));
        Assert.Equal(LinkAction.NotifyControl, rig.Controller.Next(40));
        Assert.Equal((byte)Opcode.GetDeviceInfo, rig.Controller.Payload[ProtocolConstants.OpcodeOffset]);
        Assert.Equal(2, rig.Controller.Payload[ProtocolConstants.RequestIdOffset]);
        Assert.Equal(ProtocolConstants.PayloadForMtu(185), rig.Controller.Handler.MaxPayload);
        Assert.Equal(0, queue.Count);
    }

    /// <summary>A connected link: handler, trust, window, controller over a port (a <see cref="FakeBand"/> by default).</summary>
    private sealed class Rig
    {
        public Rig(IBandPort? port = null, bool trusted = true)
        {
            var hosts = new TrustedHosts();
            hosts.Reset(new byte[SipHash24.KeyBytes], 0);
            Port = port as FakeBand ?? new FakeBand();
            Window = new PairingWindow(ProtocolConstants.PairingWindowMs);
            Controller = new LinkController(new CommandHandler(port ?? Port, new LinkTrust(Window, hosts, 5)), Window, StatusMs);
            Controller.OnConnected(0);
            if (trusted)
            {
                Window.Open(0);
                Assert.True(Controller.OnEncrypted(0));
                Write(RequestBuilder.Enroll(Frame, 200, Phone));
                Send(LinkAction.NotifyControl, 0);
                while (Controller.Next(0) != LinkAction.None)
                {
                    Controller.OnTrustedHostsSaved(true);
                }
            }
        }

        public byte[] Frame { get; } = new byte[ProtocolConstants.MaxPayloadBytes];

        public FakeBand Port { get; }

        public PairingWindow Window { get; }

        public LinkController Controller { get; }

        public void Write(int length)
        {
            Assert.True(Controller.ReadyForWrite);
            Controller.OnControlWrite(Frame, length);
        }

        public void Send(LinkAction expected, long nowMs)
        {
            Assert.Equal(expected, Controller.Next(nowMs));
            Controller.OnNotified(true, nowMs);
        }
    }
}
