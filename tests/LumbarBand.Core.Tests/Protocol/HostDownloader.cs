using LumbarBand.Core.Protocol;

namespace LumbarBand.Core.Tests.Protocol;

/// <summary>
/// The host's download logic over <see cref="BandLink"/>, built only from the client codec (<see cref="RequestBuilder"/>,
/// <see cref="ResponseParser"/>, <see cref="DownloadReceiver"/>): what the host logger will do, in miniature.
/// </summary>
public sealed class HostDownloader(BandLink link)
{
    private readonly BandLink _link = link;

    /// <summary>The device info exchange every conversation starts with.</summary>
    public DeviceInfo ReadDeviceInfo()
    {
        var info = new DeviceInfo();
        int n = _link.Send(RequestBuilder.GetDeviceInfo);
        Assert.True(ResponseParser.ReadDeviceInfo(_link.Response, n, info));
        return info;
    }

    /// <summary>Every stored session, page by page.</summary>
    public List<SessionInfo> ListSessions()
    {
        var all = new List<SessionInfo>();
        uint after = 0;
        while (true)
        {
            uint cursor = after;
            int n = _link.Send((f, id) => RequestBuilder.ListSessions(f, id, cursor));
            int entries = ResponseParser.SessionEntryCount(_link.Response, n);
            Assert.True(entries >= 0, "malformed list response");
            if (entries == 0)
            {
                return all;
            }

            for (int i = 0; i < entries; i++)
            {
                var info = new SessionInfo();
                ResponseParser.ReadSessionEntry(_link.Response, i, info);
                all.Add(info);
                after = info.Id;
            }
        }
    }

    /// <summary>
    /// Sends <see cref="Opcode.ReadSession"/> from <paramref name="receiver"/>'s <see cref="DownloadReceiver.Received"/>
    /// (0 for a new download) and begins receiving.
    /// </summary>
    public void StartRead(uint sessionId, DownloadReceiver receiver, bool resume)
    {
        int from = resume ? receiver.Received : 0;
        int n = _link.Send((f, id) => RequestBuilder.ReadSession(f, id, sessionId, from));
        Assert.True(ResponseParser.ReadSessionHeader(_link.Response, n, out int length, out uint crc), $"read refused: {_link.LastStatus}");
        receiver.Begin(sessionId, length, crc, from);
    }

    /// <summary>
    /// Pumps chunks into <paramref name="receiver"/>: at most <paramref name="maxChunks"/>, stopping when the
    /// session is complete or a chunk is refused; returns the last result.
    /// </summary>
    public ChunkResult Pump(DownloadReceiver receiver, byte[] session, int maxChunks = int.MaxValue)
    {
        ChunkResult last = ChunkResult.Accepted;
        for (int i = 0; i < maxChunks; i++)
        {
            int n = _link.PumpChunk();
            if (n == 0)
            {
                break;
            }

            last = receiver.Accept(_link.Chunk, n, session);
            if (last != ChunkResult.Accepted)
            {
                break;
            }
        }

        return last;
    }

    /// <summary>Acknowledges every session through <paramref name="session"/>.</summary>
    public ErrorCode Acknowledge(SessionInfo session)
    {
        _link.Send((f, id) => RequestBuilder.AcknowledgeSessions(f, id, session.Id, session.Crc));
        return _link.LastStatus;
    }
}
