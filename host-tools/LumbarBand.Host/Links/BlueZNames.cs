namespace LumbarBand.Host.Links;

/// <summary>BlueZ's D-Bus names (BlueZ's doc/org.bluez.*.rst): the service, its interfaces and error names.</summary>
public static class BlueZNames
{
    /// <summary>BlueZ's bus name.</summary>
    public const string Service = "org.bluez";

    /// <summary>The object manager at the root.</summary>
    public const string ObjectManager = "org.freedesktop.DBus.ObjectManager";

    /// <summary>Standard properties interface.</summary>
    public const string Properties = "org.freedesktop.DBus.Properties";

    /// <summary>A Bluetooth adapter.</summary>
    public const string Adapter = "org.bluez.Adapter1";

    /// <summary>A remote device.</summary>
    public const string Device = "org.bluez.Device1";

    /// <summary>A GATT service of a remote device.</summary>
    public const string GattService = "org.bluez.GattService1";

    /// <summary>A GATT characteristic of a remote device.</summary>
    public const string GattCharacteristic = "org.bluez.GattCharacteristic1";

    /// <summary>Error names that mean the remote side (or its user) refused pairing.</summary>
    public static IReadOnlySet<string> PairingRefusals { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "org.bluez.Error.AuthenticationRejected",
        "org.bluez.Error.AuthenticationFailed",
        "org.bluez.Error.AuthenticationCanceled",
        "org.bluez.Error.AuthenticationTimeout",
    };

    /// <summary>Error names that mean "the link needs pairing first".</summary>
    public static IReadOnlySet<string> NeedsPairing { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "org.bluez.Error.NotPermitted",
        "org.bluez.Error.NotAuthorized",
        "org.bluez.Error.NotPaired",
    };
}
