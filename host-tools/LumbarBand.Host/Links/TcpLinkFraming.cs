using System.Buffers.Binary;

namespace LumbarBand.Host.Links;

/// <summary>
/// The TCP link's framing, which carries the GATT operations of a BLE link between the host and the virtual band on
/// 127.0.0.1. Each message is <c>length:u16 | type:u8 | body</c>, little-endian, where <c>length</c> counts the
/// type byte and the body (so at most 65535). Types and bodies: <see cref="TcpLinkMessageType"/>. Characteristics are
/// <see cref="BandCharacteristic"/> codes; ATT errors are the Bluetooth ones (0x05 Insufficient Authentication,
/// 0x03 Write Not Permitted, 0x02 Read Not Permitted).
/// </summary>
/// <remarks>
/// The conversation mirrors BLE: Hello/Welcome is the connection and MTU exchange (and re-encryption with a stored
/// bond, reported in Welcome's <c>bonded</c>); Pair is "Just Works" pairing, accepted only inside the band's pairing
/// window; a Write gets its WriteResult before the notification carrying the band's response; notifications arrive
/// in the order the band sent them. Protocol frames inside Write and Notify are the band protocol's own
/// (docs/protocol.md), untouched.
/// </remarks>
public static class TcpLinkFraming
{
    /// <summary>Bytes before the type: the length field.</summary>
    public const int LengthBytes = 2;

    /// <summary>ATT error: Read Not Permitted.</summary>
    public const byte AttReadNotPermitted = 0x02;

    /// <summary>ATT error: Write Not Permitted.</summary>
    public const byte AttWriteNotPermitted = 0x03;

    /// <summary>ATT error: Insufficient Authentication (the link must be encrypted and bonded).</summary>
    public const byte AttInsufficientAuthentication = 0x05;

    /// <summary>Pair outcome: bonded.</summary>
    public const byte PairBonded = 0;

    /// <summary>Pair outcome: refused (the band's pairing window is closed).</summary>
    public const byte PairRefused = 1;

    /// <summary>Writes one message of <paramref name="type"/> with <paramref name="body"/> to <paramref name="stream"/>.</summary>
    public static async Task WriteAsync(Stream stream, TcpLinkMessageType type, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        int length = 1 + body.Length;
        if (length > ushort.MaxValue)
        {
            throw new ArgumentException("message too long for the TCP link", nameof(body));
        }

        var frame = new byte[LengthBytes + length];
        BinaryPrimitives.WriteUInt16LittleEndian(frame, (ushort)length);
        frame[LengthBytes] = (byte)type;
        body.CopyTo(frame.AsMemory(LengthBytes + 1));
        await stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads one message; returns null at a clean end of stream (between messages). Throws
    /// <see cref="EndOfStreamException"/> when the stream ends inside a message, <see cref="InvalidDataException"/>
    /// for an empty message.
    /// </summary>
    public static async Task<TcpLinkMessage?> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var header = new byte[LengthBytes];
        int got = await stream.ReadAtLeastAsync(header, LengthBytes, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (got == 0)
        {
            return null;
        }

        if (got < LengthBytes)
        {
            throw new EndOfStreamException("the TCP link ended inside a message header");
        }

        int length = BinaryPrimitives.ReadUInt16LittleEndian(header);
        if (length < 1)
        {
            throw new InvalidDataException("empty message on the TCP link");
        }

        var message = new byte[length];
        await stream.ReadExactlyAsync(message, cancellationToken).ConfigureAwait(false);
        return new TcpLinkMessage((TcpLinkMessageType)message[0], message.AsMemory(1));
    }
}
