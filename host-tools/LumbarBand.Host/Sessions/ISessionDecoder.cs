namespace LumbarBand.Host.Sessions;

/// <summary>
/// Turns a session's serialized form (the exact bytes the band sends and the store keeps) into the host's model.
/// One implementation a session format; <see cref="SessionDecoders"/> picks the one that recognizes the bytes.
/// </summary>
public interface ISessionDecoder
{
    /// <summary>Names the format and decoder version, e.g. "lumbarband-session-v1"; stored beside each decoded session.</summary>
    string Name { get; }

    /// <summary>True when the bytes look like this decoder's format (a cheap check of magic and version).</summary>
    bool CanDecode(ReadOnlySpan<byte> session);

    /// <summary>Decodes a whole session; throws <see cref="SessionFormatException"/> when the bytes are malformed.</summary>
    DecodedSession Decode(ReadOnlySpan<byte> session);
}
