namespace LumbarBand.Host.Sync;

/// <summary>Where a download is, for progress output.</summary>
public enum SyncStage
{
    /// <summary>Connected; the band's session list is known.</summary>
    Listed,

    /// <summary>A session's bytes are arriving.</summary>
    Downloading,

    /// <summary>A session was committed to the store (or was already there).</summary>
    Stored,

    /// <summary>The band acknowledged a session.</summary>
    Acknowledged,

    /// <summary>A session was skipped: still being recorded.</summary>
    SkippedOpen,
}
