using System.Threading.Channels;
using LumbarBand.Core.Configuration;
using LumbarBand.Core.Protocol;
using LumbarBand.Host.Links;
using LumbarBand.Host.Sync;
using LumbarBand.Host.VirtualBand;

namespace LumbarBand.Host.Tests;

/// <summary>The host's requests other than the download, against the virtual band (Core's CommandHandler).</summary>
public sealed class BandClientTests
{
    [Fact]
    public async Task SettingsAreReadPagedAndChangedAllOrNothingWithTheBandsReasonForARefusal()
    {
        await using VirtualBandServer band = TestWalks.StartBand(walks: 1);
        await using var link = new TcpBandLink(band.Port, ProtocolConstants.DefaultAttMtu, hostId: 9);
        var client = new BandClient(link);
        await client.OpenAsync(pair: true, CancellationToken.None);

        BandSettings before = await client.GetSettingsAsync(CancellationToken.None);
        Assert.True(before.SameAs(new BandSettings()));

        var change = new byte[16];
        int length = SettingsCodec.WriteSetting(change, SettingsCodec.WriteHeader(change, 0), (int)SettingId.EpochSeconds, 30);
        await client.WriteConfigurationAsync(change.AsSpan(0, length).ToArray(), CancellationToken.None);
        Assert.Equal(30, (await client.GetSettingsAsync(CancellationToken.None)).EpochSeconds);

        // Out of range: the band says which setting and why, and nothing changes.
        length = SettingsCodec.WriteSetting(change, SettingsCodec.WriteHeader(change, 0), (int)SettingId.EpochSeconds, 5);
        BandRequestException refused = await Assert.ThrowsAsync<BandRequestException>(() => client.WriteConfigurationAsync(change.AsSpan(0, length).ToArray(), CancellationToken.None));
        Assert.Equal(ErrorCode.InvalidConfiguration, refused.Error);
        Assert.Contains("out of range", refused.Message, StringComparison.Ordinal);
        Assert.Equal(30, (await client.GetSettingsAsync(CancellationToken.None)).EpochSeconds);
    }

    [Fact]
    public async Task TimeIsSetAndTheStatusReadOnATrustedLink()
    {
        await using VirtualBandServer band = TestWalks.StartBand(walks: 2);
        await using var link = new TcpBandLink(band.Port, hostId: 10);
        var client = new BandClient(link);
        await client.OpenAsync(pair: true, CancellationToken.None);
        var now = new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

        await client.SetTimeAsync(now, CancellationToken.None);
        StatusMessage status = await client.ReadStatusAsync(CancellationToken.None);

        Assert.Equal((uint)now.ToUnixTimeSeconds(), band.Inspect(b => ((SimulatedBand)b).UtcNow));
        Assert.True(status.Has(StatusMessage.FlagClockSet));
        Assert.Equal((2, 2), (status.StoredSessions, status.UnacknowledgedSessions));
        Assert.True(status.Steps > 100);
    }

    [Fact]
    public async Task AnUnpairedHostLearnsTheDeviceInfoButNothingElse()
    {
        await using VirtualBandServer band = TestWalks.StartBand(walks: 1, new VirtualBandOptions { PairingWindowOpenAtStart = false });
        await using var link = new TcpBandLink(band.Port, hostId: 11);
        var client = new BandClient(link);

        DeviceInfo info = await client.OpenAsync(pair: false, CancellationToken.None);

        Assert.Equal(SimulatedBand.DefaultSerial, info.SerialNumber);
        Assert.False(link.IsPaired);
        await Assert.ThrowsAsync<PairingRequiredException>(() => client.ListSessionsAsync(CancellationToken.None));
        await Assert.ThrowsAsync<PairingRequiredException>(() => link.SubscribeAsync(BandCharacteristic.Data, CancellationToken.None));
    }

    [Fact]
    public async Task ABandWithANewerMajorProtocolGetsNothingButGetDeviceInfo()
    {
        await using var link = new NewerBandLink();
        var client = new BandClient(link);

        NewerProtocolException e = await Assert.ThrowsAsync<NewerProtocolException>(() => client.OpenAsync(pair: true, CancellationToken.None));

        Assert.Contains("update lumbarband", e.Message, StringComparison.Ordinal);
        Assert.Equal([(byte)Opcode.GetDeviceInfo], link.Opcodes);
        Assert.False(link.PairAttempted);
    }

    /// <summary>A link to a band of protocol 2.0: answers GetDeviceInfo (whose layout never changes) and records everything else.</summary>
    private sealed class NewerBandLink : IBandLink
    {
        private readonly Channel<BandNotification> _notifications = Channel.CreateUnbounded<BandNotification>();

        public List<byte> Opcodes { get; } = [];

        public bool PairAttempted { get; private set; }

        public string Description => "a band from the future";

        public int AttMtu => ProtocolConstants.DefaultAttMtu;

        public bool IsConnected => true;

        public bool IsPaired => false;

        public ChannelReader<BandNotification> Notifications => _notifications.Reader;

        public Task ConnectAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task PairAsync(CancellationToken cancellationToken)
        {
            PairAttempted = true;
            return Task.CompletedTask;
        }

        public Task SubscribeAsync(BandCharacteristic characteristic, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task WriteAsync(BandCharacteristic characteristic, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
        {
            byte[] frame = value.ToArray();
            Opcodes.Add(frame[0]);
            var response = new byte[ProtocolConstants.DefaultPayloadBytes];
            response[0] = frame[0];
            response[1] = frame[1];
            var info = new DeviceInfo { ProtocolMajor = 2, ProtocolMinor = 0, SerialNumber = 1 };
            int length = ProtocolConstants.ResponseHeaderBytes + info.Write(response, ProtocolConstants.ResponseHeaderBytes);
            _notifications.Writer.TryWrite(new BandNotification(BandCharacteristic.ControlPoint, response.AsSpan(0, length).ToArray()));
            return Task.CompletedTask;
        }

        public Task<byte[]> ReadAsync(BandCharacteristic characteristic, CancellationToken cancellationToken) => Task.FromResult(Array.Empty<byte>());

        public Task DisconnectAsync() => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
