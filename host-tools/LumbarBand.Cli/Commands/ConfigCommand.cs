using System.CommandLine;
using System.Globalization;
using LumbarBand.Core.Configuration;
using LumbarBand.Host;
using LumbarBand.Host.Links;
using LumbarBand.Host.Sync;

namespace LumbarBand.Cli.Commands;

/// <summary>
/// <c>lumbarband config get [NAME…]</c> and <c>lumbarband config set NAME=VALUE…</c>: the band's settings, by the
/// names of Core's <see cref="SettingCatalog"/>. A set sends only the settings named, and the band applies them all
/// or none; a rejection says which setting and why.
/// </summary>
public static class ConfigCommand
{
    /// <summary>Builds the command with its two subcommands.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        return new Command("config", "Read or change the band's settings (thresholds, dwell times, mode, …).")
        {
            Get(output, error),
            Set(output, error),
        };
    }

    private static Command Get(TextWriter output, TextWriter error)
    {
        var names = new Argument<string[]>("NAME") { Description = "settings to show (default: all)", Arity = ArgumentArity.ZeroOrMore };
        var link = new LinkOptions();
        var command = new Command("get", "Show the band's settings with unit, default and allowed range.") { names };
        link.AddTo(command);
        command.SetAction((parse, cancellationToken) => HostCommand.RunAsync(error, "config get", async () =>
        {
            string[] wanted = parse.GetValue(names) ?? [];
            foreach (string name in wanted)
            {
                _ = Definition(name);
            }

            await using IBandLink bandLink = link.Create(parse);
            var client = new BandClient(bandLink);
            await client.OpenAsync(pair: true, cancellationToken).ConfigureAwait(false);
            BandSettings settings = await client.GetSettingsAsync(cancellationToken).ConfigureAwait(false);
            output.WriteLine($"{"setting",-28} {"value",10}  {"unit",-8} {"default",8}  range");
            for (int id = 1; id <= SettingCatalog.Count; id++)
            {
                if (SettingCatalog.TryGet(id, out SettingDefinition d) && (wanted.Length == 0 || wanted.Contains(d.Name)))
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{d.Name,-28} {settings.Get(d.Id),10}  {SettingCatalog.UnitSymbol(d.Unit),-8} {d.Default,8}  {d.Min}..{d.Max}"));
                }
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Set(TextWriter output, TextWriter error)
    {
        var pairs = new Argument<string[]>("NAME=VALUE") { Description = "settings to change, e.g. flexion_threshold_cdeg=2500", Arity = ArgumentArity.OneOrMore };
        var link = new LinkOptions();
        var command = new Command("set", "Change some of the band's settings (all or nothing: the band checks them together).") { pairs };
        link.AddTo(command);
        command.SetAction((parse, cancellationToken) => HostCommand.RunAsync(error, "config set", async () =>
        {
            byte[] encoding = Encode(parse.GetValue(pairs) ?? []);
            await using IBandLink bandLink = link.Create(parse);
            var client = new BandClient(bandLink);
            await client.OpenAsync(pair: true, cancellationToken).ConfigureAwait(false);
            int skipped = await client.WriteConfigurationAsync(encoding, cancellationToken).ConfigureAwait(false);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"band {client.DeviceId}: settings applied{(skipped > 0 ? $" ({skipped} unknown to its firmware were skipped)" : "")}"));
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>A settings message holding only the pairs given (Core's codec applies it on top of the band's settings).</summary>
    private static byte[] Encode(string[] pairs)
    {
        var buffer = new byte[SettingsCodec.MaxEncodedLength];
        int at = SettingsCodec.WriteHeader(buffer, 0);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string pair in pairs)
        {
            string[] parts = pair.Split('=', 2);
            if (parts.Length != 2 || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
            {
                throw new LumbarBandException($"'{pair}' is not NAME=VALUE with an integer value (see `lumbarband config get` for names and units)");
            }

            SettingDefinition d = Definition(parts[0]);
            if (!seen.Add(d.Name))
            {
                throw new LumbarBandException($"{d.Name} is given twice");
            }

            if (!d.Allows(value))
            {
                throw new LumbarBandException(string.Create(CultureInfo.InvariantCulture,
                    $"{d.Name} = {value} is out of range {d.Min}..{d.Max} {SettingCatalog.UnitSymbol(d.Unit)}"));
            }

            at = SettingsCodec.WriteSetting(buffer, at, (int)d.Id, value);
        }

        return buffer.AsSpan(0, at).ToArray();
    }

    private static SettingDefinition Definition(string name) =>
        SettingCatalog.TryFind(name, out SettingDefinition d)
            ? d
            : throw new LumbarBandException($"no setting named '{name}' (see `lumbarband config get` for the names)");
}
