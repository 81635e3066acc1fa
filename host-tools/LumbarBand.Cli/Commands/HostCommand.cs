using System.CommandLine;
using LumbarBand.Host;
using LumbarBand.Host.Store;

namespace LumbarBand.Cli.Commands;

/// <summary>What the host logger's commands share: the data-directory option and how failures are reported.</summary>
public static class HostCommand
{
    /// <summary>A new --data-dir option.</summary>
    public static Option<string?> DataDirOption() => new("--data-dir")
    {
        Description = "folder of the database and reports (default: $XDG_DATA_HOME/lumbarband, else ~/.local/share/lumbarband)",
    };

    /// <summary>The data directory the parsed options name (or the per-user default).</summary>
    public static string DataDirectory(ParseResult parse, Option<string?> option)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return LumbarBand.Host.Store.DataDirectory.Resolve(parse.GetValue(option));
    }

    /// <summary>
    /// Runs a command's body; a failure people meet (<see cref="LumbarBandException"/>) is printed as
    /// "<paramref name="name"/>: message" and gives <see cref="HostExitCodes.Failed"/>.
    /// </summary>
    public static async Task<int> RunAsync(TextWriter error, string name, Func<Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (LumbarBandException e)
        {
            await error.WriteLineAsync($"{name}: {e.Message}").ConfigureAwait(false);
            return HostExitCodes.Failed;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync($"{name}: stopped").ConfigureAwait(false);
            return HostExitCodes.Interrupted;
        }
    }
}
