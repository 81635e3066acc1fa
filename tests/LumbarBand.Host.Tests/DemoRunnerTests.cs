using LumbarBand.Host.Demo;
using LumbarBand.Host.Planning;
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

        int walks = 1 + DemoRunner.PlannedWalkDays.Length;
        Assert.Equal((walks, 0), (first.Sync.Imported, first.Sync.AlreadyStored));
        Assert.Equal((0, walks), (second.Sync.Imported, second.Sync.AlreadyStored));
        Assert.Equal(walks, second.SessionsInStore);
        Assert.Equal(Path.Combine(_temp.Path, SessionStore.DatabaseFileName), first.DatabasePath);
        Assert.True(File.Exists(first.DatabasePath));
        Assert.Contains("simulated", first.BandDescription, StringComparison.Ordinal);

        string report = File.ReadAllText(second.ReportPath);
        Assert.Contains("simulated", report, StringComparison.Ordinal);
        Assert.Contains("<svg", report, StringComparison.Ordinal);

        using SessionStore store = SessionStore.Open(_temp.Path);
        Assert.Equal(walks, store.Sessions().Count);
        StoredSession session = store.Sessions()[0];
        // The band starts the session at its first walking bout's first step, some seconds into the walk.
        Assert.InRange((session.StartUtc!.Value - DemoRunner.WalkStartUtc).TotalSeconds, 0, 15);
        Assert.Equal(CoreSessionDecoder.DecoderName, session.Decoder);
        Assert.Equal(walks, first.SessionsEndedAtReplayEnd);
        Assert.Equal(2, first.PainMarkersPressed);
        Assert.Equal(1, session.Decoded!.Totals.PainMarkers);
        Assert.True(session.Decoded.Totals.Cues > 0, "the demo's 20 s of 30° flexion is cued");
        Assert.Contains(session.Decoded.Epochs, e => e.FlexionMaxDegrees > 20);
        Assert.Contains(session.Decoded.Epochs, e => e.SwayMediolateralMeanDegrees > 0 && e.SwayAnteroposteriorMeanDegrees > 0 && e.SwayRotationMeanDegrees > 0);
        Assert.Contains("simulated pain-marker press", session.Source, StringComparison.Ordinal);
        Assert.InRange(session.Decoded.Totals.MeanCadenceSpm!.Value, 100, 110);
        Assert.InRange(session.Decoded.Totals.WalkingMinutes, 1.8, 2.5);
    }

    [Fact]
    public async Task TheDemoShowsAPlanInForceItsStretchesInTheReportAndASuggestion()
    {
        DemoResult result = await DemoRunner.RunAsync(_temp.Path, null, CancellationToken.None);

        Assert.Equal(new WalkingPlanValues(true, 60, 30, 2, true), result.PlanInForce);
        Assert.Equal(DemoRunner.PlannedWalkDays.Length, result.PlannedWalks.Count);
        Assert.All(result.PlannedWalks, w => Assert.Equal(2, w.Stretches.Count));
        Assert.All(result.PlannedWalks.SelectMany(w => w.Stretches), s => Assert.True(s.ReachedPlan && s.RestComplete));
        Assert.Equal([false, true, false, false], result.PlannedWalks.Select(w => w.PainBeforePlan));

        // Two pain-free walks at 1:00 after the painful one, the level walked for 10 days: +10%.
        Assert.Equal(result.PlanInForce! with { WalkSeconds = 66 }, result.Suggestion!.Proposed);

        string report = File.ReadAllText(result.ReportPath);
        Assert.Contains("Walking plan: progression over weeks", report, StringComparison.Ordinal);
        Assert.Contains("<td>before the plan's time</td>", report, StringComparison.Ordinal);
        // The plan's walks are in the report's local time, like the rest of it (the zone is named once at the top).
        Assert.DoesNotContain(" UTC</td>", report, StringComparison.Ordinal);
        Assert.Contains("Planned and walked minutes per stretch", report, StringComparison.Ordinal);
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
