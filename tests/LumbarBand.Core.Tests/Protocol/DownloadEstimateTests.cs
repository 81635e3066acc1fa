using LumbarBand.Core.Protocol;
using Xunit.Abstractions;

namespace LumbarBand.Core.Tests.Protocol;

/// <summary>
/// The bench figures: payload efficiency at MTU 23 is at least 80 %, and the estimate counts exactly the bytes a
/// real conversation through the handler puts on the link.
/// </summary>
public sealed class DownloadEstimateTests(ITestOutputHelper output)
{
    /// <summary>Placeholder for one walking hour's session, in bytes.</summary>
    private const int WalkingHourBytes = 2048;

    [Fact]
    public void PayloadEfficiencyAtMtu23IsAtLeastEightyPercent()
    {
        var estimate = new DownloadEstimate();
        estimate.Compute(WalkingHourBytes, 23);
        double efficiency = (double)estimate.SessionBytes / estimate.AttPayloadBytes;
        output.WriteLine($"ble_payload_efficiency_mtu23 = {efficiency:F4} ({estimate.AttPayloadBytes} ATT bytes, {estimate.Chunks} chunks)");
        Assert.True(efficiency >= 0.80, $"efficiency {efficiency:P1}");
        Assert.Equal((int)(efficiency * 1_000_000), estimate.EfficiencyPpm, tolerance: 1);
    }

    [Theory]
    [InlineData(23)]
    [InlineData(185)]
    [InlineData(247)]
    public void EstimateCountsExactlyTheBytesOfARealDownload(int mtu)
    {
        var band = new FakeBand();
        band.AddSession(DownloadResumeTests.SessionBytes(WalkingHourBytes, seed: 9));
        var link = new BandLink(band, mtu);
        var host = new HostDownloader(link);

        host.ReadDeviceInfo();
        SessionInfo info = Assert.Single(host.ListSessions());
        var session = new byte[info.Length];
        var receiver = new DownloadReceiver();
        host.StartRead(info.Id, receiver, resume: false);
        Assert.Equal(ChunkResult.Complete, host.Pump(receiver, session));
        Assert.Equal(ErrorCode.None, host.Acknowledge(info));

        var estimate = new DownloadEstimate();
        estimate.Compute(WalkingHourBytes, mtu);
        Assert.Equal(estimate.AttPayloadBytes, link.AttPayloadBytes);
        Assert.Equal(estimate.Chunks, link.Notifications);
        Assert.Equal(DownloadEstimate.ControlExchanges, link.Exchanges);
        output.WriteLine($"MTU {mtu}: {link.AttPayloadBytes} ATT bytes for {WalkingHourBytes} session bytes "
            + $"({(double)WalkingHourBytes / link.AttPayloadBytes:P2}), {link.Notifications} chunks, {estimate.DurationMs / 1000.0:F2} s");
    }

    [Fact]
    public void DownloadTimesFollowTheStatedModel()
    {
        var at23 = new DownloadEstimate();
        at23.Compute(WalkingHourBytes, 23);
        var at185 = new DownloadEstimate();
        at185.Compute(WalkingHourBytes, 185);

        // MTU 23: 114 chunks of 18 bytes -> 29 intervals, + 5 exchanges x 2 intervals = 39 x 30 ms.
        Assert.Equal(114, at23.Chunks);
        Assert.Equal(1170, at23.DurationMs);

        // MTU 185: 12 chunks of 180 bytes -> 3 intervals, + 10 = 13 x 30 ms.
        Assert.Equal(12, at185.Chunks);
        Assert.Equal(390, at185.DurationMs);
        Assert.Equal(91, DownloadEstimate.ControlPayloadBytes);
        output.WriteLine($"seconds per walking hour: MTU 23 {at23.DurationMs / 1000.0:F2} s, MTU 185 {at185.DurationMs / 1000.0:F2} s");
    }
}
