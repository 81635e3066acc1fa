using System.CommandLine;
using System.Globalization;
using LumbarBand.Host.Sessions;
using LumbarBand.Host.Store;

namespace LumbarBand.Cli.Commands;

/// <summary><c>lumbarband sessions</c>: the sessions in the store, one line each (and <c>--redecode</c> after an update).</summary>
public static class SessionsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var dataDir = HostCommand.DataDirOption();
        var redecode = new Option<bool>("--redecode") { Description = "decode every stored session again from its raw bytes (after updating lumbarband)" };
        var command = new Command("sessions", "List the stored sessions.") { dataDir, redecode };
        command.SetAction((parse, cancellationToken) => HostCommand.RunAsync(error, "sessions", () =>
        {
            using SessionStore store = SessionStore.Open(HostCommand.DataDirectory(parse, dataDir));
            if (parse.GetValue(redecode))
            {
                RedecodeResult redecoded = store.Redecode();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"decoded {redecoded.Decoded} of {redecoded.Stored} session(s) again"));
                foreach (string damage in redecoded.Damaged)
                {
                    error.WriteLine($"sessions: {damage}");
                }
            }

            IReadOnlyList<StoredSession> sessions = store.Sessions();
            output.WriteLine($"{"row",4}  {"band/session",-14} {"start (UTC)",-17} {"minutes",7} {"walking",7} {"steps",6} {"cadence",7} {"cues",4} {"pain",4}  before pain");
            foreach (StoredSession s in sessions)
            {
                string start = s.StartUtc is DateTimeOffset t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "undated";
                if (s.Decoded is not DecodedSession d)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.RowId,4}  {s.Key,-14} {start,-17} not decoded: {s.DecodeError}"));
                    continue;
                }

                SessionTotals x = d.Totals;
                string cadence = x.MeanCadenceSpm is double c ? c.ToString("0.0", CultureInfo.InvariantCulture) : "-";
                string beforePain = x.WalkingMinutesBeforePain is double p ? p.ToString("0.0", CultureInfo.InvariantCulture) + " min" : "-";
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{s.RowId,4}  {s.Key,-14} {start,-17} {x.DurationSeconds / 60,7:0.0} {x.WalkingMinutes,7:0.0} {x.Steps,6} {cadence,7} {x.Cues,4} {x.PainMarkers,4}  {beforePain}"));
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{sessions.Count} session(s) in {store.DatabasePath}"));
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
