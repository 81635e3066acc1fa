namespace LumbarBand.Host.Store;

/// <summary>The store cannot be used: its folder is not writable, or its database was made by a newer lumbarband.</summary>
public sealed class StoreUnavailableException : LumbarBandException
{
    /// <summary>Creates the exception.</summary>
    public StoreUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message saying what to do.</summary>
    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
