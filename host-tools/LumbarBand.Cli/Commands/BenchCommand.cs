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
        var byMethod = new Option<int?>("--by-method")
        {
            Description = "instead of the figures, print the N Core methods that execute the most IL per sample (own blocks, not callees)",
        };
        var command = new Command("bench", "Measure the band's cost: IL instructions per sample, allocations, state size, host speed, flash and BLE figures.")
        {
            json,
            byMethod,
        };
        command.SetAction(parse =>
        {
            SimulatedWalk walk = BuiltInWalks.Demo();
            RawImuSamples raw = DeviceQuantizer.ToDevice(walk.Recording);
            var workload = new BenchWorkload(raw.TimeUs, raw.Ax, raw.Ay, raw.Az, raw.Gx, raw.Gy, raw.Gz);
            int? top = parse.GetValue(byMethod);
            if (top.HasValue)
            {
                if (top.Value < 1)
                {
                    error.WriteLine($"--by-method needs a count of at least 1, got {top.Value}.");
                    return ExitCodes.BadOption;
                }

                WriteByMethod(output, CoreBenchmark.MeasureByMethod(workload), top.Value);
                return ExitCodes.Ok;
            }

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

    private static void WriteByMethod(TextWriter output, IReadOnlyList<MethodCost> costs, int top)
    {
        double total = 0;
        foreach (MethodCost cost in costs)
        {
            total += cost.InstructionsPerSample;
        }

        output.WriteLine(FormattableString.Invariant($"IL instructions per sample, mean {total:F2}, by method (own blocks):"));
        for (int i = 0; i < costs.Count && i < top; i++)
        {
            output.WriteLine(FormattableString.Invariant($"{costs[i].InstructionsPerSample,9:F2}  {costs[i].Method}"));
        }
    }
}
