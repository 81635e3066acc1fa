using LumbarBand.Host.Links;
using LumbarBand.Host.Report;
using LumbarBand.Host.Store;
using LumbarBand.Host.Sync;
using LumbarBand.Host.VirtualBand;

namespace LumbarBand.Host.Demo;

/// <summary>
/// <c>lumbarband demo</c>: the whole chain on a PC with nothing attached. A virtual band runs Core's band on the
/// built-in simulated walk, the host connects to it over TCP, downloads the session through the band protocol,
/// stores it, and writes the report. The walk and its date are fixed, so running the demo twice stores the session
/// once (same device, session id and CRC).
/// </summary>
public static class DemoRunner
{
    /// <summary>When the demo's simulated walk "happened" (fixed, so the session's bytes and CRC never change).</summary>
    public static readonly DateTimeOffset WalkStartUtc = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    /// <summary>The report's file name in the data directory.</summary>
    public const string ReportFileName = "report.html";

    /// <summary>Runs the demo with its store in <paramref name="dataDirectory"/>; reports progress through <paramref name="progress"/>.</summary>
    public static async Task<DemoResult> RunAsync(string dataDirectory, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        // Open the store first: an unwritable data directory is reported before anything else runs.
        using SessionStore store = SessionStore.Open(dataDirectory);
        var band = new SimulatedBand([BuiltInReplays.Demo(WalkStartUtc)]);
        await using var server = new VirtualBandServer(band);
        server.Start();
        await server.RunWalkAsync(speed: 0, cancellationToken).ConfigureAwait(false);

        SyncResult sync;
        string description;
        await using (var link = new TcpBandLink(server.Port))
        {
            var client = new BandClient(link);
            await client.OpenAsync(pair: true, cancellationToken).ConfigureAwait(false);
            description = link.Description;
            sync = await BandSync.RunAsync(client, store, new SyncOptions(), progress, cancellationToken).ConfigureAwait(false);
        }

        string report = Path.Combine(store.DataDirectory, ReportFileName);
        HtmlReport.Write(store.Sessions(), report, new ReportOptions { Title = "LumbarBand walks (demo)" });
        return new DemoResult(store.DatabasePath, report, description, sync, store.SessionCount())
        {
            SessionsEndedAtReplayEnd = band.SessionsEndedAtReplayEnd,
            PainMarkersPressed = band.PainMarkersPressed,
        };
    }
}
