using LumbarBand.Core.Protocol;

namespace LumbarBand.Core.Tests.Session;

/// <summary>
/// A host talking to any <see cref="IBandPort"/> through Core's <see cref="CommandHandler"/> with the client codec
/// (<see cref="RequestBuilder"/>, <see cref="ResponseParser"/>, <see cref="DownloadReceiver"/>): the pattern of the
/// protocol tests' BandLink and HostDownloader, for the real band port instead of their fake.
/// </summary>
public sealed class PortLink
{
    private readonly byte[] _frame = new byte[ProtocolConstants.MaxPayloadBytes];
    private readonly byte[] _response = new byte[ProtocolConstants.MaxPayloadBytes];
    private readonly byte[] _chunk = new byte[ProtocolConstants.MaxPayloadBytes];
    private readonly Action? _runBandOwner;
    private byte _nextRequestId = 1;

    /// <summary>
    /// Connects to <paramref name="port"/> over a trusted link at <paramref name="mtu"/>; a request the port sends to
    /// the band's owner is completed after <paramref name="runBandOwner"/> (one drain of the owner) runs.
    /// </summary>
    public PortLink(IBandPort port, int mtu = ProtocolConstants.DefaultAttMtu, Action? runBandOwner = null)
    {
        _runBandOwner = runBandOwner;
        Handler = new CommandHandler(port);
        Handler.OnConnected();
        Handler.OnMtuChanged(mtu);
    }

    /// <summary>The band's protocol engine.</summary>
    public CommandHandler Handler { get; }

    /// <summary>The last response.</summary>
    public byte[] Response => _response;

    /// <summary>The status byte of the last response.</summary>
    public ErrorCode LastStatus => (ErrorCode)_response[ProtocolConstants.StatusOffset];

    /// <summary>Sends a request built by <paramref name="build"/>; returns the response length.</summary>
    public int Send(Func<byte[], byte, int> build)
    {
        byte id = _nextRequestId++;
        int length = build(_frame, id);
        int n = Handler.OnControlWrite(_frame, length, LinkSecurity.Trusted, _response);
        if (Handler.IsAwaitingBand)
        {
            Assert.Equal(0, n);
            Assert.NotNull(_runBandOwner);
            Assert.Equal(0, Handler.CompletePending(_response));
            _runBandOwner!();
            n = Handler.CompletePending(_response);
            Assert.True(n > 0, "the band's owner did not answer the request");
        }

        Assert.Equal(_frame[0], _response[0]);
        Assert.Equal(id, _response[1]);
        return n;
    }

    /// <summary>Every session the band lists, page by page.</summary>
    public List<SessionInfo> ListSessions()
    {
        var all = new List<SessionInfo>();
        uint after = 0;
        while (true)
        {
            uint cursor = after;
            int n = Send((f, id) => RequestBuilder.ListSessions(f, id, cursor));
            int entries = ResponseParser.SessionEntryCount(_response, n);
            Assert.True(entries >= 0, "malformed list response");
            if (entries == 0)
            {
                return all;
            }

            for (int i = 0; i < entries; i++)
            {
                var info = new SessionInfo();
                ResponseParser.ReadSessionEntry(_response, i, info);
                all.Add(info);
                after = info.Id;
            }
        }
    }

    /// <summary>Downloads session <paramref name="sessionId"/> whole, checking chunk sequence and CRC; null when refused.</summary>
    public byte[]? Download(uint sessionId)
    {
        int n = Send((f, id) => RequestBuilder.ReadSession(f, id, sessionId, 0));
        if (!ResponseParser.ReadSessionHeader(_response, n, out int length, out uint crc))
        {
            return null;
        }

        var receiver = new DownloadReceiver();
        receiver.Begin(sessionId, length, crc, 0);
        var session = new byte[length];
        ChunkResult last = length == 0 ? receiver.Verify(session) : ChunkResult.Accepted;
        while (last == ChunkResult.Accepted)
        {
            int c = Handler.NextDataChunk(_chunk);
            Assert.True(c > 0, "the band stopped sending before the session was complete");
            last = receiver.Accept(_chunk, c, session);
        }

        Assert.Equal(ChunkResult.Complete, last);
        return session;
    }

    /// <summary>Acknowledges every session through <paramref name="session"/>; returns the band's answer.</summary>
    public ErrorCode Acknowledge(SessionInfo session)
    {
        Send((f, id) => RequestBuilder.AcknowledgeSessions(f, id, session.Id, session.Crc));
        return LastStatus;
    }
}
