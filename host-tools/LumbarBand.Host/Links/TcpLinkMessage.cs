namespace LumbarBand.Host.Links;

/// <summary>One message of the TCP link (<see cref="TcpLinkFraming"/>).</summary>
/// <param name="Type">Its type.</param>
/// <param name="Body">The bytes after the type.</param>
public sealed record TcpLinkMessage(TcpLinkMessageType Type, ReadOnlyMemory<byte> Body);
