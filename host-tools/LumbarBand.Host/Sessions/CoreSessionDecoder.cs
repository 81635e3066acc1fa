using LumbarBand.Core.Session;
using LumbarBand.Core.Storage;

namespace LumbarBand.Host.Sessions;

/// <summary>
/// Decodes sessions in the band's own format (docs/sessions.md, format versions 1-4) through Core's
/// <see cref="SessionDecoder"/> and <see cref="SessionContent"/>; <see cref="SessionContentMapper"/> turns the result
/// into the host's model. The format is declared in Core only: this class never reads a byte of it itself.
/// </summary>
public sealed class CoreSessionDecoder : ISessionDecoder
{
    /// <summary>The name stored beside each session this decoder decoded.</summary>
    public const string DecoderName = "lumbarband-session-v1";

    /// <inheritdoc/>
    public string Name => DecoderName;

    /// <summary>True when the bytes start with a well-formed record of the log (CRC checked) that starts a session.</summary>
    public bool CanDecode(ReadOnlySpan<byte> session)
    {
        if (session.IsEmpty)
        {
            return false;
        }

        byte[] bytes = session.ToArray();
        return RecordCodec.Decode(bytes, 0, bytes.Length, out RecordHeader first) == DecodeResult.Ok
            && first.Type == RecordTypes.SessionStart;
    }

    /// <inheritdoc/>
    public DecodedSession Decode(ReadOnlySpan<byte> session)
    {
        byte[] bytes = session.ToArray();
        var content = new SessionContent();
        SessionDecodeResult result = SessionDecoder.Decode(bytes, 0, bytes.Length, content);
        if (result != SessionDecodeResult.Ok)
        {
            string where = content.ErrorOffset >= 0 ? $" at byte {content.ErrorOffset}{RecordNamed(bytes, content.ErrorOffset)}" : "";
            throw new SessionFormatException($"not a readable band session ({result}{where})");
        }

        return SessionContentMapper.ToModel(content);
    }

    /// <summary>", a walking-bout record (type 0x17)": the record where decoding stopped, named, when its type byte is there.</summary>
    private static string RecordNamed(byte[] bytes, int offset)
    {
        if (offset + RecordFormat.TypeOffset >= bytes.Length)
        {
            return "";
        }

        byte type = bytes[offset + RecordFormat.TypeOffset];
        string name = type switch
        {
            SessionRecordTypes.Header => "the header",
            SessionRecordTypes.Settings => "a settings record",
            SessionRecordTypes.Epochs => "an epochs record",
            SessionRecordTypes.Event => "an event record",
            SessionRecordTypes.Calibration => "a calibration record",
            SessionRecordTypes.Footer => "the footer",
            SessionRecordTypes.Stretch => "a stretch record",
            SessionRecordTypes.Bout => "a walking-bout record",
            _ => "a record",
        };
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $", {name} (type 0x{type:x2})");
    }
}
