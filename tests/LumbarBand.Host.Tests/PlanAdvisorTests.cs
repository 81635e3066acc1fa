using LumbarBand.Core.Configuration;
using LumbarBand.Core.Protocol;
using LumbarBand.Host.Planning;
using LumbarBand.Host.Store;
using LumbarBand.Host.VirtualBand;

namespace LumbarBand.Host.Tests;

/// <summary>
/// <c>plan suggest</c>'s rule over a stored history made by the real band (Core's band, pacer and sessions on
/// simulated hardware) replaying the built-in simulated walk under a plan: pain-free walks, a pain marker before the
/// plan's time, and a gap of two weeks, each with the exact plan proposed.
/// </summary>
public sealed class PlanAdvisorTests : IDisposable
{
    private const string Device = "PLAN0015";
    private static readonly DateTimeOffset Monday = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    /// <summary>(day, walking seconds of the plan in force, pain press seconds into the walk or null).</summary>
    private static readonly (int Day, int WalkS, double? PainAtS)[] Walks =
    [
        (0, 60, null), (3, 60, null), (7, 60, null), (8, 66, 30), (10, 60, null), (25, 60, null), (27, 60, null),
    ];

    private static readonly Lazy<IReadOnlyList<(SessionInfo Entry, byte[] Bytes)>> Recorded = new(() =>
    {
        var band = new SimulatedBand([.. Walks.Select(w => BuiltInReplays.PlannedWalk(Monday.AddDays(w.Day), Plan(w.WalkS), w.PainAtS is double p ? [p] : []))]);
        band.RunToEnd();
        return [.. band.ListSessions().Select(s => (s, band.ReadSessionBytes(s.Id)))];
    });

    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void TheStoredHistoryHoldsEachWalksPlanStretchesAndPain()
    {
        List<PlannedWalk> history = History();

        Assert.Equal(Walks.Length, history.Count);
        Assert.Equal(Walks.Select(w => w.WalkS), history.Select(w => w.Plan.WalkSeconds));
        Assert.All(history, w => Assert.Equal(2, w.Stretches.Count));
        Assert.All(history, w => Assert.All(w.Stretches, s => Assert.InRange(s.CadenceSpm!.Value, 100, 110)));
        Assert.Equal(Walks.Select(w => w.PainAtS is null), history.Select(w => w.CompletedAtPlanWithoutPain));
        PlannedWalk painful = history[3];
        Assert.True(painful.PainBeforePlan);
        Assert.True(painful.Stretches[0].PainBeforePlan);
        Assert.InRange(painful.WalkingSecondsBeforePain!.Value, 20, 30);
    }

    [Theory]
    [InlineData(3, 60, 60)] // two pain-free walks, but 60 s walked only 3 days: one step a week
    [InlineData(7, 60, 66)] // two consecutive pain-free walks at 60 s, walked for 7 days: +10%
    [InlineData(8, 66, 60)] // pain before the plan's time at 66 s: back to the last pain-free level
    [InlineData(10, 60, 60)] // the latest two are not both pain-free: hold
    [InlineData(25, 60, 60)] // 15 days between the latest two walks: not consecutive, hold
    [InlineData(27, 60, 66)] // two consecutive pain-free walks after the gap, 60 s since day 10: +10%
    [InlineData(45, 60, 60)] // 18 days since the latest walk: hold
    public void SuggestProposesExactlyThisPlanOnThisDay(int day, int currentWalkS, int proposedWalkS)
    {
        DateTimeOffset now = Monday.AddDays(day).AddHours(2);
        List<PlannedWalk> seen = [.. History().Where(w => w.StartUtc <= now)];
        WalkingPlanValues current = WalkingPlanValues.From(Plan(currentWalkS));

        PlanSuggestion suggestion = PlanAdvisor.Suggest(seen, current, now);

        Assert.Equal(current with { WalkSeconds = proposedWalkS }, suggestion.Proposed);
        Assert.Equal(proposedWalkS != currentWalkS, suggestion.Changes);
        Assert.NotEmpty(suggestion.Reasons);
    }

    [Fact]
    public void WithNoActivePlanSuggestHoldsAndSaysSo()
    {
        PlanSuggestion suggestion = PlanAdvisor.Suggest(History(), WalkingPlanValues.From(new BandSettings()), Monday.AddDays(28));

        Assert.False(suggestion.Changes);
        Assert.Contains("no plan is active", suggestion.Reasons[0], StringComparison.Ordinal);
    }

    private List<PlannedWalk> History()
    {
        using SessionStore store = SessionStore.Open(_data.Path);
        store.UpsertDevice(Device, new DeviceInfo { SerialNumber = 0x15, ProtocolMajor = 1, FirmwareMinor = 1, HardwareRevision = 0 });
        foreach ((SessionInfo entry, byte[] bytes) in Recorded.Value)
        {
            store.Import(Device, entry, bytes, "test: the real band on the built-in simulated walk under a plan");
        }

        return [.. PlanHistory.Load(store, Device)];
    }

    private static BandSettings Plan(int walkS)
    {
        var settings = new BandSettings();
        Assert.True(settings.Set(SettingId.PlanActive, 1).IsOk);
        Assert.True(settings.Set(SettingId.PlanWalkSeconds, walkS).IsOk);
        Assert.True(settings.Set(SettingId.PlanRestSeconds, 30).IsOk);
        Assert.True(settings.Set(SettingId.PlanStretches, 2).IsOk);
        return settings;
    }
}
