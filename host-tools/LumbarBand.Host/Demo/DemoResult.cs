using LumbarBand.Host.Store;
using LumbarBand.Host.Sync;

namespace LumbarBand.Host.Demo;

/// <summary>What the demo did, and where its results are.</summary>
/// <param name="DatabasePath">The SQLite database.</param>
/// <param name="ReportPath">The HTML report.</param>
/// <param name="BandDescription">The virtual band, and what it replayed (the label says "simulated").</param>
/// <param name="Sync">The download's result (imported now, or already stored by an earlier run).</param>
/// <param name="SessionsInStore">Sessions the store holds afterwards.</param>
public sealed record DemoResult(string DatabasePath, string ReportPath, string BandDescription, SyncResult Sync, int SessionsInStore)
{
    /// <summary>
    /// Sessions the band still had open when the walk's samples ran out (its idle time had not passed), ended there as
    /// the band's button gesture would.
    /// </summary>
    public int SessionsEndedAtReplayEnd { get; init; }

    /// <summary>Simulated pain-marker presses during the replay.</summary>
    public int PainMarkersPressed { get; init; }

    /// <summary>The walking plan in force on the band after the walks (read over the band protocol).</summary>
    public Planning.WalkingPlanValues? PlanInForce { get; init; }

    /// <summary>The stored walks under a plan, with their stretches.</summary>
    public IReadOnlyList<Planning.PlannedWalk> PlannedWalks { get; init; } = [];

    /// <summary>What <c>plan suggest</c> proposes from them (not set on the band).</summary>
    public Planning.PlanSuggestion? Suggestion { get; init; }

    /// <summary>Every stored (simulated) walk, oldest first, with its speed, stride length and rhythm as the band measured them.</summary>
    public IReadOnlyList<StoredSession> Walks { get; init; } = [];
}
