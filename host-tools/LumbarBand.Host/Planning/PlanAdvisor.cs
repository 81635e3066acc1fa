using System.Globalization;
using LumbarBand.Core.Configuration;

namespace LumbarBand.Host.Planning;

/// <summary>
/// Proposes the next walking plan from the stored walks (<c>lumbarband plan suggest</c>): graded activity's
/// time-contingent progression, with one written rule a therapist can check by hand.
/// </summary>
/// <remarks>
/// <para>The rule, applied to the walks made under an active plan with a known date, latest last:</para>
/// <list type="number">
/// <item>No such walk, or no active plan on the band: hold.</item>
/// <item>The latest walk is <see cref="GapDays"/> days or more before now: hold — after a break the plan is walked
/// twice again before it grows.</item>
/// <item>The latest walk had a pain marker before a stretch's planned walking time: back to the last pain-free level
/// — the walking time of the latest earlier walk completed at plan without pain, at or below the painful walk's — or,
/// without one, <see cref="StepBackPercent"/>% of the painful walk's time. Stepping back is never delayed.</item>
/// <item>The latest two walks were both completed at the plan in force without any pain marker, fewer than
/// <see cref="GapDays"/> days apart, and the first walk at this walking time is at least <see cref="StepDays"/> days
/// before the latest: walking time +<see cref="StepPercent"/>% (rounded to the second, at least one second, at most
/// the setting's maximum). Rest and stretches stay.</item>
/// <item>Otherwise: hold, saying which condition is missing.</item>
/// </list>
/// <para>Why: graded activity sets quotas in advance and raises them by a fixed increment while they are met, so
/// activity is ended by the plan and not by pain (Fordyce 1976, Behavioral Methods for Chronic Pain and Illness;
/// Lindström et al. 1992, Phys Ther 72:279–290; Macedo et al. 2010, Phys Ther 90:860–879); activity pacing's quota
/// steps back to a tolerated level after a flare rather than stopping (Nielson et al. 2013, Clin J Pain 29:461–468).
/// The numbers — +10%, two walks, a week, two weeks, 80% — are the clinical choices, not fitted to data, and
/// are named constants here so a therapist can see and question them.</para>
/// </remarks>
public static class PlanAdvisor
{
    /// <summary>Increase of the walking time per step, percent.</summary>
    public const int StepPercent = 10;

    /// <summary>Consecutive walks completed at plan without pain that earn a step.</summary>
    public const int WalksPerStep = 2;

    /// <summary>Least days a walking time is walked before the next step (never more than one step a week).</summary>
    public const int StepDays = 7;

    /// <summary>Days without a walk that break the run of consecutive walks.</summary>
    public const int GapDays = 14;

    /// <summary>After pain before the plan's time with no pain-free level to return to: this percent of the walking time.</summary>
    public const int StepBackPercent = 80;

    /// <summary>Proposes the next plan from <paramref name="history"/> (any order) for the band's <paramref name="current"/> plan at <paramref name="now"/>.</summary>
    public static PlanSuggestion Suggest(IReadOnlyList<PlannedWalk> history, WalkingPlanValues current, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(current);
        var reasons = new List<string>();
        if (!current.Active)
        {
            reasons.Add("no plan is active on the band: set one first (`lumbarband plan set --active 1 …`)");
            return new PlanSuggestion(current, current, reasons);
        }

        List<PlannedWalk> walks = [.. history.Where(w => w.Plan.Active && w.StartUtc is not null).OrderBy(w => w.StartUtc)];
        int undated = history.Count(w => w.Plan.Active && w.StartUtc is null);
        if (undated > 0)
        {
            reasons.Add(Text($"{undated} planned walk(s) without a date (the band's clock was not set) are left out"));
        }

        if (walks.Count == 0)
        {
            reasons.Add("no walk under a plan is stored yet: hold");
            return new PlanSuggestion(current, current, reasons);
        }

        PlannedWalk latest = walks[^1];
        reasons.Add("latest walk: " + Describe(latest));
        double sinceLatest = (now - latest.StartUtc!.Value).TotalDays;
        if (sinceLatest >= GapDays)
        {
            reasons.Add(Text($"{sinceLatest:0} days since the latest walk (a gap of {GapDays} days or more): hold; walk the plan {WalksPerStep} times again before it grows"));
            return new PlanSuggestion(current, current, reasons);
        }

        if (latest.PainBeforePlan)
        {
            return StepBack(walks, latest, current, reasons);
        }

        if (walks.Count < WalksPerStep)
        {
            reasons.Add(Text($"{walks.Count} walk under a plan stored; {WalksPerStep} consecutive walks completed at plan without pain earn a step: hold"));
            return new PlanSuggestion(current, current, reasons);
        }

        PlannedWalk previous = walks[^2];
        reasons.Add("the walk before: " + Describe(previous));
        if (!latest.CompletedAtPlanWithoutPain || !previous.CompletedAtPlanWithoutPain)
        {
            reasons.Add(Text($"the latest {WalksPerStep} walks were not both completed at plan without a pain marker: hold"));
            return new PlanSuggestion(current, current, reasons);
        }

        if (latest.Plan.WalkSeconds != current.WalkSeconds || previous.Plan.WalkSeconds != current.WalkSeconds)
        {
            reasons.Add(Text($"the latest {WalksPerStep} walks were not both at the walking time now set ({WalkingPlanValues.Clock(current.WalkSeconds)}): hold"));
            return new PlanSuggestion(current, current, reasons);
        }

        double apart = (latest.StartUtc.Value - previous.StartUtc!.Value).TotalDays;
        if (apart >= GapDays)
        {
            reasons.Add(Text($"they are {apart:0} days apart (a gap of {GapDays} days or more), not consecutive: hold"));
            return new PlanSuggestion(current, current, reasons);
        }

        DateTimeOffset levelSince = LevelSince(walks, current.WalkSeconds);
        double atLevel = (latest.StartUtc.Value - levelSince).TotalDays;
        if (atLevel < StepDays)
        {
            reasons.Add(Text($"{WalkingPlanValues.Clock(current.WalkSeconds)} has been walked since {levelSince:yyyy-MM-dd}, {atLevel:0.#} days: one step a week at most, the next from {levelSince.AddDays(StepDays):yyyy-MM-dd}: hold"));
            return new PlanSuggestion(current, current, reasons);
        }

        int max = SettingCatalog.Get(SettingId.PlanWalkSeconds).Max;
        int next = Math.Min(max, Math.Max(current.WalkSeconds + 1, (int)Math.Round(current.WalkSeconds * (100 + StepPercent) / 100.0, MidpointRounding.AwayFromZero)));
        reasons.Add(Text($"{WalksPerStep} consecutive walks completed at plan without pain, {WalkingPlanValues.Clock(current.WalkSeconds)} walked for {atLevel:0.#} days: +{StepPercent}% walking time, {WalkingPlanValues.Clock(current.WalkSeconds)} -> {WalkingPlanValues.Clock(next)}"));
        return new PlanSuggestion(current, current with { WalkSeconds = next }, reasons);
    }

    private static PlanSuggestion StepBack(List<PlannedWalk> walks, PlannedWalk painful, WalkingPlanValues current, List<string> reasons)
    {
        PlannedWalk? painFree = walks.Take(walks.Count - 1).LastOrDefault(w => w.CompletedAtPlanWithoutPain && w.Plan.WalkSeconds <= painful.Plan.WalkSeconds);
        int min = SettingCatalog.Get(SettingId.PlanWalkSeconds).Min;
        int back;
        if (painFree is not null)
        {
            back = painFree.Plan.WalkSeconds;
            reasons.Add(Text($"pain before the plan's time: back to the last pain-free level, {WalkingPlanValues.Clock(back)} (walk of {painFree.StartUtc:yyyy-MM-dd})"));
        }
        else
        {
            back = Math.Max(min, painful.Plan.WalkSeconds * StepBackPercent / 100);
            reasons.Add(Text($"pain before the plan's time and no pain-free level before it: {StepBackPercent}% of {WalkingPlanValues.Clock(painful.Plan.WalkSeconds)}, {WalkingPlanValues.Clock(back)}"));
        }

        WalkingPlanValues proposed = current with { WalkSeconds = back };
        if (proposed == current)
        {
            reasons.Add("that is the walking time now set: hold");
        }

        return new PlanSuggestion(current, proposed, reasons);
    }

    /// <summary>The first walk of the latest run of walks at <paramref name="walkSeconds"/>.</summary>
    private static DateTimeOffset LevelSince(List<PlannedWalk> walks, int walkSeconds)
    {
        int i = walks.Count - 1;
        while (i > 0 && walks[i - 1].Plan.WalkSeconds == walkSeconds)
        {
            i--;
        }

        return walks[i].StartUtc!.Value;
    }

    private static string Describe(PlannedWalk w)
    {
        int reached = w.Stretches.Count(s => s.ReachedPlan);
        string pain = w.PainSeconds.Count == 0 ? "no pain marker" : w.PainBeforePlan ? "pain before the plan's time" : "pain after the plan's time";
        return Text($"{w.StartUtc:yyyy-MM-dd} at {WalkingPlanValues.Clock(w.Plan.WalkSeconds)} x {w.Plan.Stretches}: {reached} of {w.Plan.Stretches} stretches reached the plan, {pain}");
    }

    private static string Text(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
