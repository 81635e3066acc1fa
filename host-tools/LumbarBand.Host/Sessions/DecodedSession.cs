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
}
