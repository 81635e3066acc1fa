using System.CommandLine;
using LumbarBand.Host;
using LumbarBand.Host.Planning;
using LumbarBand.Host.Report;
using LumbarBand.Host.Store;

namespace LumbarBand.Cli.Commands;

/// <summary><c>lumbarband report</c>: one self-contained HTML file with the trends and each session's timeline.</summary>
public static class ReportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var stores = new StoreOptions();
        var outPath = new Option<string?>("--out") { Description = "the HTML file to write (default: report.html in the data directory)" };
        var command = new Command("report", "Write an HTML report: trends across sessions and each session's timeline.") { outPath };
        stores.AddTo(command);
        command.SetAction((parse, cancellationToken) => HostCommand.RunAsync(error, "report", () =>
        {
            using SessionStore store = stores.Open(parse);
            string path = parse.GetValue(outPath) ?? Path.Combine(store.DataDirectory, "report.html");
            IReadOnlyList<StoredSession> sessions = store.Sessions();
            try
            {
                HtmlReport.Write(sessions, path, new ReportOptions { PlannedWalks = PlanHistory.Load(store) });
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new LumbarBandException($"cannot write {path}: {e.Message}", e);
            }

            output.WriteLine($"report of {sessions.Count} session(s): {Path.GetFullPath(path)}");
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
