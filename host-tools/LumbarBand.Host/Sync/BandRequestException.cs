using System.Globalization;
using LumbarBand.Core.Protocol;

namespace LumbarBand.Host.Sync;

/// <summary>The band refused a request (an error response, docs/protocol.md §6).</summary>
public sealed class BandRequestException : LumbarBandException
{
    /// <summary>Creates the exception for <paramref name="opcode"/> refused with <paramref name="error"/>.</summary>
    public BandRequestException(Opcode opcode, ErrorCode error, byte detail)
        : base(Describe(opcode, error, detail))
    {
        Opcode = opcode;
        Error = error;
        Detail = detail;
    }

    /// <summary>Creates the exception for <paramref name="opcode"/> refused with <paramref name="error"/>, explained by <paramref name="message"/>.</summary>
    public BandRequestException(Opcode opcode, ErrorCode error, string message)
        : base(message)
    {
        Opcode = opcode;
        Error = error;
    }

    /// <summary>Creates the exception.</summary>
    public BandRequestException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public BandRequestException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public BandRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The request refused.</summary>
    public Opcode Opcode { get; }

    /// <summary>Why.</summary>
    public ErrorCode Error { get; }

    /// <summary>The error's detail byte.</summary>
    public byte Detail { get; }

    private static string Describe(Opcode opcode, ErrorCode error, byte detail)
    {
        string why = error switch
        {
            ErrorCode.UnknownOpcode => "this band does not know the request (it may run older firmware)",
            ErrorCode.BadLength => string.Create(CultureInfo.InvariantCulture, $"wrong request length (the band expects {detail} bytes)"),
            ErrorCode.InvalidParameter => "a parameter is out of range",
            ErrorCode.SessionNotFound => "no such session on the band (erased, or evicted after acknowledgement)",
            ErrorCode.SessionOpen => "the session is still being recorded; download it when the walk has ended",
            ErrorCode.OffsetOutOfRange => "offset out of range",
            ErrorCode.CrcMismatch => "CRC mismatch",
            ErrorCode.Busy => "the band is busy; try again in a moment",
            ErrorCode.StorageError => "the band could not read or write its flash; nothing changed",
            ErrorCode.BadConfirmation => "wrong confirmation key",
            ErrorCode.OutOfSequence => "configuration upload out of sequence",
            ErrorCode.Unsupported => "the band lacks the hardware for this",
            _ => string.Create(CultureInfo.InvariantCulture, $"error 0x{(byte)error:X2}"),
        };
        return string.Create(CultureInfo.InvariantCulture, $"the band refused {opcode}: {why}");
    }
}
