using LumbarBand.Core.Protocol;
using LumbarBand.Core.Storage;
using Xunit.Abstractions;

namespace LumbarBand.Core.Tests.Protocol;

/// <summary>
/// Session downloads survive dropped links: interrupted at every chunk boundary (with and without a chunk lost in
/// flight, and at a different MTU after reconnecting), the download resumes from the host's offset and ends
/// byte-identical with a matching CRC-32. Lost and corrupted data is detected, never silently accepted.
/// </summary>
public sealed class DownloadResumeTests(ITestOutputHelper output)
{
    /// <summary>The placeholder size of one walking hour's session (the lead derives the real one from the session format).</summary>
    private const int WalkingHourBytes = 2048;

    [Theory]
    [InlineData(23, 23, false)]
    [InlineData(23, 23, true)]
    [InlineData(185, 185, false)]
    [InlineData(185, 185, true)]
    [InlineData(185, 23, true)]
    [InlineData(23, 247, false)]
    public void DownloadInterruptedAtEveryChunkBoundaryResumesByteIdentical(int mtu, int resumeMtu, bool chunkLostInFlight)
    {
        byte[] original = SessionBytes(WalkingHourBytes, seed: mtu + resumeMtu);
        int chunks = ChunksFor(original.Length, mtu);
        for (int boundary = 0; boundary <= chunks; boundary++)
        {
            var band = new FakeBand();
            uint id = band.AddSession(original);
            var link = new BandLink(band, mtu);
            var host = new HostDownloader(link);
            SessionInfo info = Assert.Single(host.ListSessions());
            var session = new byte[info.Length];
            var receiver = new DownloadReceiver();

            host.StartRead(id, receiver, resume: false);
            ChunkResult first = host.Pump(receiver, session, maxChunks: boundary);
            if (boundary == chunks)
            {
                Assert.Equal(ChunkResult.Complete, first);
                continue;
            }

            Assert.Equal(ChunkResult.Accepted, first);
            if (chunkLostInFlight)
            {
                Assert.True(link.PumpChunk() > 0, "the band sent a chunk the host never got");
            }

            link.Disconnect();
            receiver.Suspend();
            Assert.False(link.Handler.Transfer.Active);

            link.Connect(resumeMtu);
            host.StartRead(id, receiver, resume: true);
            Assert.Equal(ChunkResult.Complete, host.Pump(receiver, session));
            Assert.Equal(original, session);
            Assert.Equal(info.Crc, Crc32C.Compute(session, 0, session.Length));
            Assert.Equal(0, link.PumpChunk());
        }

        output.WriteLine($"MTU {mtu} -> {resumeMtu}, lost in flight {chunkLostInFlight}: {chunks + 1} interruption points");
    }

    [Fact]
    public void ManyRandomDropsStillEndByteIdentical()
    {
        var random = new Random(61);
        for (int trial = 0; trial < 50; trial++)
        {
            byte[] original = SessionBytes(random.Next(1, 6000), seed: trial);
            var band = new FakeBand();
            uint id = band.AddSession(original);
            var link = new BandLink(band, random.Next(2) == 0 ? 23 : 185);
            var host = new HostDownloader(link);
            var session = new byte[original.Length];
            var receiver = new DownloadReceiver();
            host.StartRead(id, receiver, resume: false);
            int drops = 0;
            while (host.Pump(receiver, session, maxChunks: random.Next(0, 12)) != ChunkResult.Complete)
            {
                if (link.Handler.Transfer.Active && random.Next(2) == 0)
                {
                    link.PumpChunk();
                }

                link.Disconnect();
                receiver.Suspend();
                link.Connect(new[] { 23, 64, 185, 247 }[random.Next(4)]);
                host.StartRead(id, receiver, resume: true);
                drops++;
            }

            Assert.Equal(original, session);
            Assert.True(receiver.Complete);
            output.WriteLine($"trial {trial}: {original.Length} bytes, {drops} drops");
        }
    }

    [Fact]
    public void LostNotificationIsASequenceGapAndTheResumeFillsIt()
    {
        byte[] original = SessionBytes(500, seed: 3);
        var band = new FakeBand();
        uint id = band.AddSession(original);
        var link = new BandLink(band);
        var host = new HostDownloader(link);
        var session = new byte[original.Length];
        var receiver = new DownloadReceiver();
        host.StartRead(id, receiver, resume: false);
        Assert.Equal(ChunkResult.Accepted, host.Pump(receiver, session, maxChunks: 5));

        Assert.True(link.PumpChunk() > 0); // lost: the host never sees it
        int n = link.PumpChunk();
        Assert.Equal(ChunkResult.SequenceGap, receiver.Accept(link.Chunk, n, session));
        Assert.Equal(5 * 18, receiver.Received);
        Assert.Equal(ChunkResult.NotReceiving, receiver.Accept(link.Chunk, n, session));

        host.StartRead(id, receiver, resume: true);
        Assert.Equal(ChunkResult.Complete, host.Pump(receiver, session));
        Assert.Equal(original, session);
    }

    [Fact]
    public void CorruptedBytesFailTheWholeSessionCrc()
    {
        byte[] original = SessionBytes(300, seed: 4);
        var band = new FakeBand();
        uint id = band.AddSession(original);
        var link = new BandLink(band);
        var host = new HostDownloader(link);
        var session = new byte[original.Length];
        var receiver = new DownloadReceiver();
        host.StartRead(id, receiver, resume: false);
        ChunkResult last = ChunkResult.Accepted;
        for (int i = 0; last == ChunkResult.Accepted; i++)
        {
            int n = link.PumpChunk();
            if (i == 7)
            {
                link.Chunk[5] ^= 0x10; // a bit flipped on the way, past every link-layer check
            }

            last = receiver.Accept(link.Chunk, n, session);
        }

        Assert.Equal(ChunkResult.CrcMismatch, last);
        Assert.False(receiver.Complete);
        Assert.Equal(0, receiver.Received);

        host.StartRead(id, receiver, resume: true);
        Assert.Equal(ChunkResult.Complete, host.Pump(receiver, session));
        Assert.Equal(original, session);
    }

    [Fact]
    public void ChunksAreSequenceNumberedFromZeroAtEveryStart()
    {
        byte[] original = SessionBytes(100, seed: 5);
        var band = new FakeBand();
        uint id = band.AddSession(original);
        var link = new BandLink(band);
        link.Send((f, r) => RequestBuilder.ReadSession(f, r, id, 40));
        var sequences = new List<int>();
        var offsets = new List<byte>();
        for (int n = link.PumpChunk(); n > 0; n = link.PumpChunk())
        {
            sequences.Add(LittleEndian.ReadUInt16(link.Chunk, 0));
            offsets.Add(link.Chunk[2]);
        }

        Assert.Equal([0, 1, 2, 3], sequences);
        Assert.Equal([original[40], original[58], original[76], original[94]], offsets);
    }

    [Fact]
    public void ResumingAtTheEndSendsNothingAndVerifies()
    {
        byte[] original = SessionBytes(64, seed: 6);
        var band = new FakeBand();
        uint id = band.AddSession(original);
        var link = new BandLink(band);
        var host = new HostDownloader(link);
        var session = (byte[])original.Clone();
        var receiver = new DownloadReceiver();
        receiver.Begin(id, 64, 0, 64);
        host.StartRead(id, receiver, resume: true);
        Assert.False(link.Handler.Transfer.Active);
        Assert.Equal(0, link.PumpChunk());
        Assert.Equal(ChunkResult.Complete, receiver.Verify(session));
    }

    [Fact]
    public void ASessionEvictedMidTransferEndsTheTransfer()
    {
        var band = new FakeBand();
        uint id = band.AddSession(SessionBytes(200, seed: 7));
        var link = new BandLink(band);
        link.Send((f, r) => RequestBuilder.ReadSession(f, r, id, 0));
        Assert.True(link.PumpChunk() > 0);
        band.EraseSessions();
        Assert.Equal(0, link.PumpChunk());
        Assert.True(link.Handler.Transfer.Aborted);
        link.Send((f, r) => RequestBuilder.ReadSession(f, r, id, 18));
        Assert.Equal(ErrorCode.SessionNotFound, link.LastStatus);
    }

    [Fact]
    public void CancelReadStopsTheChunks()
    {
        var band = new FakeBand();
        uint id = band.AddSession(SessionBytes(200, seed: 8));
        var link = new BandLink(band);
        link.Send((f, r) => RequestBuilder.ReadSession(f, r, id, 0));
        Assert.True(link.PumpChunk() > 0);
        link.Send(RequestBuilder.CancelRead);
        Assert.Equal(ErrorCode.None, link.LastStatus);
        Assert.Equal(0, link.PumpChunk());
    }

    internal static byte[] SessionBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static int ChunksFor(int length, int mtu)
    {
        int perChunk = ProtocolConstants.PayloadForMtu(mtu) - ProtocolConstants.ChunkHeaderBytes;
        return (length + perChunk - 1) / perChunk;
    }
}
