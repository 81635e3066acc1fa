namespace LumbarBand.Host;

/// <summary>
/// A failure a person will meet (no adapter, band not found, pairing refused, link lost, storage not writable, a
/// newer protocol): its message says what happened and what to do, ready to print as it is.
/// </summary>
public class LumbarBandException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LumbarBandException()
    {
    }

    /// <summary>Creates the exception with a message for the person at the keyboard.</summary>
    public LumbarBandException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public LumbarBandException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
