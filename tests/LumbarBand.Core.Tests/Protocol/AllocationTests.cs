using LumbarBand.Core.Protocol;

namespace LumbarBand.Core.Tests.Protocol;

/// <summary>
/// The band's side allocates nothing per message on the paths that do not decode settings: device info, listing,
/// reading a session, chunks, acknowledgements, status, and every refusal.
/// </summary>
public sealed class AllocationTests
{
    [Fact]
    public void HandlerAllocatesNothingPerMessage()
    {
        var band = new FakeBand();
        for (int i = 0; i < 5; i++)
        {
            band.AddSession(new byte[3000]);
        }

        var handler = new CommandHandler(band);
        handler.OnMtuChanged(185);
        var frame = new byte[ProtocolConstants.MaxPayloadBytes];
        var response = new byte[ProtocolConstants.MaxPayloadBytes];
        var chunk = new byte[ProtocolConstants.MaxPayloadBytes];
        uint crc = band.Sessions[2].Crc;

        void Round()
        {
            Send(handler, frame, response, RequestBuilder.GetDeviceInfo(frame, 1));
            Send(handler, frame, response, RequestBuilder.ListSessions(frame, 2, 0));
            Send(handler, frame, response, RequestBuilder.ReadSession(frame, 3, 3, 100));
            for (int i = 0; i < 20; i++)
            {
                handler.NextDataChunk(chunk);
            }

            Send(handler, frame, response, RequestBuilder.AcknowledgeSessions(frame, 4, 3, crc));
            Send(handler, frame, response, RequestBuilder.AcknowledgeSessions(frame, 5, 3, crc ^ 1));
            Send(handler, frame, response, RequestBuilder.ReadSession(frame, 6, 99, 0));
            Send(handler, frame, response, RequestBuilder.CancelRead(frame, 7));
            handler.OnControlWrite(frame, 3, LinkSecurity.None, response);
            handler.ReadStatus(LinkSecurity.Trusted, response);
        }

        Round();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            Round();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void Send(CommandHandler handler, byte[] frame, byte[] response, int length)
        => handler.OnControlWrite(frame, length, LinkSecurity.Trusted, response);
}
