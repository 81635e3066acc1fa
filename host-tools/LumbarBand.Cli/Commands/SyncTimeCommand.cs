using System.CommandLine;
using LumbarBand.Host.Links;
using LumbarBand.Host.Sync;

namespace LumbarBand.Cli.Commands;

/// <summary><c>lumbarband sync-time</c>: sets the band's clock to this computer's, so its sessions are dated.</summary>
public static class SyncTimeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var link = new LinkOptions();
        var command = new Command("sync-time", "Set the band's clock to this computer's (UTC).");
        link.AddTo(command);
        command.SetAction((parse, cancellationToken) => HostCommand.RunAsync(error, "sync-time", async () =>
        {
            await using IBandLink bandLink = link.Create(parse);
            var client = new BandClient(bandLink);
            await client.OpenAsync(pair: true, cancellationToken).ConfigureAwait(false);
            DateTimeOffset now = DateTimeOffset.UtcNow;
            await client.SetTimeAsync(now, cancellationToken).ConfigureAwait(false);
            output.WriteLine($"band {client.DeviceId}: clock set to {now:yyyy-MM-dd HH:mm:ss} UTC");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
