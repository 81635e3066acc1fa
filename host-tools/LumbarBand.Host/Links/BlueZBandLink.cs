using System.Threading.Channels;
using LumbarBand.Core.Protocol;
using Tmds.DBus.Protocol;

namespace LumbarBand.Host.Links;

/// <summary>
/// <see cref="IBandLink"/> to a real band through BlueZ over D-Bus (Tmds.DBus.Protocol): discovery filtered by the
/// band's service UUID (Adapter1), Device1.Connect and Pair, GattCharacteristic1 WriteValue/ReadValue/StartNotify,
/// and notifications as PropertiesChanged "Value" signals of the characteristics, all found through the object
/// manager (GetManagedObjects). UUIDs come from Core's <see cref="GattIds"/>.
/// </summary>
public sealed class BlueZBandLink : IBandLink
{
    private static readonly TimeSpan ServicesTimeout = TimeSpan.FromSeconds(15);

    private readonly string? _busAddress;
    private readonly string? _address;
    private readonly TimeSpan _scanTimeout;
    private readonly Channel<BandNotification> _notifications = Channel.CreateUnbounded<BandNotification>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<BandCharacteristic, string> _paths = [];
    private readonly Dictionary<string, BandCharacteristic> _byPath = new(StringComparer.Ordinal);
    private DBusConnection? _connection;
    private IDisposable? _signals;
    private string _devicePath = "";
    private volatile bool _connected;
    private volatile bool _closing;

    /// <summary>
    /// A link to the band with Bluetooth address <paramref name="address"/> (null: the nearest band found), through
    /// BlueZ on the bus at <paramref name="busAddress"/> (null: the system bus), discovering for at most
    /// <paramref name="scanTimeout"/> (default 10 s).
    /// </summary>
    public BlueZBandLink(string? address = null, string? busAddress = null, TimeSpan? scanTimeout = null)
    {
        _address = address;
        _busAddress = busAddress;
        _scanTimeout = scanTimeout ?? TimeSpan.FromSeconds(10);
        Description = address is null ? "BLE band" : "BLE band " + address;
    }

    /// <inheritdoc/>
    public string Description { get; private set; }

    /// <inheritdoc/>
    public int AttMtu { get; private set; } = ProtocolConstants.DefaultAttMtu;

    /// <inheritdoc/>
    public bool IsConnected => _connected;

    /// <inheritdoc/>
    public bool IsPaired { get; private set; }

    /// <inheritdoc/>
    public ChannelReader<BandNotification> Notifications => _notifications.Reader;

    /// <inheritdoc/>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        if (_connected)
        {
            return;
        }

        DBusConnection connection = await BlueZScanner.ConnectAsync(_busAddress).ConfigureAwait(false);
        _connection = connection;
        IReadOnlyList<BandCandidate> found = await BlueZScanner.ScanAsync(connection, _scanTimeout, Wanted, cancellationToken).ConfigureAwait(false);
        BandCandidate band = found.FirstOrDefault(c => _address is null || string.Equals(c.Address, _address, StringComparison.OrdinalIgnoreCase))
            ?? throw (_address is null ? new BandNotFoundException() : new BandNotFoundException($"band {_address} not found: wake it (move it), keep it near, and check its address with `lumbarband scan`"));
        _devicePath = band.DevicePath;
        Description = $"BLE band {band.Address} ({band.Name})";

        // Watch the device's subtree before connecting, so no notification or disconnection is missed.
        var rule = new MatchRule
        {
            Type = MessageType.Signal,
            Sender = BlueZNames.Service,
            Interface = BlueZNames.Properties,
            Member = "PropertiesChanged",
            PathNamespace = _devicePath,
        };
        _signals = await connection.AddMatchAsync(
            rule,
            static (Message message, object? _) => PropertiesChange.Read(message),
            OnSignal,
            false,
            ObserverFlags.EmitOnConnectionClosed | ObserverFlags.EmitOnConnectionFailed,
            null).ConfigureAwait(false);

        await Call(() => BlueZCalls.CallAsync(connection, _devicePath, BlueZNames.Device, "Connect"), "connect to").ConfigureAwait(false);
        _connected = true;
        await WaitForServicesAsync(connection, cancellationToken).ConfigureAwait(false);
        BlueZObjects objects = await BlueZObjects.ReadAsync(connection).ConfigureAwait(false);
        IsPaired = objects.Property(_devicePath, BlueZNames.Device, "Paired");
        foreach (BandCharacteristic c in Enum.GetValues<BandCharacteristic>())
        {
            (string Path, int Mtu) characteristic = objects.Characteristic(_devicePath, GattIds.Service, BandCharacteristics.Uuid(c))
                ?? throw new BandNotFoundException($"{band.Address} does not offer the LumbarBand service's {c} characteristic: is it a LumbarBand with current firmware?");
            _paths[c] = characteristic.Path;
            _byPath[characteristic.Path] = c;
            if (c == BandCharacteristic.ControlPoint)
            {
                AttMtu = characteristic.Mtu;
            }
        }
    }

    /// <inheritdoc/>
    public async Task PairAsync(CancellationToken cancellationToken)
    {
        if (IsPaired)
        {
            return;
        }

        DBusConnection connection = Connection();
        try
        {
            await BlueZCalls.CallAsync(connection, _devicePath, BlueZNames.Device, "Pair").ConfigureAwait(false);
        }
        catch (DBusErrorReplyException e) when (BlueZNames.PairingRefusals.Contains(e.ErrorName))
        {
            throw new PairingRefusedException(PairingRefusedException.DefaultMessage, e);
        }
        catch (DBusErrorReplyException e) when (e.ErrorName == "org.bluez.Error.AlreadyExists")
        {
            // Paired meanwhile (by another tool): fine.
        }

        IsPaired = true;
    }

    /// <inheritdoc/>
    public Task SubscribeAsync(BandCharacteristic characteristic, CancellationToken cancellationToken) =>
        Call(() => BlueZCalls.CallAsync(Connection(), Path(characteristic), BlueZNames.GattCharacteristic, "StartNotify"), "subscribe to " + characteristic + " of");

    /// <inheritdoc/>
    public Task WriteAsync(BandCharacteristic characteristic, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
    {
        DBusConnection connection = Connection();
        byte[] bytes = value.ToArray();
        MessageBuffer call = BlueZCalls.Create(connection, Path(characteristic), BlueZNames.GattCharacteristic, "WriteValue", "aya{sv}", (ref MessageWriter w) =>
        {
            w.WriteArray(bytes);
            w.WriteDictionary(new Dictionary<string, VariantValue> { ["type"] = "request" });
        });
        return Call(() => connection.CallMethodAsync(call), "write " + characteristic + " of");
    }

    /// <inheritdoc/>
    public async Task<byte[]> ReadAsync(BandCharacteristic characteristic, CancellationToken cancellationToken)
    {
        DBusConnection connection = Connection();
        MessageBuffer call = BlueZCalls.Create(connection, Path(characteristic), BlueZNames.GattCharacteristic, "ReadValue", "a{sv}", static (ref MessageWriter w) =>
        {
            w.WriteDictionary(new Dictionary<string, VariantValue>());
        });
        byte[] value = [];
        await Call(async () => value = await connection.CallMethodAsync(call, static (Message m, object? _) => m.GetBodyReader().ReadArrayOfByte(), null).ConfigureAwait(false), "read " + characteristic + " of").ConfigureAwait(false);
        return value;
    }

    /// <inheritdoc/>
    public async Task DisconnectAsync()
    {
        _closing = true;
        DBusConnection? connection = _connection;
        if (connection is not null && _connected)
        {
            try
            {
                await BlueZCalls.CallAsync(connection, _devicePath, BlueZNames.Device, "Disconnect").ConfigureAwait(false);
            }
            catch (DBusExceptionBase)
            {
                // Already gone: nothing to undo.
            }
        }

        _connected = false;
        _signals?.Dispose();
        _signals = null;
        _notifications.Writer.TryComplete();
        connection?.Dispose();
        _connection = null;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync().ConfigureAwait(false);
    }

    private bool Wanted(IReadOnlyList<BandCandidate> found) =>
        _address is null ? found.Count > 0 : found.Any(c => string.Equals(c.Address, _address, StringComparison.OrdinalIgnoreCase));

    private DBusConnection Connection() => _connected && _connection is not null ? _connection : throw new BandLinkLostException();

    private string Path(BandCharacteristic characteristic) =>
        _paths.TryGetValue(characteristic, out string? path) ? path : throw new InvalidOperationException("connect first");

    /// <summary>Runs a BlueZ call, turning its errors into the ones people understand.</summary>
    private static async Task Call(Func<Task> call, string what)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (DBusErrorReplyException e) when (BlueZNames.NeedsPairing.Contains(e.ErrorName))
        {
            throw new PairingRequiredException($"the band refused to let this host {what} it ({e.ErrorName}): pair with it first", e);
        }
        catch (DBusErrorReplyException e) when (e.ErrorName is "org.bluez.Error.NotConnected" or "org.bluez.Error.Failed" or "org.bluez.Error.InProgress")
        {
            throw new BandLinkLostException($"could not {what} the band ({e.ErrorMessage}); the next download resumes where this one stopped", e);
        }
        catch (DBusConnectionException e)
        {
            throw new BandLinkLostException("lost the connection to BlueZ; the next download resumes where this one stopped", e);
        }
    }

    private async Task WaitForServicesAsync(DBusConnection connection, CancellationToken cancellationToken)
    {
        long deadline = Environment.TickCount64 + (long)ServicesTimeout.TotalMilliseconds;
        while (true)
        {
            VariantValue resolved = await BlueZCalls.GetPropertyAsync(connection, _devicePath, BlueZNames.Device, "ServicesResolved").ConfigureAwait(false);
            if (resolved.Type == VariantValueType.Bool && resolved.GetBool())
            {
                return;
            }

            if (Environment.TickCount64 > deadline)
            {
                throw new BandLinkLostException("connected, but the band's services were not resolved in time; try again");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    private void OnSignal(Notification<PropertiesChange> notification)
    {
        if (notification.IsCompletion)
        {
            LinkLost(notification.Type == NotificationType.ObserverDisposed ? null : notification.CompletionReason);
            return;
        }

        if (!notification.HasValue)
        {
            return;
        }

        PropertiesChange change = notification.Value;
        if (change.Interface == BlueZNames.GattCharacteristic && change.Value is byte[] value && _byPath.TryGetValue(change.Path, out BandCharacteristic source))
        {
            _notifications.Writer.TryWrite(new BandNotification(source, value));
        }
        else if (change.Interface == BlueZNames.Device && change.Path == _devicePath && change.Connected == false)
        {
            LinkLost(null);
        }
    }

    private void LinkLost(Exception? cause)
    {
        _connected = false;
        if (_closing)
        {
            _notifications.Writer.TryComplete();
            return;
        }

        _notifications.Writer.TryComplete(cause is null ? new BandLinkLostException() : new BandLinkLostException(BandLinkLostException.DefaultMessage, cause));
    }

    /// <summary>The parts of a PropertiesChanged signal the link uses.</summary>
    private sealed record PropertiesChange(string Path, string Interface, byte[]? Value, bool? Connected)
    {
        public static PropertiesChange Read(Message message)
        {
            Reader reader = message.GetBodyReader();
            string @interface = reader.ReadString();
            Dictionary<string, VariantValue> changed = reader.ReadDictionaryOfStringToVariantValue();
            byte[]? value = changed.TryGetValue("Value", out VariantValue v) && v.Type == VariantValueType.Array ? v.GetArray<byte>() : null;
            bool? connected = changed.TryGetValue("Connected", out VariantValue c) && c.Type == VariantValueType.Bool ? c.GetBool() : null;
            return new PropertiesChange(message.PathAsString ?? "", @interface, value, connected);
        }
    }
}
