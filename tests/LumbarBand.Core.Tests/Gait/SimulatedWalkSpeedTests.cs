using LumbarBand.Analysis.Analyzing;
using LumbarBand.Analysis.Simulation;
using Xunit.Abstractions;

namespace LumbarBand.Core.Tests.Gait;

/// <summary>
/// Walking speed and stride length on SIMULATED walks whose pelvis rises and falls as the inverted pendulum says for
/// their step length and the wearer's leg length (<see cref="SimulationOptions.HeightCm"/>): known speed, several
/// heights and speeds, seven mountings.
/// </summary>
public sealed class SimulatedWalkSpeedTests
{
    /// <summary>The tolerance: speed within 5% of the simulated one.</summary>
    private const double Tolerance = 0.05;

    private readonly ITestOutputHelper _output;

    public SimulatedWalkSpeedTests(ITestOutputHelper output)
    {
        _output = output;
    }

    /// <summary>Seven mountings: five axis-aligned ones and two tilted, each with its own wearer and pace (105–120 steps/min).</summary>
    public static TheoryData<string, double, double, double> Walks() => new()
    {
        { "reference", 170, 105, 1.0 },
        { "upside down", 155, 105, 0.85 },
        { "inside out", 190, 120, 1.15 },
        { "sideways", 160, 108, 0.9 },
        { "lying flat", 185, 110, 1.1 },
        { "reference tilted 25° toward 60°", 175, 112, 0.95 },
        { "sideways tilted 20° toward 200°", 165, 115, 1.05 },
    };

    /// <summary>Slower paces (80–100 steps/min) in three of the mountings.</summary>
    public static TheoryData<string, double, double, double> SlowWalks() => new()
    {
        { "upside down", 155, 90, 0.8 },
        { "sideways", 160, 100, 0.9 },
        { "reference tilted 25° toward 60°", 175, 80, 0.75 },
    };

    [Theory]
    [MemberData(nameof(Walks))]
    public void SpeedAndStrideLengthAreWithinFivePercentOfTheSimulatedWalk(string mounting, double heightCm, double cadenceSpm, double amplitude)
    {
        Check(mounting, heightCm, cadenceSpm, amplitude, Tolerance);
    }

    /// <summary>
    /// Slow paces too (the wearers this band is for are worst when walking slowly): the excursion is the step's double
    /// integral, so the heel strike's short impact no longer reads as pendulum motion at long step times.
    /// </summary>
    [Theory]
    [MemberData(nameof(SlowWalks))]
    public void SlowPacesAreWithinFivePercentToo(string mounting, double heightCm, double cadenceSpm, double amplitude)
    {
        Check(mounting, heightCm, cadenceSpm, amplitude, Tolerance);
    }

    private void Check(string mounting, double heightCm, double cadenceSpm, double amplitude, double tolerance)
    {
        Mounting m = mounting switch
        {
            "reference" => Mounting.Reference,
            "upside down" => Mounting.UpsideDown,
            "inside out" => Mounting.InsideOut,
            "sideways" => Mounting.Sideways,
            "lying flat" => Mounting.LyingFlat,
            "reference tilted 25° toward 60°" => Mounting.Tilted(Mounting.Reference, 25, 60),
            _ => Mounting.Tilted(Mounting.Sideways, 20, 200),
        };
        WalkScript script = new WalkScript().Stand(4).Walk(40, cadenceSpm: cadenceSpm, amplitude: amplitude).Stand(4);
        SimulatedWalk walk = WalkSimulator.Simulate(script, m, SimulationOptions.Default with { HeightCm = heightCm, Seed = (int)heightCm });
        double stepLength = 0.65 * amplitude;
        double speed = stepLength * cadenceSpm / 60;

        AnalysisResult result = RecordingAnalyzer.Analyze(walk.Recording, walk.Label, (int)heightCm);

        WalkingBout bout = Assert.Single(result.Bouts);
        Assert.NotNull(bout.SpeedMps);
        _output.WriteLine($"{mounting}, {heightCm} cm, {cadenceSpm} steps/min, {speed:0.000} m/s: band {bout.SpeedMps:0.000} m/s, stride {bout.StrideLengthM:0.000} m (simulated {2 * stepLength:0.000})");
        Assert.True(Math.Abs(bout.SpeedMps!.Value / speed - 1) <= tolerance, $"{mounting}: speed {bout.SpeedMps:0.000} m/s, simulated {speed:0.000} m/s, beyond {tolerance:P0}");
        Assert.True(Math.Abs(bout.StrideLengthM!.Value / (2 * stepLength) - 1) <= tolerance, $"{mounting}: stride {bout.StrideLengthM:0.000} m, simulated {2 * stepLength:0.000} m, beyond {tolerance:P0}");
        Assert.InRange(bout.StepTimeCvPct!.Value, 0.5, 8);
    }

    [Fact]
    public void TheWearersHeightChangesTheSpeedAsTheSquareRootOfTheLegLength()
    {
        SimulatedWalk walk = BuiltInWalks.Demo();
        double tall = RecordingAnalyzer.Analyze(walk.Recording, walk.Label, 200).MeanOver(b => b.SpeedMps)!.Value;
        double small = RecordingAnalyzer.Analyze(walk.Recording, walk.Label, 150).MeanOver(b => b.SpeedMps)!.Value;

        Assert.InRange(tall / small, Math.Sqrt(200.0 / 150) - 0.02, Math.Sqrt(200.0 / 150) + 0.02);
    }
}
