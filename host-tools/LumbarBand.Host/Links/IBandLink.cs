using System.Threading.Channels;

namespace LumbarBand.Host.Links;

/// <summary>
/// A connection to one band carrying the GATT operations the protocol needs: write the control point (with
/// response), subscribe to notifications, read the status, pair; and the notifications themselves, in the order the
/// band sent them (a control-point response after the data chunks sent before it: the download relies on that).
/// Two transports: <see cref="TcpBandLink"/> to the virtual band, <see cref="BlueZBandLink"/> to a real band over
/// BlueZ.
/// </summary>
public interface IBandLink : IAsyncDisposable
{
    /// <summary>Which band, over what, for messages and the store ("virtual band at 127.0.0.1:…", "BLE AA:BB:…").</summary>
    string Description { get; }

    /// <summary>The ATT MTU of the link (23 until a larger one is negotiated); payloads are MTU − 3 bytes.</summary>
    int AttMtu { get; }

    /// <summary>True while connected.</summary>
    bool IsConnected { get; }

    /// <summary>True when this host holds a bond with the band (the link is then encrypted and trusted).</summary>
    bool IsPaired { get; }

    /// <summary>
    /// Notifications of every subscribed characteristic, in arrival order. Completes when the link ends; with a
    /// <see cref="BandLinkLostException"/> when it was lost rather than closed.
    /// </summary>
    ChannelReader<BandNotification> Notifications { get; }

    /// <summary>Connects (finding the band first where the transport needs to).</summary>
    Task ConnectAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Pairs and bonds with the band, which accepts a new bond only while its pairing window is open; throws
    /// <see cref="PairingRefusedException"/> otherwise. Does nothing when already paired.
    /// </summary>
    Task PairAsync(CancellationToken cancellationToken);

    /// <summary>Enables notifications of <paramref name="characteristic"/> (writes its CCCD).</summary>
    Task SubscribeAsync(BandCharacteristic characteristic, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="value"/> to <paramref name="characteristic"/> with response.</summary>
    Task WriteAsync(BandCharacteristic characteristic, ReadOnlyMemory<byte> value, CancellationToken cancellationToken);

    /// <summary>Reads the value of <paramref name="characteristic"/>.</summary>
    Task<byte[]> ReadAsync(BandCharacteristic characteristic, CancellationToken cancellationToken);

    /// <summary>Disconnects; safe to call when not connected.</summary>
    Task DisconnectAsync();
}
