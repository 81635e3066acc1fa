namespace LumbarBand.Host.Sessions;

/// <summary>What a session says about itself: which session, when, on which firmware, with which epoch length.</summary>
public sealed record SessionHeader
{
    /// <summary>The band's session id (starts at 1 on a freshly formatted log, never repeats until a factory reset).</summary>
    public required uint SessionId { get; init; }

    /// <summary>When the session started, from the band's host-synced clock; null when the clock was not set.</summary>
    public DateTimeOffset? StartUtc { get; init; }

    /// <summary>Band uptime at the start, seconds (always known, unlike <see cref="StartUtc"/>).</summary>
    public double StartUptimeSeconds { get; init; }

    /// <summary>Firmware version that recorded it, "major.minor.patch".</summary>
    public string FirmwareVersion { get; init; } = "";

    /// <summary>Length of one epoch summary, seconds.</summary>
    public required int EpochSeconds { get; init; }

    /// <summary>The band's session format (docs/sessions.md §5b); 0 when unknown (stored before the host kept it).</summary>
    public int FormatVersion { get; init; }
}
