using System.CommandLine;
using LumbarBand.Analysis.Recordings;
using LumbarBand.Analysis.Scoring;

namespace LumbarBand.Cli.Commands;

/// <summary>
/// <c>lumbarband validate DIR</c>: analyzes every <c>*.imu.csv</c> in DIR and scores the steps against the
/// <c>*.reference.json</c> beside each, with the published detectors side by side.
/// </summary>
public static class ValidateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var dir = new Argument<string>("DIR") { Description = "folder of NAME.imu.csv recordings with NAME.reference.json beside each" };
        var command = new Command("validate", "Score the band's step detection on real walks against their reference, beside published detectors.")
        {
            dir,
        };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(dir)!;
            try
            {
                WalkValidation validation = WalkValidation.Run(path);
                output.Write(validation.ToTable());
                return validation.PostureGoalsMissed.Count == 0 ? ExitCodes.Ok : ExitCodes.GoalMissed;
            }
            catch (RecordingFormatException e)
            {
                error.WriteLine($"validate: {e.Message}");
                return ExitCodes.BadInput;
            }
            catch (System.Text.Json.JsonException e)
            {
                error.WriteLine($"validate: a reference file in {path} is not valid JSON: {e.Message}");
                return ExitCodes.BadInput;
            }
            catch (KeyNotFoundException e)
            {
                error.WriteLine($"validate: a reference file in {path} lacks a field: {e.Message}");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }
}
