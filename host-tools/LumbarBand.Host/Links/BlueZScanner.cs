using LumbarBand.Core.Protocol;
using Tmds.DBus.Protocol;

namespace LumbarBand.Host.Links;

/// <summary>
/// Finds bands through BlueZ: picks an adapter, sets a discovery filter on the band's service UUID (LE only), runs
/// discovery for a while, and lists the devices advertising the service (and bands paired before).
/// </summary>
public static class BlueZScanner
{
    /// <summary>How often discovery looks at BlueZ's objects.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>Connects to the bus at <paramref name="busAddress"/> (null: the system bus), with clear errors when BlueZ is missing.</summary>
    public static async Task<DBusConnection> ConnectAsync(string? busAddress)
    {
        string address = busAddress ?? DBusAddress.System ?? throw new NoBluetoothAdapterException("no D-Bus system bus: BlueZ cannot be reached on this machine");
        var connection = new DBusConnection(address);
        try
        {
            await connection.ConnectAsync().ConfigureAwait(false);
            return connection;
        }
        catch (DBusConnectionException e)
        {
            connection.Dispose();
            throw new NoBluetoothAdapterException($"cannot reach D-Bus at {address}: {e.Message} — is this a Linux machine with BlueZ (the bluetooth service)?", e);
        }
    }

    /// <summary>The path of a powered adapter; throws <see cref="NoBluetoothAdapterException"/> when there is none.</summary>
    public static async Task<(string Adapter, BlueZObjects Objects)> FindAdapterAsync(DBusConnection connection)
    {
        BlueZObjects objects;
        try
        {
            objects = await BlueZObjects.ReadAsync(connection).ConfigureAwait(false);
        }
        catch (DBusErrorReplyException e) when (e.ErrorName is "org.freedesktop.DBus.Error.ServiceUnknown" or "org.freedesktop.DBus.Error.NameHasNoOwner")
        {
            throw new NoBluetoothAdapterException("BlueZ is not running (no org.bluez on the system bus): start the bluetooth service", e);
        }

        IReadOnlyList<string> adapters = objects.Adapters();
        if (adapters.Count == 0)
        {
            throw new NoBluetoothAdapterException();
        }

        if (!objects.IsPowered(adapters[0]))
        {
            throw new NoBluetoothAdapterException($"the Bluetooth adapter {adapters[0]} is switched off: switch it on (bluetoothctl power on)");
        }

        return (adapters[0], objects);
    }

    /// <summary>
    /// Discovers bands for up to <paramref name="timeout"/> (stopping early once <paramref name="enough"/> says so),
    /// and returns them, nearest first. Bands paired before are listed too.
    /// </summary>
    public static async Task<IReadOnlyList<BandCandidate>> ScanAsync(
        DBusConnection connection, TimeSpan timeout, Func<IReadOnlyList<BandCandidate>, bool>? enough, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        (string adapter, BlueZObjects objects) = await FindAdapterAsync(connection).ConfigureAwait(false);
        IReadOnlyList<BandCandidate> found = objects.Devices(adapter, GattIds.Service);
        if (enough?.Invoke(found) == true)
        {
            return found;
        }

        MessageBuffer filter = BlueZCalls.Create(connection, adapter, BlueZNames.Adapter, "SetDiscoveryFilter", "a{sv}", static (ref MessageWriter w) =>
        {
            w.WriteDictionary(new Dictionary<string, VariantValue>
            {
                ["UUIDs"] = VariantValue.Array(new[] { GattIds.Service }),
                ["Transport"] = "le",
            });
        });
        await connection.CallMethodAsync(filter).ConfigureAwait(false);
        await BlueZCalls.CallAsync(connection, adapter, BlueZNames.Adapter, "StartDiscovery").ConfigureAwait(false);
        try
        {
            long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
            while (Environment.TickCount64 < deadline)
            {
                await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
                found = (await BlueZObjects.ReadAsync(connection).ConfigureAwait(false)).Devices(adapter, GattIds.Service);
                if (enough?.Invoke(found) == true)
                {
                    break;
                }
            }
        }
        finally
        {
            try
            {
                await BlueZCalls.CallAsync(connection, adapter, BlueZNames.Adapter, "StopDiscovery").ConfigureAwait(false);
            }
            catch (DBusErrorReplyException)
            {
                // Discovery already stopped (another client, or the adapter went away): nothing to undo.
            }
        }

        return found;
    }
}
