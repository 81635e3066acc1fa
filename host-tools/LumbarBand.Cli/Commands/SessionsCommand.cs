using System.CommandLine;
using System.Globalization;
using LumbarBand.Host;
using LumbarBand.Host.Sessions;
using LumbarBand.Host.Store;

namespace LumbarBand.Cli.Commands;

/// <summary>
/// <c>lumbarband sessions</c>: the sessions in the store, one line each (and <c>--redecode</c> after an update);
/// <c>sessions delete|hide|unhide ID</c> (asking first unless <c>--yes</c>) and <c>sessions annotate ID</c>.
/// </summary>
public static class SessionsCommand
{
    /// <summary>Builds the command with its subcommands; confirmations are read from <paramref name="input"/>.</summary>
    public static Command Create(TextWriter output, TextWriter error, TextReader input)
    {
        var stores = new StoreOptions();
        var redecode = new Option<bool>("--redecode") { Description = "decode every stored session again from its raw bytes (after updating lumbarband); bytes failing their checksum are left as they were" };
        var all = new Option<bool>("--all") { Description = "list hidden sessions too" };
        var command = new Command("sessions", "List the stored sessions; delete, hide or annotate one.")
        {
            redecode, all,
            Change("delete", "Delete a session for good (its raw bytes, summary and notes).", output, error, input, (store, id) => store.Delete(id), "deleted"),
            Change("hide", "Hide a session from listings, trends and reports (kept; `sessions --all` shows it).", output, error, input, (store, id) => store.SetHidden(id, true), "hidden"),
            Change("unhide", "Show a hidden session again.", output, error, input, (store, id) => store.SetHidden(id, false), "shown again"),
            Annotate(output, error),
        };
        stores.AddTo(command);
        command.SetAction((parse, cancellationToken) => HostCommand.RunAsync(error, "sessions", () =>
        {
            using SessionStore store = stores.Open(parse);
            if (parse.GetValue(redecode))
            {
                RedecodeResult redecoded = store.Redecode();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"decoded {redecoded.Decoded} of {redecoded.Stored} session(s) again"));
                foreach (string damage in redecoded.Damaged)
                {
                    error.WriteLine($"sessions: {damage}");
                }
            }

            IReadOnlyList<StoredSession> sessions = store.Sessions(includeHidden: parse.GetValue(all));
            output.WriteLine($"{"row",4}  {"band/session",-14} {"start (local)",-17} {"minutes",7} {"walking",7} {"steps",6} {"cadence",7} {"cues",4} {"pain",4}  before pain");
            foreach (StoredSession s in sessions)
            {
                string start = s.StartUtc is DateTimeOffset t ? t.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "undated";
                string flags = (s.IsSimulated ? "  SIMULATED" : "") + (s.Hidden ? "  hidden" : "") + (s.Annotations.Count > 0 ? string.Create(CultureInfo.InvariantCulture, $"  {s.Annotations.Count} note(s)") : "");
                if (s.Decoded is not DecodedSession d)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.RowId,4}  {s.Key,-14} {start,-17} not decoded: {s.DecodeError}{flags}"));
                    continue;
                }

                SessionTotals x = d.Totals;
                string cadence = x.MeanCadenceSpm is double c ? c.ToString("0.0", CultureInfo.InvariantCulture) : "-";
                string beforePain = x.WalkingMinutesBeforePain is double p ? p.ToString("0.0", CultureInfo.InvariantCulture) + " min" : "-";
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{s.RowId,4}  {s.Key,-14} {start,-17} {x.DurationSeconds / 60,7:0.0} {x.WalkingMinutes,7:0.0} {x.Steps,6} {cadence,7} {x.Cues,4} {x.PainMarkers,4}  {beforePain}{flags}"));
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{sessions.Count} session(s) in {store.DatabasePath} (times in {TimeZoneInfo.Local.Id})"));
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    /// <summary>A subcommand that changes one session after asking (or with --yes).</summary>
    private static Command Change(string name, string description, TextWriter output, TextWriter error, TextReader input, Func<SessionStore, long, bool> change, string done)
    {
        var stores = new StoreOptions();
        var id = new Argument<long>("ID") { Description = "the session's row id (see `lumbarband sessions --all`)" };
        var yes = new Option<bool>("--yes") { Description = "do not ask: confirm now (for scripts)" };
        var command = new Command(name, description) { id, yes };
        stores.AddTo(command);
        command.SetAction((parse, cancellationToken) => HostCommand.RunAsync(error, "sessions " + name, () =>
        {
            using SessionStore store = stores.Open(parse);
            long row = parse.GetValue(id);
            StoredSession session = store.Find(row) ?? throw new LumbarBandException(
                string.Create(CultureInfo.InvariantCulture, $"no stored session with row id {row} (see `lumbarband sessions --all`)"));
            if (!parse.GetValue(yes))
            {
                string when = session.StartUtc is DateTimeOffset t ? t.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "undated";
                output.Write(string.Create(CultureInfo.InvariantCulture,
                    $"{name} session {session.Key} ({when}{(session.IsSimulated ? ", simulated" : "")}) from {store.DatabasePath}{(name == "delete" ? "? This cannot be undone" : "?")} [y/N] "));
                output.Flush();
                string? answer = input.ReadLine();
                if (answer is null)
                {
                    error.WriteLine($"sessions {name}: no answer (input closed): nothing changed; add --yes to confirm without a question");
                    return Task.FromResult(ExitCodes.BadOption);
                }

                if (answer.Trim().ToUpperInvariant() is not ("Y" or "YES"))
                {
                    output.WriteLine("nothing changed");
                    return Task.FromResult(ExitCodes.BadInput);
                }
            }

            change(store, row);
            output.WriteLine($"session {session.Key} (row {row}) {done}");
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    private static Command Annotate(TextWriter output, TextWriter error)
    {
        var stores = new StoreOptions();
        var id = new Argument<long>("ID") { Description = "the session's row id (see `lumbarband sessions`)" };
        var pain = new Option<int?>("--pain") { Description = "pain intensity, 0 (none) to 10 (worst imaginable)" }
            .InRange(SessionAnnotation.MinPain, SessionAnnotation.MaxPain, "a pain intensity");
        var note = new Option<string?>("--note") { Description = "a note, e.g. what the wearer felt or did" };
        var marker = new Option<int?>("--marker") { Description = "which pain marker of the session (1 = first); default: the whole walk" }
            .InRange(1, int.MaxValue, "a pain marker number");
        var command = new Command("annotate", "Add a pain intensity and a note to a session's pain marker or to the whole walk.") { id, pain, note, marker };
        stores.AddTo(command);
        command.SetAction((parse, cancellationToken) => HostCommand.RunAsync(error, "sessions annotate", () =>
        {
            using SessionStore store = stores.Open(parse);
            long row = parse.GetValue(id);
            int? at = parse.GetValue(marker);
            store.Annotate(row, at, parse.GetValue(pain), parse.GetValue(note));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"noted on row {row}, {(at is int m ? $"pain marker {m}" : "the whole walk")}"));
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
