namespace LumbarBand.Host.Links;

/// <summary>Discovery ended without finding a band advertising the LumbarBand service (or the one asked for).</summary>
public sealed class BandNotFoundException : LumbarBandException
{
    /// <summary>Creates the exception.</summary>
    public BandNotFoundException()
        : base("no band found: wake the band (move it), keep it within a few metres, and check that no phone is connected to it (it takes one connection)")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public BandNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public BandNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
