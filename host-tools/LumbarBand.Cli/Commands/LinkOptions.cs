using System.CommandLine;
using LumbarBand.Host.Links;

namespace LumbarBand.Cli.Commands;

/// <summary>
/// The options that choose the band: a virtual band over TCP (<c>--port</c>) or a band over Bluetooth through BlueZ
/// (the default; <c>--band ADDRESS</c> picks one). One instance per command.
/// </summary>
public sealed class LinkOptions
{
    /// <summary>--port: the virtual band on 127.0.0.1.</summary>
    public Option<int?> Port { get; } = new Option<int?>("--port")
    {
        Description = "talk to the virtual band on 127.0.0.1:PORT (see `lumbarband virtual-band`) instead of a band over Bluetooth",
    }.InRange(1, 65535, "a TCP port");

    /// <summary>--band: which band over Bluetooth.</summary>
    public Option<string?> Band { get; } = new("--band") { Description = "Bluetooth address of the band (default: the nearest band found)" };

    /// <summary>--dbus-address: where BlueZ is.</summary>
    public Option<string?> DbusAddress { get; } = new("--dbus-address") { Description = "D-Bus address of BlueZ (default: the system bus)" };

    /// <summary>--mtu: the ATT MTU to ask the virtual band for.</summary>
    public Option<int> Mtu { get; } = new Option<int>("--mtu")
    {
        Description = "ATT MTU to ask the virtual band for (23..247; BlueZ negotiates its own)",
        DefaultValueFactory = _ => Core.Protocol.ProtocolConstants.MaxAttMtu,
    }.InRange(Core.Protocol.ProtocolConstants.DefaultAttMtu, Core.Protocol.ProtocolConstants.MaxAttMtu, "an ATT MTU");

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Port);
        command.Options.Add(Band);
        command.Options.Add(DbusAddress);
        command.Options.Add(Mtu);
    }

    /// <summary>The link the parsed options ask for.</summary>
    public IBandLink Create(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return parse.GetValue(Port) is int port
            ? new TcpBandLink(port, parse.GetValue(Mtu))
            : new BlueZBandLink(parse.GetValue(Band), parse.GetValue(DbusAddress));
    }
}
