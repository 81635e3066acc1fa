namespace LumbarBand.Host.Sessions;

/// <summary>
/// A session as the host understands it: header, epoch summaries, events and totals. Made by an
/// <see cref="ISessionDecoder"/> from the session's raw bytes, which the store keeps, so a newer decoder can make it
/// again.
/// </summary>
public sealed record DecodedSession
{
    /// <summary>The header.</summary>
    public required SessionHeader Header { get; init; }

    /// <summary>Epoch summaries, in time order.</summary>
    public required IReadOnlyList<SessionEpoch> Epochs { get; init; }

    /// <summary>Events, in time order.</summary>
    public required IReadOnlyList<SessionEvent> Events { get; init; }

    /// <summary>The footer's totals.</summary>
    public required SessionTotals Totals { get; init; }

    /// <summary>Walking bouts with their speed, stride length and rhythm, in time order (empty before session format 4).</summary>
    public IReadOnlyList<WalkingBout> Bouts { get; init; } = [];

    /// <summary>
    /// True when the firmware that recorded the session measures walking speed, stride length and rhythm (session
    /// format 4 on). False: those are "not measured by this firmware", never zero.
    /// </summary>
    public bool MeasuresWalkingOutcomes => Header.FormatVersion >= Core.Session.SessionHeader.FirstWalkingOutcomeFormatVersion;

    /// <summary>The walk's mean speed, m/s, step-weighted over its bouts that measured it; null when none did.</summary>
    public double? MeanSpeedMps => WalkingBout.StepWeightedMean(Bouts, b => b.SpeedMps);

    /// <summary>The walk's mean stride length, m, step-weighted over its bouts; null when none measured it.</summary>
    public double? MeanStrideLengthM => WalkingBout.StepWeightedMean(Bouts, b => b.StrideLengthM);

    /// <summary>The walk's mean step-time CV, %, step-weighted over its bouts; null when none measured it.</summary>
    public double? MeanStepTimeCvPercent => WalkingBout.StepWeightedMean(Bouts, b => b.StepTimeCvPercent);
}
