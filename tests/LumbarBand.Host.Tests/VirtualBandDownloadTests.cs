using LumbarBand.Core.Protocol;
using LumbarBand.Host.Links;
using LumbarBand.Host.Sessions;
using LumbarBand.Host.Store;
using LumbarBand.Host.Sync;
using LumbarBand.Host.VirtualBand;

namespace LumbarBand.Host.Tests;

/// <summary>
/// End to end against the virtual band over TCP: Core's CommandHandler on the band's side, Core's RequestBuilder,
/// ResponseParser and DownloadReceiver on the host's, the SQLite store in between.
/// </summary>
public sealed class VirtualBandDownloadTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task DownloadStoresEverySessionDecodedAndAcknowledgesThem()
    {
        await using VirtualBandServer band = TestWalks.StartBand(walks: 2);
        using SessionStore store = SessionStore.Open(_data.Path);

        SyncResult result = await SyncOnce(band, store, mtu: ProtocolConstants.DefaultAttMtu);

        Assert.Equal(2, result.Imported);
        Assert.Equal(2u, result.AcknowledgedThrough);
        Assert.Equal(2u, AcknowledgedOnBand(band));
        IReadOnlyList<StoredSession> sessions = store.Sessions();
        Assert.Equal([1u, 2u], sessions.Select(s => s.SessionId));
        foreach (StoredSession s in sessions)
        {
            Assert.Equal(CoreSessionDecoder.DecoderName, s.Decoder);
            Assert.NotNull(s.Decoded);
            Assert.True(s.Decoded!.Totals.Steps > 100, $"steps {s.Decoded.Totals.Steps}");
            Assert.Equal(1, s.Decoded.Totals.PainMarkers);
            Assert.Contains("simulated", s.Source, StringComparison.Ordinal);

            // The band starts a session at its walking bout's first step, a few seconds into the replay.
            TimeSpan after = s.StartUtc!.Value - TestWalks.Monday.AddDays(s.SessionId - 1);
            Assert.InRange(after.TotalSeconds, 0, 15);
        }
    }

    [Fact]
    public async Task ALinkDroppedMidTransferKeepsTheBytesHeldAndTheNextDownloadResumesFromThem()
    {
        await using VirtualBandServer band = TestWalks.StartBand(walks: 1);
        using SessionStore store = SessionStore.Open(_data.Path);
        band.Faults.DropLinkAfterDataChunks(3);

        await Assert.ThrowsAsync<BandLinkLostException>(() => SyncOnce(band, store, ProtocolConstants.DefaultAttMtu));

        SessionInfo onBand = band.Inspect(b => ((SimulatedBand)b).ListSessions()[0]);
        byte[] onBandBytes = band.Inspect(b => ((SimulatedBand)b).ReadSessionBytes(onBand.Id));
        PartialDownload? partial = store.LoadPartial(DeviceIdentity.FromSerial(SimulatedBand.DefaultSerial), onBand.Id);
        Assert.NotNull(partial);
        Assert.Equal(3 * (ProtocolConstants.DefaultPayloadBytes - ProtocolConstants.ChunkHeaderBytes), partial!.Received);
        Assert.True(onBandBytes.AsSpan(0, partial.Received).SequenceEqual(partial.Bytes.AsSpan(0, partial.Received)));
        Assert.Equal(0, store.SessionCount());
        Assert.Equal(0u, AcknowledgedOnBand(band));

        // Next time, at another MTU: the download starts from the bytes held, not from 0.
        int chunksBefore = band.DataChunksSent;
        SyncResult resumed = await SyncOnce(band, store, mtu: 185);

        Assert.Equal(1, resumed.Resumed);
        Assert.Equal(onBandBytes.Length - partial.Received, resumed.BytesReceived);
        Assert.Equal((onBandBytes.Length - partial.Received + 179) / 180, band.DataChunksSent - chunksBefore);
        Assert.Equal(1, store.SessionCount());
        Assert.Equal(onBandBytes, store.RawBytes(store.Sessions()[0].RowId));
        Assert.Null(store.LoadPartial(DeviceIdentity.FromSerial(SimulatedBand.DefaultSerial), onBand.Id));
        Assert.Equal(1u, AcknowledgedOnBand(band));
    }

    [Fact]
    public async Task DownloadingTwiceStoresEachSessionOnce()
    {
        await using VirtualBandServer band = TestWalks.StartBand(walks: 2);
        using SessionStore store = SessionStore.Open(_data.Path);

        SyncResult first = await SyncOnce(band, store, ProtocolConstants.MaxAttMtu);
        SyncResult second = await SyncOnce(band, store, ProtocolConstants.MaxAttMtu);
        SyncResult everything = await SyncOnce(band, store, ProtocolConstants.MaxAttMtu, new SyncOptions { RedownloadStored = true });

        Assert.Equal(2, first.Imported);
        Assert.Equal((0, 2), (second.Imported, second.AlreadyStored));
        Assert.Equal(0, second.BytesReceived);
        Assert.Equal((0, 2), (everything.Imported, everything.AlreadyStored));
        Assert.True(everything.BytesReceived > 0, "--all downloads again");
        Assert.Equal(2, store.SessionCount());
    }

    [Fact]
    public async Task TheBandIsAcknowledgedOnlyAfterTheStoreCommittedAndALostAcknowledgementIsRepairedWithoutDuplicates()
    {
        await using VirtualBandServer band = TestWalks.StartBand(walks: 1);
        using SessionStore store = SessionStore.Open(_data.Path);
        bool storedBeforeAck = false;
        var options = new SyncOptions
        {
            AfterCommit = (progress, _) =>
            {
                // Another connection (another process, as it were) sees the session on disk before the ack goes out.
                using SessionStore other = SessionStore.Open(_data.Path);
                storedBeforeAck = other.Contains(DeviceIdentity.FromSerial(SimulatedBand.DefaultSerial), progress.Session!.Id, progress.Session.Crc);
                return Task.CompletedTask;
            },
        };

        // The link dies between the commit and the acknowledgement: the band never hears of it.
        band.Faults.DropLinkOnRequest(Opcode.AcknowledgeSessions);
        await Assert.ThrowsAsync<BandLinkLostException>(() => SyncOnce(band, store, ProtocolConstants.MaxAttMtu, options));

        Assert.True(storedBeforeAck);
        Assert.Equal(1, store.SessionCount());
        Assert.Equal(0u, AcknowledgedOnBand(band));
        Assert.False(band.Inspect(b => ((SimulatedBand)b).ListSessions()[0].Acknowledged));

        // Next run: the band still lists it unacknowledged; re-importing is a no-op, and now it is acknowledged.
        SyncResult repaired = await SyncOnce(band, store, ProtocolConstants.MaxAttMtu, new SyncOptions { RedownloadStored = true });

        Assert.Equal((0, 1), (repaired.Imported, repaired.AlreadyStored));
        Assert.Equal(1, store.SessionCount());
        Assert.Equal(1u, AcknowledgedOnBand(band));
    }

    [Fact]
    public async Task AClosedPairingWindowGivesAClearPairingRefusedError()
    {
        await using VirtualBandServer band = TestWalks.StartBand(walks: 1, new VirtualBandOptions { PairingWindowOpenAtStart = false });
        await using var link = new TcpBandLink(band.Port, hostId: NewHostId());
        var client = new BandClient(link);

        PairingRefusedException refused = await Assert.ThrowsAsync<PairingRefusedException>(() => client.OpenAsync(pair: true, CancellationToken.None));

        Assert.Contains("press the band's button three times", refused.Message, StringComparison.Ordinal);
        Assert.Equal(ProtocolConstants.VersionMajor, client.Device!.ProtocolMajor);
    }

    [Fact]
    public async Task TheVirtualBandTrustsAnEnrolledHostByItsKeyAndRefusesAStrangerWithABond()
    {
        // The virtual band runs Core's LinkTrust, as the firmware does: the first host enrolls in the open window.
        await using VirtualBandServer band = TestWalks.StartBand(walks: 1);
        HostKeyring owner = HostKeyring.InMemory();
        ulong ownerTransport = NewHostId();
        await using (var link = new TcpBandLink(band.Port, hostId: ownerTransport))
        {
            await new BandClient(link, keyring: owner).OpenAsync(pair: true, CancellationToken.None);
        }

        // A stranger reusing a bonded transport id (the band's bond list knows it) but holding no key is refused.
        ulong bondedTransport = NewHostId();
        await using (var first = new TcpBandLink(band.Port, hostId: bondedTransport))
        {
            band.PressPairingButton();
            await new BandClient(first, keyring: HostKeyring.InMemory()).OpenAsync(pair: true, CancellationToken.None);
        }

        await using (var stranger = new TcpBandLink(band.Port, hostId: bondedTransport))
        {
            await Assert.ThrowsAsync<PairingRefusedException>(() => new BandClient(stranger, keyring: HostKeyring.InMemory()).OpenAsync(pair: true, CancellationToken.None));
        }

        // The owner reconnects outside any window and proves its key: trusted, its requests answered.
        await using (var again = new TcpBandLink(band.Port, hostId: ownerTransport))
        {
            var client = new BandClient(again, keyring: owner);
            await client.OpenAsync(pair: true, CancellationToken.None);
            await client.SetTimeAsync(DateTimeOffset.UnixEpoch.AddSeconds(ProtocolConstants.EarliestUtcSeconds + 10), CancellationToken.None);
        }
    }

    [Fact]
    public async Task NothingListensGivesBandNotFound()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        await using var link = new TcpBandLink(port, hostId: NewHostId());
        BandNotFoundException e = await Assert.ThrowsAsync<BandNotFoundException>(() => link.ConnectAsync(CancellationToken.None));
        Assert.Contains("virtual-band", e.Message, StringComparison.Ordinal);
    }

    private static ulong NewHostId() => BitConverter.ToUInt64(Guid.NewGuid().ToByteArray());

    private static uint AcknowledgedOnBand(VirtualBandServer band) =>
        band.Inspect(b => ((SimulatedBand)b).ListSessions().Where(s => s.Acknowledged).Select(s => s.Id).DefaultIfEmpty(0u).Max());

    private static async Task<SyncResult> SyncOnce(VirtualBandServer band, SessionStore store, int mtu, SyncOptions? options = null)
    {
        await using var link = new TcpBandLink(band.Port, mtu, hostId: 42);
        var client = new BandClient(link);
        await client.OpenAsync(pair: true, CancellationToken.None);
        return await BandSync.RunAsync(client, store, options ?? new SyncOptions { SetTime = false }, null, CancellationToken.None);
    }
}
