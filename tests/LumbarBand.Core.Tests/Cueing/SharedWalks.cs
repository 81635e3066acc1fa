using LumbarBand.Analysis.Simulation;

namespace LumbarBand.Core.Tests.Cueing;

/// <summary>
/// Simulated walks for the cue tests: simulated at the band's own 50 Hz (half the simulator's cost at its default
/// 100 Hz, and what the band samples anyway), and the half-hour walk only once per test run.
/// </summary>
public static class SharedWalks
{
    /// <summary>Default sensor errors and variability at the band's sample rate.</summary>
    public static SimulationOptions Options(int seed) =>
        SimulationOptions.Default with { Seed = seed, SampleRateHz = Core.Sensing.ImuFormat.SampleRateHz };

    private static readonly Lazy<SimulatedWalk> NormalHalfHour = new(() => Simulate(
        new WalkScript().Stand(5).Walk(30 * 60, cadenceSpm: BuiltInWalks.NormalCadenceSpm).Stand(2), seed: 5));

    /// <summary>Stand 5 s, walk 30 minutes at 105 steps/min, stand 2 s (seed 5).</summary>
    public static SimulatedWalk ThirtyMinutesOfNormalWalking => NormalHalfHour.Value;

    /// <summary>Simulates <paramref name="script"/> in the reference mounting.</summary>
    public static SimulatedWalk Simulate(WalkScript script, int seed) => WalkSimulator.Simulate(script, Mounting.Reference, Options(seed));
}
