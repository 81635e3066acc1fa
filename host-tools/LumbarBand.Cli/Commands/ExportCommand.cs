using System.CommandLine;
using LumbarBand.Host;
using LumbarBand.Host.Export;
using LumbarBand.Host.Store;

namespace LumbarBand.Cli.Commands;

/// <summary><c>lumbarband export</c>: stored sessions as CSV (per epoch and per event) or JSON.</summary>
public static class ExportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var stores = new StoreOptions();
        var format = new Option<ExportFormat>("--format") { Description = "csv (epochs.csv, events.csv and bouts.csv) or json", DefaultValueFactory = _ => ExportFormat.Csv };
        var outPath = new Option<string?>("--out") { Description = "folder to write to (for json also a .json file); default: export/ in the data directory" };
        var rows = new Option<long[]>("--session") { Description = "row ids of the sessions to export (see `lumbarband sessions`; default: all)", AllowMultipleArgumentsPerToken = true }
            .EachAtLeast(1, "a row id");
        var command = new Command("export", "Export stored sessions as CSV or JSON, per epoch and per event.") { format, outPath, rows };
        stores.AddTo(command);
        command.SetAction((parse, cancellationToken) => HostCommand.RunAsync(error, "export", () =>
        {
            using SessionStore store = stores.Open(parse);
            long[] wanted = parse.GetValue(rows) ?? [];
            IReadOnlyList<StoredSession> sessions = wanted.Length == 0
                ? store.Sessions()
                : wanted.Select(id => store.Find(id) ?? throw new LumbarBandException($"no stored session with row id {id} (see `lumbarband sessions`)")).ToList();
            string target = parse.GetValue(outPath) ?? Path.Combine(store.DataDirectory, "export");
            try
            {
                foreach (string file in SessionExporter.Write(sessions, parse.GetValue(format), target))
                {
                    output.WriteLine(file);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new LumbarBandException($"cannot write to {target}: {e.Message}", e);
            }

            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
