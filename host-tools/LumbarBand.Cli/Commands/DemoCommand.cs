using System.CommandLine;
using System.Globalization;
using LumbarBand.Host.Demo;
using LumbarBand.Host.Store;

namespace LumbarBand.Cli.Commands;

/// <summary>
/// <c>lumbarband demo [--profile NAME] [--data-dir DIR]</c>: the whole chain with nothing attached, stored in the
/// <c>demo</c> profile unless told otherwise, so simulated walks never mix with a wearer's. A virtual band replays the
/// built-in simulated walk, the host downloads it over the band protocol, stores it and writes the report; the last
/// lines say where the database and the report are. Running it twice stores the session once.
/// </summary>
public static class DemoCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var stores = new StoreOptions(DataDirectory.DemoProfile);
        var command = new Command("demo", "Run the whole chain on the built-in simulated walk: virtual band → download → store → report.") { };
        stores.AddTo(command);
        command.SetAction((parse, cancellationToken) => HostCommand.RunAsync(error, "demo", async () =>
        {
            string directory = stores.Directory(parse);
            output.WriteLine($"starting a virtual band on the built-in SIMULATED walk (Core's band logic, simulated hardware); profile '{parse.GetValue(stores.Profile)}', apart from real walks…");
            DemoResult result = await DemoRunner.RunAsync(directory, new DownloadProgressBar(output, interactive: false), cancellationToken).ConfigureAwait(false);
            if (result.PainMarkersPressed > 0)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"the simulated wearer pressed the pain marker {result.PainMarkersPressed} time(s) during the walk"));
            }

            if (result.SessionsEndedAtReplayEnd > 0)
            {
                output.WriteLine("the walk ended before the band's idle time (300 s) closed its session: ended it there, as a button press would");
            }

            output.WriteLine($"downloaded from {result.BandDescription}");
            output.WriteLine(result.Sync.Imported > 0
                ? string.Create(CultureInfo.InvariantCulture, $"stored {result.Sync.Imported} new session(s); the store holds {result.SessionsInStore}")
                : string.Create(CultureInfo.InvariantCulture, $"the session was already stored (nothing duplicated); the store holds {result.SessionsInStore}"));
            output.WriteLine("speed, stride length and rhythm of each SIMULATED walk, as the band measured them:");
            foreach (StoredSession walk in result.Walks.Where(w => w.Decoded is not null))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  walk {walk.StartUtc:yyyy-MM-dd HH:mm} (simulated): ")
                    + Host.Sessions.WalkingOutcomeSummary.Describe(walk.Decoded!));
            }

            if (result.PlanInForce is not null && result.Suggestion is not null)
            {
                output.WriteLine($"walking plan in force on the band: {result.PlanInForce.Describe()}");
                foreach (Host.Planning.PlannedWalk walk in result.PlannedWalks)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  walk {walk.StartUtc:yyyy-MM-dd}: ")
                        + string.Join("; ", walk.Stretches.Select(s => string.Create(CultureInfo.InvariantCulture,
                            $"stretch {s.Number} walked {Host.Planning.WalkingPlanValues.Clock(s.WalkedSeconds)} of {Host.Planning.WalkingPlanValues.Clock(s.PlannedWalkSeconds)}{(s.PainBeforePlan ? ", pain before the plan's time" : "")}, {s.CadenceSpm:0} steps/min, speed {(s.SpeedMps is double v ? v.ToString("0.00", CultureInfo.InvariantCulture) + " m/s" : "not measured")}"))));
                }

                output.WriteLine("what `lumbarband plan suggest` proposes from these walks (not set):");
                PlanCommand.Print(output, "(virtual)", result.PlannedWalks.Count, result.Suggestion);
            }

            output.WriteLine($"database: {result.DatabasePath}");
            output.WriteLine($"report:   {result.ReportPath}");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
