namespace LumbarBand.Host.Links;

/// <summary>
/// The message types of the TCP link between the host and the virtual band (<see cref="TcpLinkFraming"/>). Host to
/// band: 0x01–0x7F; band to host: 0x80–0xFF, a result being its request's type | 0x80.
/// </summary>
public enum TcpLinkMessageType : byte
{
    /// <summary>Host → band, first message: <c>requestedMtu:u16 | hostId:u64</c> (the ATT MTU exchange, and who connects).</summary>
    Hello = 0x01,

    /// <summary>Host → band: pair and bond (empty body).</summary>
    Pair = 0x02,

    /// <summary>Host → band: <c>characteristic:u8 | enable:u8</c> (a CCCD write).</summary>
    Subscribe = 0x03,

    /// <summary>Host → band: <c>characteristic:u8 | value</c> (an ATT write request).</summary>
    Write = 0x04,

    /// <summary>Host → band: <c>characteristic:u8</c> (an ATT read request).</summary>
    Read = 0x05,

    /// <summary>Band → host: <c>mtu:u16 | bonded:u8 | label</c> (UTF-8: what the virtual band replays).</summary>
    Welcome = 0x81,

    /// <summary>Band → host: <c>outcome:u8</c>, 0 bonded, 1 refused (pairing window closed).</summary>
    PairResult = 0x82,

    /// <summary>Band → host: <c>characteristic:u8 | attError:u8</c>.</summary>
    SubscribeResult = 0x83,

    /// <summary>Band → host: <c>characteristic:u8 | attError:u8</c> (the ATT write response).</summary>
    WriteResult = 0x84,

    /// <summary>Band → host: <c>characteristic:u8 | attError:u8 | value</c>.</summary>
    ReadResult = 0x85,

    /// <summary>Band → host: <c>characteristic:u8 | value</c> (an ATT notification).</summary>
    Notify = 0x86,
}
