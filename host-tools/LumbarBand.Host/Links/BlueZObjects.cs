using Tmds.DBus.Protocol;

namespace LumbarBand.Host.Links;

/// <summary>
/// A snapshot of BlueZ's objects (ObjectManager.GetManagedObjects): path → interface → property → value, with the
/// look-ups the band link needs (adapters, band devices, characteristics by UUID).
/// </summary>
public sealed class BlueZObjects
{
    private readonly Dictionary<string, Dictionary<string, Dictionary<string, VariantValue>>> _objects;

    private BlueZObjects(Dictionary<string, Dictionary<string, Dictionary<string, VariantValue>>> objects)
    {
        _objects = objects;
    }

    /// <summary>Reads the snapshot from BlueZ on <paramref name="connection"/>.</summary>
    public static async Task<BlueZObjects> ReadAsync(DBusConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        MessageBuffer call = BlueZCalls.Create(connection, "/", BlueZNames.ObjectManager, "GetManagedObjects", null, static (ref MessageWriter _) => { });
        return await connection.CallMethodAsync(call, static (Message message, object? _) => Parse(message), null).ConfigureAwait(false);
    }

    /// <summary>Paths of every adapter, powered ones first.</summary>
    public IReadOnlyList<string> Adapters() => _objects
        .Where(o => o.Value.ContainsKey(BlueZNames.Adapter))
        .OrderByDescending(o => Bool(o.Value[BlueZNames.Adapter], "Powered"))
        .ThenBy(o => o.Key, StringComparer.Ordinal)
        .Select(o => o.Key)
        .ToList();

    /// <summary>True when the adapter at <paramref name="path"/> is switched on.</summary>
    public bool IsPowered(string path) =>
        _objects.TryGetValue(path, out var interfaces) && interfaces.TryGetValue(BlueZNames.Adapter, out var props) && Bool(props, "Powered");

    /// <summary>Devices advertising (or known to have) the service <paramref name="serviceUuid"/>, under <paramref name="adapterPath"/>.</summary>
    public IReadOnlyList<BandCandidate> Devices(string adapterPath, string serviceUuid)
    {
        var found = new List<BandCandidate>();
        foreach ((string path, var interfaces) in _objects)
        {
            if (!interfaces.TryGetValue(BlueZNames.Device, out var props) || !path.StartsWith(adapterPath + "/", StringComparison.Ordinal))
            {
                continue;
            }

            bool advertises = props.TryGetValue("UUIDs", out VariantValue uuids) && uuids.Type == VariantValueType.Array
                && uuids.GetArray<string>().Any(u => string.Equals(u, serviceUuid, StringComparison.OrdinalIgnoreCase));
            bool hasService = _objects.Any(o => o.Key.StartsWith(path + "/", StringComparison.Ordinal)
                && o.Value.TryGetValue(BlueZNames.GattService, out var service)
                && string.Equals(String(service, "UUID"), serviceUuid, StringComparison.OrdinalIgnoreCase));
            if (!advertises && !hasService)
            {
                continue;
            }

            short? rssi = props.TryGetValue("RSSI", out VariantValue r) && r.Type == VariantValueType.Int16 ? r.GetInt16() : null;
            found.Add(new BandCandidate(path, String(props, "Address"), String(props, "Alias") is { Length: > 0 } alias ? alias : String(props, "Name"), rssi, Bool(props, "Paired")));
        }

        return found.OrderByDescending(c => c.Rssi ?? short.MinValue).ToList();
    }

    /// <summary>A boolean property of the object at <paramref name="path"/> (false when absent).</summary>
    public bool Property(string path, string @interface, string name) =>
        _objects.TryGetValue(path, out var interfaces) && interfaces.TryGetValue(@interface, out var props) && Bool(props, name);

    /// <summary>
    /// The characteristic with <paramref name="uuid"/> in the service <paramref name="serviceUuid"/> of the device at
    /// <paramref name="devicePath"/>: its path and ATT MTU (BlueZ's "MTU" property, 23 when absent); null when absent.
    /// </summary>
    public (string Path, int Mtu)? Characteristic(string devicePath, string serviceUuid, string uuid)
    {
        foreach ((string path, var interfaces) in _objects)
        {
            if (!path.StartsWith(devicePath + "/", StringComparison.Ordinal)
                || !interfaces.TryGetValue(BlueZNames.GattCharacteristic, out var props)
                || !string.Equals(String(props, "UUID"), uuid, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            string service = props.TryGetValue("Service", out VariantValue s) && s.Type == VariantValueType.ObjectPath ? s.GetObjectPathAsString() : "";
            if (_objects.TryGetValue(service, out var serviceInterfaces)
                && serviceInterfaces.TryGetValue(BlueZNames.GattService, out var serviceProps)
                && !string.Equals(String(serviceProps, "UUID"), serviceUuid, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            int mtu = props.TryGetValue("MTU", out VariantValue m) && m.Type == VariantValueType.UInt16 ? m.GetUInt16() : Core.Protocol.ProtocolConstants.DefaultAttMtu;
            return (path, mtu);
        }

        return null;
    }

    private static BlueZObjects Parse(Message message)
    {
        var objects = new Dictionary<string, Dictionary<string, Dictionary<string, VariantValue>>>(StringComparer.Ordinal);
        Reader reader = message.GetBodyReader();
        ArrayEnd objectsEnd = reader.ReadDictionaryStart();
        while (reader.HasNext(objectsEnd))
        {
            string path = reader.ReadObjectPathAsString();
            var interfaces = new Dictionary<string, Dictionary<string, VariantValue>>(StringComparer.Ordinal);
            ArrayEnd interfacesEnd = reader.ReadDictionaryStart();
            while (reader.HasNext(interfacesEnd))
            {
                string name = reader.ReadString();
                interfaces[name] = reader.ReadDictionaryOfStringToVariantValue();
            }

            objects[path] = interfaces;
        }

        return new BlueZObjects(objects);
    }

    private static bool Bool(Dictionary<string, VariantValue> props, string name) =>
        props.TryGetValue(name, out VariantValue v) && v.Type == VariantValueType.Bool && v.GetBool();

    private static string String(Dictionary<string, VariantValue> props, string name) =>
        props.TryGetValue(name, out VariantValue v) && v.Type == VariantValueType.String ? v.GetString() : "";
}
