namespace LumbarBand.Host.Store;

/// <summary>The database file is damaged (not a database, or SQLite found corruption); it is left as it is.</summary>
public sealed class StoreCorruptException : LumbarBandException
{
    /// <summary>Creates the exception.</summary>
    public StoreCorruptException()
    {
    }

    /// <summary>Creates the exception with a message saying what to do.</summary>
    public StoreCorruptException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public StoreCorruptException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
