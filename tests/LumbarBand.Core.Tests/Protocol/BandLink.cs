using LumbarBand.Core.Protocol;

namespace LumbarBand.Core.Tests.Protocol;

/// <summary>
/// A BLE link in a test: the band's handler (as the GATT adapter drives it) on one side, a host using the client
/// codec on the other, and a count of every ATT value byte that crosses (requests, responses, data chunks).
/// </summary>
public sealed class BandLink
{
    private byte _nextRequestId = 1;

    /// <summary>Creates a link to <paramref name="band"/>, connected at <paramref name="mtu"/>, trusted.</summary>
    public BandLink(FakeBand band, int mtu = ProtocolConstants.DefaultAttMtu)
    {
        Band = band;
        Handler = new CommandHandler(band);
        Connect(mtu);
    }

    /// <summary>The band behind the handler.</summary>
    public FakeBand Band { get; }

    /// <summary>The band's protocol engine.</summary>
    public CommandHandler Handler { get; }

    /// <summary>Security passed with every write.</summary>
    public LinkSecurity Security { get; set; } = LinkSecurity.Trusted;

    /// <summary>The host's request buffer.</summary>
    public byte[] Frame { get; } = new byte[ProtocolConstants.MaxPayloadBytes];

    /// <summary>The adapter's response buffer (as long as the largest payload).</summary>
    public byte[] Response { get; } = new byte[ProtocolConstants.MaxPayloadBytes];

    /// <summary>The adapter's chunk buffer.</summary>
    public byte[] Chunk { get; } = new byte[ProtocolConstants.MaxPayloadBytes];

    /// <summary>Largest payload both sides use now.</summary>
    public int MaxPayload => Handler.MaxPayload;

    /// <summary>ATT value bytes that crossed the link so far.</summary>
    public long AttPayloadBytes { get; private set; }

    /// <summary>Request/response exchanges so far.</summary>
    public int Exchanges { get; private set; }

    /// <summary>Data notifications so far.</summary>
    public int Notifications { get; private set; }

    /// <summary>A (re)connection at <paramref name="mtu"/>.</summary>
    public void Connect(int mtu)
    {
        Handler.OnConnected();
        Handler.OnMtuChanged(mtu);
    }

    /// <summary>The link drops.</summary>
    public void Disconnect() => Handler.OnDisconnected();

    /// <summary>
    /// Builds a request with the next request id through <paramref name="build"/> (a <see cref="RequestBuilder"/>
    /// call), writes it, checks the response echoes opcode and id and fits the payload; returns the response length.
    /// </summary>
    public int Send(Func<byte[], byte, int> build)
    {
        byte id = _nextRequestId++;
        int length = build(Frame, id);
        Assert.True(length <= MaxPayload, $"request of {length} bytes exceeds the payload {MaxPayload}");
        int response = Handler.OnControlWrite(Frame, length, Security, Response);
        Assert.InRange(response, ProtocolConstants.ResponseHeaderBytes, MaxPayload);
        Assert.Equal(Frame[0], Response[0]);
        Assert.Equal(id, Response[1]);
        AttPayloadBytes += length + response;
        Exchanges++;
        return response;
    }

    /// <summary>The status byte of the last response.</summary>
    public ErrorCode LastStatus => (ErrorCode)Response[ProtocolConstants.StatusOffset];

    /// <summary>Takes the next data chunk from the band into <see cref="Chunk"/>; returns its length (0: none).</summary>
    public int PumpChunk()
    {
        int n = Handler.NextDataChunk(Chunk);
        Assert.InRange(n, 0, MaxPayload);
        if (n > 0)
        {
            AttPayloadBytes += n;
            Notifications++;
        }

        return n;
    }
}
