using LumbarBand.Host.Demo;
using LumbarBand.Host.Sessions;
using LumbarBand.Host.Store;

namespace LumbarBand.Host.Tests;

public sealed class DemoRunnerTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task TheDemoDownloadsStoresAndReportsTheSimulatedWalkAndRunningItTwiceStoresItOnce()
    {
        DemoResult first = await DemoRunner.RunAsync(_temp.Path, null, CancellationToken.None);
        DemoResult second = await DemoRunner.RunAsync(_temp.Path, null, CancellationToken.None);

        Assert.Equal((1, 0), (first.Sync.Imported, first.Sync.AlreadyStored));
        Assert.Equal((0, 1), (second.Sync.Imported, second.Sync.AlreadyStored));
        Assert.Equal(1, second.SessionsInStore);
        Assert.Equal(Path.Combine(_temp.Path, SessionStore.DatabaseFileName), first.DatabasePath);
        Assert.True(File.Exists(first.DatabasePath));
        Assert.Contains("simulated", first.BandDescription, StringComparison.Ordinal);

        string report = File.ReadAllText(second.ReportPath);
        Assert.Contains("simulated", report, StringComparison.Ordinal);
        Assert.Contains("<svg", report, StringComparison.Ordinal);

        using SessionStore store = SessionStore.Open(_temp.Path);
        StoredSession session = Assert.Single(store.Sessions());
        // The band starts the session at its first walking bout's first step, some seconds into the walk.
        Assert.InRange((session.StartUtc!.Value - DemoRunner.WalkStartUtc).TotalSeconds, 0, 15);
        Assert.Equal(CoreSessionDecoder.DecoderName, session.Decoder);
        Assert.Equal(1, first.SessionsEndedAtReplayEnd);
        Assert.Equal(1, first.PainMarkersPressed);
        Assert.Equal(1, session.Decoded!.Totals.PainMarkers);
        Assert.True(session.Decoded.Totals.Cues > 0, "the demo's 20 s of 30° flexion is cued");
        Assert.Contains(session.Decoded.Epochs, e => e.FlexionMaxDegrees > 20);
        Assert.Contains(session.Decoded.Epochs, e => e.SwayMeanDegrees > 0);
        Assert.Contains("simulated pain-marker press", session.Source, StringComparison.Ordinal);
        Assert.InRange(session.Decoded.Totals.MeanCadenceSpm!.Value, 100, 110);
        Assert.InRange(session.Decoded.Totals.WalkingMinutes, 1.8, 2.5);
    }

    [Fact]
    public async Task AnUnwritableDataDirectoryStopsTheDemoWithAClearMessage()
    {
        string file = _temp.File("not-a-folder");
        await File.WriteAllTextAsync(file, "x");

        StoreUnavailableException e = await Assert.ThrowsAsync<StoreUnavailableException>(() => DemoRunner.RunAsync(Path.Combine(file, "data"), null, CancellationToken.None));
        Assert.Contains("--data-dir", e.Message, StringComparison.Ordinal);
    }
}
