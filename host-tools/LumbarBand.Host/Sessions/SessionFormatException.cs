namespace LumbarBand.Host.Sessions;

/// <summary>A session's bytes are not in a format this version of the host can read.</summary>
public sealed class SessionFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SessionFormatException()
    {
    }

    /// <summary>Creates the exception with a message saying what is wrong.</summary>
    public SessionFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public SessionFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
