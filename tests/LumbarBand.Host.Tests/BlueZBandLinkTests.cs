using LumbarBand.Core.Protocol;
using LumbarBand.Host.Links;
using LumbarBand.Host.Sessions;
using LumbarBand.Host.Store;
using LumbarBand.Host.Sync;
using LumbarBand.Host.VirtualBand;
using Tmds.DBus.Protocol;
using Xunit.Abstractions;

namespace LumbarBand.Host.Tests;

/// <summary>
/// The BlueZ transport against a real dbus-daemon serving org.bluez from python3-dbusmock's bluez5 template,
/// extended with the band's GATT objects, which forward to Core's protocol engine in a virtual band. Skipped, saying
/// what to install, where dbus-daemon or python3-dbusmock is absent.
/// </summary>
public sealed class BlueZBandLinkTests(ITestOutputHelper output) : IDisposable
{
    private const string BandAddress = "C4:4F:33:0B:1E:50";
    private static readonly TimeSpan Scan = TimeSpan.FromSeconds(5);
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [SkippableFact]
    public async Task DiscoveryFindsTheBandThenConnectPairAndAFullDownloadGoThroughGattCharacteristics()
    {
        RequireMock();
        await using VirtualBandServer band = TestWalks.StartBand(walks: 2);
        using BlueZMockBus bus = BlueZMockBus.Start(band.Port, _temp.File("mock.log"));

        using (DBusConnection connection = await BlueZScanner.ConnectAsync(bus.Address))
        {
            IReadOnlyList<BandCandidate> found = await BlueZScanner.ScanAsync(connection, Scan, f => f.Count > 0, CancellationToken.None);
            BandCandidate candidate = Assert.Single(found);
            Assert.Equal(BandAddress, candidate.Address);
            Assert.False(candidate.Paired);
        }

        using SessionStore store = SessionStore.Open(_temp.File("data"));
        await using (var link = new BlueZBandLink(BandAddress, bus.Address, Scan))
        {
            var client = new BandClient(link);
            await client.OpenAsync(pair: true, CancellationToken.None);
            Assert.True(link.IsPaired);
            Assert.Equal(185, link.AttMtu);
            Assert.Equal(ProtocolConstants.VersionMajor, client.Device!.ProtocolMajor);

            SyncResult result = await BandSync.RunAsync(client, store, new SyncOptions { SetTime = false }, null, CancellationToken.None);

            Assert.Equal(2, result.Imported);
            Assert.Equal(2u, result.AcknowledgedThrough);
            StatusMessage status = await client.ReadStatusAsync(CancellationToken.None);
            Assert.Equal((2, 0), (status.StoredSessions, status.UnacknowledgedSessions));
        }

        IReadOnlyList<byte[]> onBand = band.Inspect(b => ((SimulatedBand)b).ListSessions().Select(s => ((SimulatedBand)b).ReadSessionBytes(s.Id)).ToList());
        IReadOnlyList<StoredSession> stored = store.Sessions();
        Assert.Equal(onBand, stored.Select(s => store.RawBytes(s.RowId)));
        Assert.All(stored, s => Assert.Equal(CoreSessionDecoder.DecoderName, s.Decoder));
        Assert.All(stored, s => Assert.StartsWith("BLE band " + BandAddress, s.Source, StringComparison.Ordinal));
        string log = bus.Log();
        output.WriteLine(log.Length > 4000 ? log[..4000] : log);
        foreach (string call in new[] { "SetDiscoveryFilter", "StartDiscovery", "StopDiscovery", "Connect", "Pair", "StartNotify", "WriteValue", "ReadValue" })
        {
            Assert.Contains(call, log, StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task ALinkLostMidDownloadOverBlueZResumesOnTheNextConnection()
    {
        RequireMock();
        await using VirtualBandServer band = TestWalks.StartBand(walks: 1);
        using BlueZMockBus bus = BlueZMockBus.Start(band.Port, _temp.File("mock.log"), new Dictionary<string, object> { ["mtu"] = 23 });
        using SessionStore store = SessionStore.Open(_temp.File("data"));
        band.Faults.DropLinkAfterDataChunks(4);

        await using (var link = new BlueZBandLink(BandAddress, bus.Address, Scan))
        {
            var client = new BandClient(link);
            await client.OpenAsync(pair: true, CancellationToken.None);
            await Assert.ThrowsAsync<BandLinkLostException>(() => BandSync.RunAsync(client, store, new SyncOptions { SetTime = false }, null, CancellationToken.None));
        }

        Assert.Equal(4 * 18, store.LoadPartial(DeviceIdentity.FromSerial(SimulatedBand.DefaultSerial), 1)!.Received);
        await using (var link = new BlueZBandLink(BandAddress, bus.Address, Scan))
        {
            var client = new BandClient(link);
            await client.OpenAsync(pair: true, CancellationToken.None);
            SyncResult result = await BandSync.RunAsync(client, store, new SyncOptions { SetTime = false }, null, CancellationToken.None);
            Assert.Equal((1, 1), (result.Imported, result.Resumed));
        }

        Assert.Equal(1, store.SessionCount());
    }

    [SkippableFact]
    public async Task APairingRefusedByTheBandIsReportedPlainly()
    {
        RequireMock();
        await using VirtualBandServer band = TestWalks.StartBand(walks: 1, new VirtualBandOptions { PairingWindowOpenAtStart = false });
        using BlueZMockBus bus = BlueZMockBus.Start(band.Port, _temp.File("mock.log"));
        await using var link = new BlueZBandLink(BandAddress, bus.Address, Scan);
        var client = new BandClient(link);

        PairingRefusedException e = await Assert.ThrowsAsync<PairingRefusedException>(() => client.OpenAsync(pair: true, CancellationToken.None));
        Assert.Contains("pairing window", e.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task NoAdapterAndNoBandGiveClearErrors()
    {
        RequireMock();
        await using VirtualBandServer band = TestWalks.StartBand(walks: 1);
        using (BlueZMockBus noAdapter = BlueZMockBus.Start(band.Port, _temp.File("none.log"), new Dictionary<string, object> { ["adapter"] = false }))
        {
            await using var link = new BlueZBandLink(null, noAdapter.Address, Scan);
            NoBluetoothAdapterException e = await Assert.ThrowsAsync<NoBluetoothAdapterException>(() => link.ConnectAsync(CancellationToken.None));
            Assert.Contains("no Bluetooth adapter", e.Message, StringComparison.Ordinal);
        }

        using BlueZMockBus bus = BlueZMockBus.Start(band.Port, _temp.File("mock.log"));
        await using var elsewhere = new BlueZBandLink("00:11:22:33:44:55", bus.Address, TimeSpan.FromSeconds(1));
        BandNotFoundException notFound = await Assert.ThrowsAsync<BandNotFoundException>(() => elsewhere.ConnectAsync(CancellationToken.None));
        Assert.Contains("00:11:22:33:44:55", notFound.Message, StringComparison.Ordinal);
    }

    private void RequireMock() => SystemTool.Require(BlueZMockBus.MissingReason(), output);
}
