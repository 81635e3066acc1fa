using LumbarBand.Core.Configuration;
using LumbarBand.Core.Protocol;
using LumbarBand.Core.Runtime;
using LumbarBand.Core.Session;
using LumbarBand.Core.Storage;

namespace LumbarBand.Core.Tests.Session;

/// <summary>
/// The firmware's split in a test, run in turn on one thread: Core's <see cref="BandPort"/> (the control thread's
/// side: log, writer, catalog, settings) and the band owner's <see cref="BandCommandReceiver"/> (the sampling thread's
/// side), joined only by a <see cref="BandCommandChannel"/> and the recorder's outbox.
/// </summary>
public sealed class PortAndOwner
{
    /// <summary>Wires <paramref name="band"/> and <paramref name="recorder"/> to a port over <paramref name="log"/>.</summary>
    public PortAndOwner(Band band, SessionRecorder recorder, RecordLog log, BandSettings settings, FakePortHost host)
    {
        Host = host;
        Port = new BandPort(Channel, recorder.Outbox, log, settings, host);
        Receiver = new BandCommandReceiver(band, recorder, Channel, Port.Identity);
        RunOwner();
    }

    /// <summary>What crosses between the two sides.</summary>
    public BandCommandChannel Channel { get; } = new();

    /// <summary>The control side.</summary>
    public BandPort Port { get; }

    /// <summary>The band owner's side.</summary>
    public BandCommandReceiver Receiver { get; }

    /// <summary>The firmware stand-in (its clock stamps the owner's drains).</summary>
    public FakePortHost Host { get; }

    /// <summary>One drain of the band's owner at the host's uptime (the sampling thread's, every 40 ms on the band).</summary>
    public void RunOwner() => Receiver.Drain(Host.UptimeUs);

    /// <summary>Lets the owner apply a request the port sent it, and returns the answer; other results pass through.</summary>
    public ErrorCode Settle(ErrorCode result)
    {
        if (result != ErrorCode.Pending)
        {
            return result;
        }

        Assert.False(Port.TryTakeAnswer(out _), "answered before the band's owner drained its queue");
        RunOwner();
        Assert.True(Port.TryTakeAnswer(out ErrorCode answer), "the band's owner did not answer");
        return answer;
    }

    /// <summary>A protocol link to the port whose pending requests the owner completes at once.</summary>
    public PortLink Link(int mtu = ProtocolConstants.DefaultAttMtu) => new(Port, mtu, RunOwner);
}
