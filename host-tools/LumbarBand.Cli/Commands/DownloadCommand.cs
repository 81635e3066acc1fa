using System.CommandLine;
using System.Globalization;
using LumbarBand.Host.Links;
using LumbarBand.Host.Store;
using LumbarBand.Host.Sync;

namespace LumbarBand.Cli.Commands;

/// <summary>
/// <c>lumbarband download</c>: every new session, oldest first, resumed where a dropped link left it, checked,
/// stored, and only then acknowledged to the band; with a progress bar.
/// </summary>
public static class DownloadCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var stores = new StoreOptions();
        var all = new Option<bool>("--all") { Description = "download sessions already stored too (importing them again changes nothing)" };
        var noAck = new Option<bool>("--no-ack") { Description = "do not acknowledge: the band keeps treating the sessions as not downloaded" };
        var link = new LinkOptions();
        var command = new Command("download", "Download every new session from the band into the store.") { all, noAck };
        stores.AddTo(command);
        link.AddTo(command);
        command.SetAction((parse, cancellationToken) => HostCommand.RunAsync(error, "download", async () =>
        {
            using SessionStore store = stores.Open(parse);
            await using IBandLink bandLink = link.Create(parse);
            var client = new BandClient(bandLink);
            await client.OpenAsync(pair: true, cancellationToken).ConfigureAwait(false);
            output.WriteLine($"band {client.DeviceId} ({bandLink.Description})");
            bool interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
            var options = new SyncOptions { RedownloadStored = parse.GetValue(all), Acknowledge = !parse.GetValue(noAck) };
            SyncResult result = await BandSync.RunAsync(client, store, options, new DownloadProgressBar(output, interactive), cancellationToken).ConfigureAwait(false);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.Imported} new session(s) stored, {result.AlreadyStored} already stored{(result.Resumed > 0 ? $", {result.Resumed} resumed" : "")}; database {store.DatabasePath}"));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
