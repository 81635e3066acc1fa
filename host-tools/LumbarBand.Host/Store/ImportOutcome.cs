namespace LumbarBand.Host.Store;

/// <summary>What importing a session did.</summary>
public enum ImportOutcome
{
    /// <summary>Stored now (committed to disk).</summary>
    Imported,

    /// <summary>The store already held this session (same device, session id and CRC): nothing changed.</summary>
    AlreadyStored,
}
