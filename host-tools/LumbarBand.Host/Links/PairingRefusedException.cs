namespace LumbarBand.Host.Links;

/// <summary>The band refused a new bond: its pairing window was closed (or the pairing failed).</summary>
public sealed class PairingRefusedException : LumbarBandException
{
    /// <summary>The standard message: how to open the pairing window.</summary>
    public const string DefaultMessage =
        "pairing refused: press the band's button three times quickly to open its pairing window (60 s, one host), then try again";

    /// <summary>Creates the exception with the standard message.</summary>
    public PairingRefusedException()
        : base(DefaultMessage)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PairingRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public PairingRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
