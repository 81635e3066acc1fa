using Tmds.DBus.Protocol;

namespace LumbarBand.Host.Links;

/// <summary>Builds and sends method calls to BlueZ with Tmds.DBus.Protocol's message writer.</summary>
public static class BlueZCalls
{
    /// <summary>Writes a method's arguments.</summary>
    public delegate void ArgumentWriter(ref MessageWriter writer);

    /// <summary>A method call to BlueZ: <paramref name="member"/> of <paramref name="interface"/> on <paramref name="path"/>.</summary>
    public static MessageBuffer Create(DBusConnection connection, string path, string @interface, string member, string? signature, ArgumentWriter arguments)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(arguments);
        MessageWriter writer = connection.GetMessageWriter();
        try
        {
            writer.WriteMethodCallHeader(destination: BlueZNames.Service, path: path, @interface: @interface, member: member, signature: signature);
            arguments(ref writer);
            return writer.CreateMessage();
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>Calls a method that returns nothing.</summary>
    public static Task CallAsync(DBusConnection connection, string path, string @interface, string member)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.CallMethodAsync(Create(connection, path, @interface, member, null, static (ref MessageWriter _) => { }));
    }

    /// <summary>Reads one property (org.freedesktop.DBus.Properties.Get).</summary>
    public static async Task<VariantValue> GetPropertyAsync(DBusConnection connection, string path, string @interface, string name)
    {
        ArgumentNullException.ThrowIfNull(connection);
        MessageBuffer call = Create(connection, path, BlueZNames.Properties, "Get", "ss", (ref MessageWriter w) =>
        {
            w.WriteString(@interface);
            w.WriteString(name);
        });
        return await connection.CallMethodAsync(call, static (Message m, object? _) => m.GetBodyReader().ReadVariantValue(), null).ConfigureAwait(false);
    }
}
