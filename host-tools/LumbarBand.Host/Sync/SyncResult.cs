namespace LumbarBand.Host.Sync;

/// <summary>What a download did.</summary>
public sealed record SyncResult
{
    /// <summary>The band.</summary>
    public required string DeviceId { get; init; }

    /// <summary>Sessions the band listed.</summary>
    public int SessionsOnBand { get; init; }

    /// <summary>Sessions imported into the store now.</summary>
    public int Imported { get; init; }

    /// <summary>Sessions the store already held (downloaded again with --all, or skipped).</summary>
    public int AlreadyStored { get; init; }

    /// <summary>Sessions whose download resumed from bytes a dropped link had left.</summary>
    public int Resumed { get; init; }

    /// <summary>Sessions still being recorded, left for next time.</summary>
    public int SkippedOpen { get; init; }

    /// <summary>The highest session id the band acknowledged in this run, or null.</summary>
    public uint? AcknowledgedThrough { get; init; }

    /// <summary>Session bytes received over the link.</summary>
    public long BytesReceived { get; init; }
}
