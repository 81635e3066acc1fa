using System.Globalization;
using LumbarBand.Core.Configuration;

namespace LumbarBand.Host.Planning;

/// <summary>
/// A walking plan as the host shows and changes it: the band's settings 33–37 (<see cref="SettingId.PlanActive"/> …),
/// whose ranges and defaults live in Core's <see cref="SettingCatalog"/>.
/// </summary>
/// <param name="Active">Whether the plan paces walks.</param>
/// <param name="WalkSeconds">Walking time of one stretch, seconds of confirmed walking.</param>
/// <param name="RestSeconds">Rest between stretches, seconds.</param>
/// <param name="Stretches">Stretches per walk.</param>
/// <param name="ReadyCue">Whether "ready to go" plays when a rest is over.</param>
public sealed record WalkingPlanValues(bool Active, int WalkSeconds, int RestSeconds, int Stretches, bool ReadyCue)
{
    /// <summary>The plan held by <paramref name="settings"/>.</summary>
    public static WalkingPlanValues From(BandSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new(settings.PlanActive, settings.PlanWalkSeconds, settings.PlanRestSeconds, settings.PlanStretches, settings.PlanReadyCue);
    }

    /// <summary>The (id, value) pairs of this plan, for a settings message.</summary>
    public IEnumerable<(SettingId Id, int Value)> Pairs() =>
    [
        (SettingId.PlanActive, Active ? 1 : 0),
        (SettingId.PlanWalkSeconds, WalkSeconds),
        (SettingId.PlanRestSeconds, RestSeconds),
        (SettingId.PlanStretches, Stretches),
        (SettingId.PlanReadyCue, ReadyCue ? 1 : 0),
    ];

    /// <summary>One line, e.g. "3 stretches of 5:00 walking, 2:00 rest between, ready cue on" (or "no plan: …").</summary>
    public string Describe() => (Active ? "" : "no plan (inactive; stored values: ")
        + string.Create(CultureInfo.InvariantCulture, $"{Stretches} stretch{(Stretches == 1 ? "" : "es")} of {Clock(WalkSeconds)} walking, {Clock(RestSeconds)} rest between, ready cue {(ReadyCue ? "on" : "off")}")
        + (Active ? "" : ")");

    /// <summary>Seconds as m:ss.</summary>
    public static string Clock(double seconds)
    {
        int s = (int)Math.Round(seconds);
        return string.Create(CultureInfo.InvariantCulture, $"{s / 60}:{s % 60:00}");
    }
}
