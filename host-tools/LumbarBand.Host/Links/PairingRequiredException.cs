namespace LumbarBand.Host.Links;

/// <summary>The band answered "pair first": the request needs an encrypted, bonded link.</summary>
public sealed class PairingRequiredException : LumbarBandException
{
    /// <summary>Creates the exception.</summary>
    public PairingRequiredException()
        : base("the band needs this host to be paired first: run the command again with the band's pairing window open (hold its button 3 s)")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PairingRequiredException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public PairingRequiredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
