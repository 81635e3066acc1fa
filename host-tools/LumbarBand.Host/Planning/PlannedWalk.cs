namespace LumbarBand.Host.Planning;

/// <summary>One stored walk (session) with the walking plan that was in force and the stretches it had.</summary>
public sealed record PlannedWalk
{
    /// <summary>The band.</summary>
    public required string DeviceId { get; init; }

    /// <summary>The band's session id.</summary>
    public required uint SessionId { get; init; }

    /// <summary>When it started (UTC); null when the band's clock was not set.</summary>
    public DateTimeOffset? StartUtc { get; init; }

    /// <summary>The plan in force at its start (its settings snapshot).</summary>
    public required WalkingPlanValues Plan { get; init; }

    /// <summary>Its stretches, in order.</summary>
    public required IReadOnlyList<StretchResult> Stretches { get; init; }

    /// <summary>Pain-marker presses, seconds from its start.</summary>
    public required IReadOnlyList<double> PainSeconds { get; init; }

    /// <summary>Walking before the first pain marker, seconds (the session's "walking minutes before pain"); null without one.</summary>
    public double? WalkingSecondsBeforePain { get; init; }

    /// <summary>True when a pain marker came before a stretch's planned walking time.</summary>
    public bool PainBeforePlan => Stretches.Any(s => s.PainBeforePlan);

    /// <summary>
    /// True when the walk was completed at plan without pain: every planned stretch recorded and reaching its
    /// planned walking time, and no pain marker at all.
    /// </summary>
    public bool CompletedAtPlanWithoutPain =>
        Plan.Active && PainSeconds.Count == 0 && Stretches.Count >= Plan.Stretches && Stretches.Take(Plan.Stretches).All(s => s.ReachedPlan);
}
