using System.CommandLine;
using System.Globalization;
using LumbarBand.Host.Links;
using Tmds.DBus.Protocol;

namespace LumbarBand.Cli.Commands;

/// <summary><c>lumbarband scan</c>: lists the bands in Bluetooth range (and bands paired before), nearest first.</summary>
public static class ScanCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var seconds = new Option<int>("--seconds") { Description = "how long to listen for bands", DefaultValueFactory = _ => 5 }
            .InRange(1, 120, "the listening time in seconds");
        var dbus = new Option<string?>("--dbus-address") { Description = "D-Bus address of BlueZ (default: the system bus)" };
        var command = new Command("scan", "List the bands in Bluetooth range, nearest first.") { seconds, dbus };
        command.SetAction((parse, cancellationToken) => HostCommand.RunAsync(error, "scan", async () =>
        {
            using DBusConnection connection = await BlueZScanner.ConnectAsync(parse.GetValue(dbus)).ConfigureAwait(false);
            TimeSpan listen = TimeSpan.FromSeconds(parse.GetValue(seconds));
            IReadOnlyList<BandCandidate> found = await BlueZScanner.ScanAsync(connection, listen, null, cancellationToken).ConfigureAwait(false);
            if (found.Count == 0)
            {
                throw new BandNotFoundException();
            }

            foreach (BandCandidate band in found)
            {
                string rssi = band.Rssi is short r ? string.Create(CultureInfo.InvariantCulture, $"{r} dBm") : "rssi ?";
                output.WriteLine($"{band.Address}  {band.Name,-16} {rssi,-8} {(band.Paired ? "paired" : "not paired")}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
