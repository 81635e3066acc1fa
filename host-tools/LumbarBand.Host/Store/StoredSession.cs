using LumbarBand.Host.Sessions;

namespace LumbarBand.Host.Store;

/// <summary>A session in the store: where it came from, its raw bytes' identity, and what the decoder made of them.</summary>
public sealed record StoredSession
{
    /// <summary>Row id in the store (stable; used by <c>export --session</c>).</summary>
    public required long RowId { get; init; }

    /// <summary>The band (<see cref="Sync.DeviceIdentity"/>).</summary>
    public required string DeviceId { get; init; }

    /// <summary>The band's session id.</summary>
    public required uint SessionId { get; init; }

    /// <summary>CRC-32 of the raw bytes.</summary>
    public required uint Crc { get; init; }

    /// <summary>Length of the raw bytes.</summary>
    public required int Length { get; init; }

    /// <summary>When the session started, if the band's clock was set.</summary>
    public DateTimeOffset? StartUtc { get; init; }

    /// <summary>When the host stored it.</summary>
    public required DateTimeOffset DownloadedUtc { get; init; }

    /// <summary>Over what it came (e.g. "virtual band at 127.0.0.1:… (simulated walk …)").</summary>
    public required string Source { get; init; }

    /// <summary>The decoder that read it (<see cref="ISessionDecoder.Name"/>), or null when none could.</summary>
    public string? Decoder { get; init; }

    /// <summary>Why decoding failed, or null.</summary>
    public string? DecodeError { get; init; }

    /// <summary>The decoded session, or null when it could not be decoded (the raw bytes are kept).</summary>
    public DecodedSession? Decoded { get; init; }

    /// <summary>The band's settings when the session started (empty when its bytes hold no snapshot).</summary>
    public IReadOnlyList<SettingInForce> Settings { get; init; } = [];

    /// <summary>Hidden from listings, trends and the report (kept, and shown with <c>sessions --all</c>).</summary>
    public bool Hidden { get; init; }

    /// <summary>Pain intensities and notes the wearer or therapist added, oldest first.</summary>
    public IReadOnlyList<SessionAnnotation> Annotations { get; init; } = [];

    /// <summary>A simulated walk (a virtual band replaying a simulated wearer), not a person's data.</summary>
    public bool IsSimulated => Source.Contains("simulated", StringComparison.OrdinalIgnoreCase);

    /// <summary>"device/session" as people quote it, e.g. "5EB0A7D0/3".</summary>
    public string Key => DeviceId + "/" + SessionId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
