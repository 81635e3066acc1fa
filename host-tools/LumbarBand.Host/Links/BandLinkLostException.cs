namespace LumbarBand.Host.Links;

/// <summary>The link to the band dropped (out of range, band switched off, the virtual band stopped).</summary>
public sealed class BandLinkLostException : LumbarBandException
{
    /// <summary>The standard message: what is kept, and what happens next.</summary>
    public const string DefaultMessage =
        "the link to the band was lost; what was downloaded is kept, and the next download resumes where this one stopped";

    /// <summary>Creates the exception with the standard message.</summary>
    public BandLinkLostException()
        : base(DefaultMessage)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public BandLinkLostException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the standard message and its cause.</summary>
    public BandLinkLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
