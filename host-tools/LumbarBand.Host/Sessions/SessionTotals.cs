namespace LumbarBand.Host.Sessions;

/// <summary>
/// A session's footer: totals and the numbers a therapist asks for first. A decoder fills it from the session's
/// own footer when it has one, or computes it from the epochs and events (<see cref="Compute"/>).
/// </summary>
public sealed record SessionTotals
{
    /// <summary>Length of the session, seconds.</summary>
    public double DurationSeconds { get; init; }

    /// <summary>Steps counted.</summary>
    public int Steps { get; init; }

    /// <summary>Minutes spent walking.</summary>
    public double WalkingMinutes { get; init; }

    /// <summary>Mean cadence while walking, steps per minute; null when the wearer did not walk.</summary>
    public double? MeanCadenceSpm { get; init; }

    /// <summary>Cues given.</summary>
    public int Cues { get; init; }

    /// <summary>Pain-marker presses.</summary>
    public int PainMarkers { get; init; }

    /// <summary>Seconds from the start to the first pain marker; null without one.</summary>
    public double? FirstPainSeconds { get; init; }

    /// <summary>Minutes walked before the first pain marker; null without one ("ten minutes, then it starts").</summary>
    public double? WalkingMinutesBeforePain { get; init; }

    /// <summary>Seconds from the start to the first cue; null without one.</summary>
    public double? FirstCueSeconds { get; init; }

    /// <summary>Seconds in any sustained excessive-motion state (flexion, lateral lean, sway added up).</summary>
    public double ExcessiveMotionSeconds { get; init; }

    /// <summary>Totals computed from <paramref name="epochs"/> and <paramref name="events"/>.</summary>
    /// <remarks>
    /// Walking before pain counts whole epochs before the first pain marker and the share of the epoch holding it up
    /// to the press, assuming walking spread evenly over that epoch: exact to within one epoch's walking.
    /// </remarks>
    public static SessionTotals Compute(IReadOnlyList<SessionEpoch> epochs, IReadOnlyList<SessionEvent> events)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        ArgumentNullException.ThrowIfNull(events);
        double duration = 0;
        int steps = 0;
        double walking = 0;
        double cadenceWeighted = 0;
        int cues = 0;
        int pain = 0;
        double excessive = 0;
        foreach (SessionEpoch epoch in epochs)
        {
            duration = Math.Max(duration, epoch.StartSeconds + epoch.DurationSeconds);
            steps += epoch.Steps;
            walking += epoch.WalkingSeconds;
            if (epoch.CadenceSpm is double cadence && epoch.WalkingSeconds > 0)
            {
                cadenceWeighted += cadence * epoch.WalkingSeconds;
            }

            cues += epoch.Cues;
            pain += epoch.PainMarkers;
            excessive += epoch.ExcessiveFlexionSeconds + epoch.ExcessiveLateralSeconds + epoch.ExcessiveSwaySeconds;
        }

        double? firstPain = First(events, SessionEventKind.PainMarker);
        return new SessionTotals
        {
            DurationSeconds = duration,
            Steps = steps,
            WalkingMinutes = walking / 60.0,
            MeanCadenceSpm = walking > 0 && cadenceWeighted > 0 ? cadenceWeighted / walking : null,
            Cues = cues,
            PainMarkers = pain,
            FirstPainSeconds = firstPain,
            WalkingMinutesBeforePain = firstPain is double at ? WalkingBefore(epochs, at) / 60.0 : null,
            FirstCueSeconds = First(events, SessionEventKind.Cue),
            ExcessiveMotionSeconds = excessive,
        };
    }

    private static double? First(IReadOnlyList<SessionEvent> events, SessionEventKind kind)
    {
        double? first = null;
        foreach (SessionEvent e in events)
        {
            if (e.Kind == kind && (first is null || e.OffsetSeconds < first))
            {
                first = e.OffsetSeconds;
            }
        }

        return first;
    }

    private static double WalkingBefore(IReadOnlyList<SessionEpoch> epochs, double offsetSeconds)
    {
        double walking = 0;
        foreach (SessionEpoch epoch in epochs)
        {
            double end = epoch.StartSeconds + epoch.DurationSeconds;
            if (end <= offsetSeconds)
            {
                walking += epoch.WalkingSeconds;
            }
            else if (epoch.StartSeconds < offsetSeconds && epoch.DurationSeconds > 0)
            {
                walking += epoch.WalkingSeconds * (offsetSeconds - epoch.StartSeconds) / epoch.DurationSeconds;
            }
        }

        return walking;
    }
}
