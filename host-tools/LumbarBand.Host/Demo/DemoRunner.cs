using LumbarBand.Core.Configuration;
using LumbarBand.Host.Links;
using LumbarBand.Host.Planning;
using LumbarBand.Host.Report;
using LumbarBand.Host.Store;
using LumbarBand.Host.Sync;
using LumbarBand.Host.VirtualBand;

namespace LumbarBand.Host.Demo;

/// <summary>
/// <c>lumbarband demo</c>: the whole chain on a PC with nothing attached. A virtual band runs Core's band on the
/// built-in simulated walk, the host connects to it over TCP, downloads the session through the band protocol,
/// stores it, and writes the report. Then four simulated walks under a walking plan (two stretches of 1:00 with a 0:30
/// rest, over two weeks, one with a pain marker before the plan's time) show the plan in force, its stretches in the
/// report and what <c>plan suggest</c> proposes. Walks and dates are fixed, so running the demo twice stores each
/// session once (same device, session id and CRC).
/// </summary>
public static class DemoRunner
{
    /// <summary>When the demo's simulated walk "happened" (fixed, so the session's bytes and CRC never change).</summary>
    public static readonly DateTimeOffset WalkStartUtc = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    /// <summary>Days after <see cref="WalkStartUtc"/> of the walks under the demo's plan.</summary>
    public static readonly int[] PlannedWalkDays = [2, 5, 9, 12];

    /// <summary>The planned walk (index into <see cref="PlannedWalkDays"/>) with a pain marker before the plan's time, and when (s).</summary>
    public const int PainfulPlannedWalk = 1;

    /// <summary>Seconds into that walk of its (simulated) pain-marker press: about 35 s into its first 60 s stretch.</summary>
    public const double PlannedPainAtSeconds = 40;

    /// <summary>The report's file name in the data directory.</summary>
    public const string ReportFileName = "report.html";

    /// <summary>Runs the demo with its store in <paramref name="dataDirectory"/>; reports progress through <paramref name="progress"/>.</summary>
    public static async Task<DemoResult> RunAsync(string dataDirectory, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        // Open the store first: an unwritable data directory is reported before anything else runs.
        using SessionStore store = SessionStore.Open(dataDirectory);
        var band = new SimulatedBand([BuiltInReplays.Demo(WalkStartUtc), .. PlannedWalks()]);
        await using var server = new VirtualBandServer(band);
        server.Start();
        await server.RunWalkAsync(speed: 0, cancellationToken).ConfigureAwait(false);

        SyncResult sync;
        string description;
        WalkingPlanValues plan;
        await using (var link = new TcpBandLink(server.Port))
        {
            var client = new BandClient(link);
            await client.OpenAsync(pair: true, cancellationToken).ConfigureAwait(false);
            description = link.Description;
            sync = await BandSync.RunAsync(client, store, new SyncOptions(), progress, cancellationToken).ConfigureAwait(false);
            plan = WalkingPlanValues.From(await client.GetSettingsAsync(cancellationToken).ConfigureAwait(false));
        }

        IReadOnlyList<PlannedWalk> planned = PlanHistory.Load(store);
        DateTimeOffset afterLastWalk = WalkStartUtc.AddDays(PlannedWalkDays[^1]).AddHours(1);
        string report = Path.Combine(store.DataDirectory, ReportFileName);
        IReadOnlyList<StoredSession> walks = store.Sessions();
        HtmlReport.Write(walks, report, new ReportOptions { Title = "LumbarBand walks (demo)", PlannedWalks = planned });
        return new DemoResult(store.DatabasePath, report, description, sync, store.SessionCount())
        {
            SessionsEndedAtReplayEnd = band.SessionsEndedAtReplayEnd,
            PainMarkersPressed = band.PainMarkersPressed,
            PlanInForce = plan,
            PlannedWalks = planned,
            Suggestion = PlanAdvisor.Suggest(planned, plan, afterLastWalk),
            Walks = walks,
        };
    }

    /// <summary>The demo's walks under a plan: the built-in simulated planned walk on <see cref="PlannedWalkDays"/>.</summary>
    private static IEnumerable<WalkToReplay> PlannedWalks()
    {
        var settings = new BandSettings();
        settings.Set(SettingId.PlanActive, 1);
        settings.Set(SettingId.PlanWalkSeconds, 60);
        settings.Set(SettingId.PlanRestSeconds, 30);
        settings.Set(SettingId.PlanStretches, 2);
        for (int i = 0; i < PlannedWalkDays.Length; i++)
        {
            yield return BuiltInReplays.PlannedWalk(WalkStartUtc.AddDays(PlannedWalkDays[i]), settings, i == PainfulPlannedWalk ? [PlannedPainAtSeconds] : []);
        }
    }
}
