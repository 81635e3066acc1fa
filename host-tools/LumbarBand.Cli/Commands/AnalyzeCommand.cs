using System.CommandLine;
using LumbarBand.Analysis.Analyzing;
using LumbarBand.Analysis.Recordings;
using LumbarBand.Analysis.Simulation;

namespace LumbarBand.Cli.Commands;

/// <summary><c>lumbarband analyze FILE [--json]</c>: runs a recording through Core as the band would.</summary>
public static class AnalyzeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = new Argument<string?>("FILE")
        {
            Description = "IMU recording (CSV: t_s,acc_x_g,acc_y_g,acc_z_g,gyr_x_dps,gyr_y_dps,gyr_z_dps), any mounting",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var json = new Option<bool>("--json") { Description = "print one JSON object (steps_s, walking_bouts, cues, summary)" };
        var simulated = new Option<bool>("--simulated") { Description = "analyze the built-in simulated walk instead of a file" };
        var height = new Option<int?>("--height-cm") { Description = "the wearer's height in cm (the band's wearer_height_cm setting; default 170)" };
        var command = new Command("analyze", "Run a recording through the band's logic and report steps, bouts, speed, rhythm and cues.")
        {
            file, json, simulated, height,
        };
        command.SetAction(parse =>
        {
            string? path = parse.GetValue(file);
            bool useSimulated = parse.GetValue(simulated);
            if ((path == null) == !useSimulated)
            {
                error.WriteLine("analyze: give either a recording FILE or --simulated");
                return ExitCodes.BadInput;
            }

            int? heightCm = parse.GetValue(height);
            if (heightCm is int h && !Core.Configuration.SettingCatalog.Get(Core.Configuration.SettingId.WearerHeightCm).Allows(h))
            {
                Core.Configuration.SettingDefinition d = Core.Configuration.SettingCatalog.Get(Core.Configuration.SettingId.WearerHeightCm);
                error.WriteLine($"analyze: --height-cm {h} is out of range {d.Min}..{d.Max} cm (the wearer's height in centimetres)");
                return ExitCodes.BadInput;
            }

            AnalysisResult result;
            if (useSimulated)
            {
                SimulatedWalk walk = BuiltInWalks.Demo();
                result = RecordingAnalyzer.Analyze(walk.Recording, walk.Label, heightCm);
            }
            else
            {
                try
                {
                    result = RecordingAnalyzer.Analyze(ImuCsv.Read(path!), path!, heightCm);
                }
                catch (RecordingFormatException e)
                {
                    error.WriteLine($"analyze: {e.Message}");
                    return ExitCodes.BadInput;
                }
                catch (IOException e)
                {
                    error.WriteLine($"analyze: {path}: {e.Message}");
                    return ExitCodes.BadInput;
                }
                catch (UnauthorizedAccessException e)
                {
                    error.WriteLine($"analyze: {path}: {e.Message}");
                    return ExitCodes.BadInput;
                }
            }

            output.Write(parse.GetValue(json) ? result.ToJson() + Environment.NewLine : result.ToText());
            return ExitCodes.Ok;
        });
        return command;
    }
}
