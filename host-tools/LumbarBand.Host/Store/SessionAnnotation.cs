namespace LumbarBand.Host.Store;

/// <summary>What a person added to a stored session: a pain intensity and a note, for one pain marker or the whole walk.</summary>
public sealed record SessionAnnotation
{
    /// <summary>The lowest pain intensity (no pain) on the 0–10 numeric rating scale.</summary>
    public const int MinPain = 0;

    /// <summary>The highest pain intensity (worst imaginable) on the 0–10 numeric rating scale.</summary>
    public const int MaxPain = 10;

    /// <summary>The pain marker it is about (1 = the session's first), or null for the whole walk.</summary>
    public int? Marker { get; init; }

    /// <summary>Pain intensity 0–10 (numeric rating scale), or null.</summary>
    public int? Pain { get; init; }

    /// <summary>Free text, or null.</summary>
    public string? Note { get; init; }

    /// <summary>When it was added.</summary>
    public required DateTimeOffset CreatedUtc { get; init; }
}
