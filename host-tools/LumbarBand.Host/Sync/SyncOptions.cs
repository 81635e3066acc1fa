namespace LumbarBand.Host.Sync;

/// <summary>How a download runs.</summary>
public sealed record SyncOptions
{
    /// <summary>Acknowledge each session once it is stored (default), so the band may evict it when it needs room.</summary>
    public bool Acknowledge { get; init; } = true;

    /// <summary>Download sessions the store already holds too (their import is then a no-op): <c>download --all</c>.</summary>
    public bool RedownloadStored { get; init; }

    /// <summary>Set the band's clock to this host's before downloading (default), so new sessions are dated.</summary>
    public bool SetTime { get; init; } = true;

    /// <summary>
    /// Called after a session's import has been committed and before it is acknowledged. Tests use it to kill the
    /// link exactly there and prove nothing is acknowledged that is not stored.
    /// </summary>
    public Func<SyncProgress, CancellationToken, Task>? AfterCommit { get; init; }
}
