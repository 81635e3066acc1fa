namespace LumbarBand.Analysis.Simulation;

/// <summary>Ready-made simulated walks for the demo and for tests; deterministic, and labelled as simulated.</summary>
public static class BuiltInWalks
{
    /// <summary>Seed of <see cref="Demo"/>.</summary>
    public const int DemoSeed = 1;

    /// <summary>Normal cadence of the built-in walks, steps per minute.</summary>
    public const double NormalCadenceSpm = 105;

    /// <summary>The demo's script: about three minutes of a day with the band.</summary>
    public static WalkScript DemoScript() => new WalkScript("demo walk: calibration, walk with a flexion episode, weight shifting, turn, sit, walk with a lateral lean")
        .Stand(5)
        .Walk(60, cadenceSpm: NormalCadenceSpm)
        .Walk(20, cadenceSpm: NormalCadenceSpm, flexionDeg: 30)
        .Walk(10, cadenceSpm: NormalCadenceSpm)
        .Stand(5)
        .ShiftWeight(10)
        .TurnInPlace(3, turnDeg: 180)
        .Stand(3)
        .StandToSit()
        .Sit(15)
        .SitToStand()
        .Stand(3)
        .Walk(20, cadenceSpm: NormalCadenceSpm)
        .Walk(15, cadenceSpm: NormalCadenceSpm, lateralBendDeg: 10)
        .Walk(10, cadenceSpm: NormalCadenceSpm)
        .Stand(5);

    /// <summary>
    /// About three minutes (188.5 s): stand still 5 s (calibration), walk 90 s at 105 steps/min with 30° of flexion
    /// from 65 s to 85 s, stand, shift weight, turn 180° in place, sit down, sit, stand up, walk 45 s with a 10° lean
    /// to the right from 131.5 s to 146.5 s, stand still. Reference mounting, seed <see cref="DemoSeed"/>.
    /// </summary>
    public static SimulatedWalk Demo() =>
        WalkSimulator.Simulate(DemoScript(), Mounting.Reference, SimulationOptions.Default with { Seed = DemoSeed });

    /// <summary>Seed of <see cref="PlannedWalk"/>.</summary>
    public const int PlannedWalkSeed = 2;

    /// <summary>
    /// A walk under a walking plan, simulated: stand 5 s, walk 75 s, rest 40 s (a park bench), walk 75 s, stand
    /// 40 s, at 105 steps/min (about 4 minutes). Reference mounting, seed <see cref="PlannedWalkSeed"/>.
    /// </summary>
    public static SimulatedWalk PlannedWalk() => WalkSimulator.Simulate(
        new WalkScript("simulated walk under a plan: two stretches of 75 s with a 40 s rest")
            .Stand(5).Walk(75, cadenceSpm: NormalCadenceSpm).Stand(40).Walk(75, cadenceSpm: NormalCadenceSpm).Stand(40),
        Mounting.Reference,
        SimulationOptions.Default with { Seed = PlannedWalkSeed });

    /// <summary>Plain normal walking: stand 5 s, walk <paramref name="minutes"/> at 105 steps/min, stand 2 s.</summary>
    public static SimulatedWalk Normal(double minutes, int seed)
    {
        if (!(minutes is > 0 and <= 600))
        {
            throw new ArgumentOutOfRangeException(nameof(minutes), minutes, "a normal walk lasts more than 0 and at most 600 minutes");
        }

        WalkScript script = new WalkScript().Stand(5).Walk(minutes * 60, cadenceSpm: NormalCadenceSpm).Stand(2);
        return WalkSimulator.Simulate(script, Mounting.Reference, SimulationOptions.Default with { Seed = seed });
    }
}
