using System.CommandLine;
using LumbarBand.Analysis.Recordings;
using LumbarBand.Analysis.Simulation;
using LumbarBand.Bench;

namespace LumbarBand.Cli.Commands;

/// <summary>
/// <c>lumbarband bench [--json]</c>: the device-cost meter, run over the built-in simulated walk quantized to the
/// band's raw counts (so every stage, walking and still, is exercised).
/// </summary>
public static class BenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var json = new Option<bool>("--json") { Description = "print one JSON object of figures" };
        var command = new Command("bench", "Measure the band's cost: IL instructions per sample, allocations, state size, host speed, flash and BLE figures.")
        {
            json,
        };
        command.SetAction(parse =>
        {
            SimulatedWalk walk = BuiltInWalks.Demo();
            RawImuSamples raw = DeviceQuantizer.ToDevice(walk.Recording);
            var workload = new BenchWorkload(raw.TimeUs, raw.Ax, raw.Ay, raw.Az, raw.Gx, raw.Gy, raw.Gz);
            BenchResult result = CoreBenchmark.Measure(workload);
            StorageAndLinkFigures.AddTo(result);
            if (parse.GetValue(json))
            {
                output.WriteLine(result.ToJson());
            }
            else
            {
                output.WriteLine($"workload: {walk.Label}");
                output.Write(result.ToText());
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
