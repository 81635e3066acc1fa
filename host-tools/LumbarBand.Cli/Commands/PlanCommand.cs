using System.CommandLine;
using System.Globalization;
using LumbarBand.Core.Configuration;
using LumbarBand.Host;
using LumbarBand.Host.Links;
using LumbarBand.Host.Planning;
using LumbarBand.Host.Store;
using LumbarBand.Host.Sync;

namespace LumbarBand.Cli.Commands;

/// <summary>
/// <c>lumbarband plan show|set|suggest</c>: the band's walking plan ("park bench to park bench": walking time per
/// stretch, rest between, stretches per walk), its settings 33–37 read and written like <c>config</c>, and a proposal
/// for the next plan from the stored walks (<see cref="PlanAdvisor"/>, whose rule it prints), set only with
/// <c>--apply</c>. Works against the virtual band (<c>--port</c>) and over BlueZ.
/// </summary>
public static class PlanCommand
{
    /// <summary>Builds the command with its three subcommands.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        return new Command("plan", "The band's walking plan: walking time per stretch, rest between stretches, stretches per walk.")
        {
            Show(output, error),
            Set(output, error),
            Suggest(output, error),
        };
    }

    private static Command Show(TextWriter output, TextWriter error)
    {
        var link = new LinkOptions();
        var command = new Command("show", "Show the walking plan on the band.");
        link.AddTo(command);
        command.SetAction((parse, cancellationToken) => HostCommand.RunAsync(error, "plan show", async () =>
        {
            await using IBandLink bandLink = link.Create(parse);
            var client = new BandClient(bandLink);
            await client.OpenAsync(pair: true, cancellationToken).ConfigureAwait(false);
            WalkingPlanValues plan = WalkingPlanValues.From(await client.GetSettingsAsync(cancellationToken).ConfigureAwait(false));
            output.WriteLine($"band {client.DeviceId}: {plan.Describe()}");
            PrintSettings(output, plan);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Set(TextWriter output, TextWriter error)
    {
        Option<int?> active = SettingOption(SettingId.PlanActive, "--active", "1 to pace walks with the plan, 0 to stop");
        Option<int?> walk = SettingOption(SettingId.PlanWalkSeconds, "--walk-s", "walking time of one stretch, seconds of confirmed walking");
        Option<int?> rest = SettingOption(SettingId.PlanRestSeconds, "--rest-s", "rest between stretches, seconds (below session_end_idle_s)");
        Option<int?> stretches = SettingOption(SettingId.PlanStretches, "--stretches", "stretches per walk");
        Option<int?> ready = SettingOption(SettingId.PlanReadyCue, "--ready-cue", "1 to play \"ready to go\" when a rest is over, 0 not to");
        var link = new LinkOptions();
        var command = new Command("set", "Change the walking plan on the band (only the values given; the band checks them together).")
        {
            active, walk, rest, stretches, ready,
        };
        link.AddTo(command);
        command.SetAction((parse, cancellationToken) => HostCommand.RunAsync(error, "plan set", async () =>
        {
            var pairs = new List<(SettingId, int)>();
            foreach ((Option<int?> option, SettingId id) in new[] { (active, SettingId.PlanActive), (walk, SettingId.PlanWalkSeconds), (rest, SettingId.PlanRestSeconds), (stretches, SettingId.PlanStretches), (ready, SettingId.PlanReadyCue) })
            {
                if (parse.GetValue(option) is int value)
                {
                    pairs.Add((id, value));
                }
            }

            if (pairs.Count == 0)
            {
                throw new LumbarBandException("nothing to set: give at least one of --active, --walk-s, --rest-s, --stretches, --ready-cue");
            }

            await using IBandLink bandLink = link.Create(parse);
            var client = new BandClient(bandLink);
            await client.OpenAsync(pair: true, cancellationToken).ConfigureAwait(false);
            WalkingPlanValues plan = await WriteAsync(client, pairs, cancellationToken).ConfigureAwait(false);
            output.WriteLine($"band {client.DeviceId}: plan set: {plan.Describe()}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Suggest(TextWriter output, TextWriter error)
    {
        var stores = new StoreOptions();
        var apply = new Option<bool>("--apply") { Description = "set the proposed plan on the band (default: only print it)" };
        var link = new LinkOptions();
        var command = new Command("suggest", "Propose the next plan from the stored walks of this band, with the rule's reasoning.") { apply };
        stores.AddTo(command);
        link.AddTo(command);
        command.SetAction((parse, cancellationToken) => HostCommand.RunAsync(error, "plan suggest", async () =>
        {
            using SessionStore store = stores.Open(parse, readOnly: true);
            await using IBandLink bandLink = link.Create(parse);
            var client = new BandClient(bandLink);
            await client.OpenAsync(pair: true, cancellationToken).ConfigureAwait(false);
            WalkingPlanValues current = WalkingPlanValues.From(await client.GetSettingsAsync(cancellationToken).ConfigureAwait(false));
            IReadOnlyList<PlannedWalk> history = PlanHistory.Load(store, client.DeviceId);
            PlanSuggestion suggestion = PlanAdvisor.Suggest(history, current, DateTimeOffset.UtcNow);
            Print(output, client.DeviceId, history.Count, suggestion);
            if (parse.GetValue(apply) && suggestion.Changes)
            {
                WalkingPlanValues set = await WriteAsync(client, [.. suggestion.Proposed.Pairs()], cancellationToken).ConfigureAwait(false);
                output.WriteLine($"applied: {set.Describe()}");
            }
            else if (suggestion.Changes)
            {
                output.WriteLine("not set (add --apply to set it on the band)");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Prints a suggestion: the plan in force, the rule's reasoning, the proposal.</summary>
    public static void Print(TextWriter output, string deviceId, int walks, PlanSuggestion suggestion)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(suggestion);
        output.WriteLine($"band {deviceId}: {suggestion.Current.Describe()}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rule: +{PlanAdvisor.StepPercent}% walking time after {PlanAdvisor.WalksPerStep} consecutive walks completed at plan without a pain marker, at most one step in {PlanAdvisor.StepDays} days; back to the last pain-free level after pain before the plan's time; a gap of {PlanAdvisor.GapDays} days restarts the count"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{walks} stored walk(s) under a plan"));
        foreach (string reason in suggestion.Reasons)
        {
            output.WriteLine("  - " + reason);
        }

        output.WriteLine((suggestion.Changes ? "suggested: " : "suggested: keep ") + suggestion.Proposed.Describe());
    }

    private static async Task<WalkingPlanValues> WriteAsync(BandClient client, IReadOnlyList<(SettingId Id, int Value)> pairs, CancellationToken cancellationToken)
    {
        var buffer = new byte[SettingsCodec.MaxEncodedLength];
        int at = SettingsCodec.WriteHeader(buffer, 0);
        foreach ((SettingId id, int value) in pairs)
        {
            at = SettingsCodec.WriteSetting(buffer, at, (int)id, value);
        }

        await client.WriteConfigurationAsync(buffer.AsSpan(0, at).ToArray(), cancellationToken).ConfigureAwait(false);
        return WalkingPlanValues.From(await client.GetSettingsAsync(cancellationToken).ConfigureAwait(false));
    }

    private static void PrintSettings(TextWriter output, WalkingPlanValues plan)
    {
        foreach ((SettingId id, int value) in plan.Pairs())
        {
            SettingDefinition d = SettingCatalog.Get(id);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {d.Name,-16} {value,6} {SettingCatalog.UnitSymbol(d.Unit),-9} (default {d.Default}, {d.Min}..{d.Max})"));
        }
    }

    /// <summary>An option for one plan setting, refused while parsing when outside the setting's range (Core's catalog).</summary>
    private static Option<int?> SettingOption(SettingId id, string name, string description)
    {
        SettingDefinition d = SettingCatalog.Get(id);
        return new Option<int?>(name) { Description = $"{description} ({d.Name}, {d.Min}..{d.Max})" }.InRange(d.Min, d.Max, d.Name);
    }
}
