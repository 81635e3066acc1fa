using LumbarBand.Core.Pacing;
using LumbarBand.Core.Session;

namespace LumbarBand.Host.Planning;

/// <summary>
/// One stretch of a planned walk as the host reads it from the session's stretch record (docs/sessions.md §5a), in
/// seconds, with its cadence from its steps and, from session format 4, its walking speed from the bouts in it.
/// </summary>
public sealed record StretchResult
{
    /// <summary>Stretch within the walk, from 1.</summary>
    public required int Number { get; init; }

    /// <summary>Planned walking time, seconds.</summary>
    public required int PlannedWalkSeconds { get; init; }

    /// <summary>Planned rest after it, seconds.</summary>
    public required int PlannedRestSeconds { get; init; }

    /// <summary>Its first walking, seconds from the session start.</summary>
    public required double StartSeconds { get; init; }

    /// <summary>End of its last walking, seconds from the session start.</summary>
    public required double WalkEndSeconds { get; init; }

    /// <summary>Confirmed walking, seconds.</summary>
    public required double WalkedSeconds { get; init; }

    /// <summary>Rest after it, seconds (the planned rest when complete).</summary>
    public required double RestSeconds { get; init; }

    /// <summary>Steps counted in it.</summary>
    public required int Steps { get; init; }

    /// <summary>Its walking time reached the plan.</summary>
    public required bool ReachedPlan { get; init; }

    /// <summary>A pain marker during it.</summary>
    public required bool Pain { get; init; }

    /// <summary>A pain marker before its walked time reached the plan.</summary>
    public required bool PainBeforePlan { get; init; }

    /// <summary>Its rest lasted the planned rest.</summary>
    public required bool RestComplete { get; init; }

    /// <summary>True when the firmware that recorded it measures walking speed (session format 4 on).</summary>
    public bool MeasuresSpeed { get; init; }

    /// <summary>
    /// Its walking speed, m/s: the step-weighted mean of the speeds of the band's walking bouts that began inside it;
    /// null when the band measured none (or does not measure speed: <see cref="MeasuresSpeed"/>).
    /// </summary>
    public double? SpeedMps { get; init; }

    /// <summary>Steps per minute of its walking; null without walking.</summary>
    public double? CadenceSpm => WalkedSeconds > 0 ? Steps * 60.0 / WalkedSeconds : null;

    /// <summary>
    /// The host's view of Core's decoded record; with the session's <paramref name="bouts"/> (of a firmware that measures
    /// speed: <paramref name="measuresSpeed"/>), its speed from those that began inside it.
    /// </summary>
    public static StretchResult From(SessionStretchRecord r, IReadOnlyList<Sessions.WalkingBout>? bouts = null, bool measuresSpeed = false)
    {
        ArgumentNullException.ThrowIfNull(r);
        double start = r.StartOffsetMs / 1000.0;
        double end = r.WalkEndOffsetMs / 1000.0;
        IEnumerable<Sessions.WalkingBout> inside = (bouts ?? []).Where(b => b.StartSeconds >= start && b.StartSeconds <= end);
        return new StretchResult
        {
            Number = r.Number,
            PlannedWalkSeconds = r.PlannedWalkSeconds,
            PlannedRestSeconds = r.PlannedRestSeconds,
            StartSeconds = r.StartOffsetMs / 1000.0,
            WalkEndSeconds = r.WalkEndOffsetMs / 1000.0,
            WalkedSeconds = r.WalkedMs / 1000.0,
            RestSeconds = r.RestMs / 1000.0,
            Steps = r.Steps,
            ReachedPlan = r.Has(StretchFlags.ReachedPlan),
            Pain = r.Has(StretchFlags.Pain),
            PainBeforePlan = r.Has(StretchFlags.PainBeforePlan),
            RestComplete = r.Has(StretchFlags.RestComplete),
            MeasuresSpeed = measuresSpeed,
            SpeedMps = measuresSpeed ? Sessions.WalkingBout.StepWeightedMean(inside, b => b.SpeedMps) : null,
        };
    }
}
