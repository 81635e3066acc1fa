using LumbarBand.Analysis.Recordings;
using LumbarBand.Analysis.Simulation;

namespace LumbarBand.Tools.Tests.Simulation;

/// <summary>
/// Physical consistency of the simulated walks: each test could fail if the model, the mounting rotations or the
/// truth bookkeeping were wrong, not merely restate the code.
/// </summary>
public sealed class WalkSimulatorTests
{
    private static readonly SimulationOptions Options = SimulationOptions.Default with { Seed = 11 };

    public static TheoryData<string> MountingNames()
    {
        var names = new TheoryData<string>();
        foreach (Mounting m in Mounting.AxisAligned())
        {
            names.Add(m.Name);
        }

        return names;
    }

    [Fact]
    public void AxisAlignedMountingsAreTwentyFourDistinctProperRotations()
    {
        Mounting[] all = Mounting.AxisAligned();

        Assert.Equal(24, all.Length);
        Assert.Same(Mounting.Reference, all[0]);
        Assert.Equal("x up, y right, z forward", Mounting.Reference.Name);
        Assert.Equal(24, all.Select(m => m.Name).Distinct().Count());
        foreach (Mounting m in all)
        {
            Assert.Equal(1.0, Determinant(m), 12);
        }

        Assert.Contains(Mounting.UpsideDown, all);
        Assert.Contains(Mounting.InsideOut, all);
        Assert.Contains(Mounting.Sideways, all);
        Assert.Contains(Mounting.LyingFlat, all);
    }

    [Theory]
    [MemberData(nameof(MountingNames))]
    public void AtRestTheAccelerometerReadsOneGAlongTheMountingsUp(string mountingName)
    {
        Mounting mounting = Mounting.AxisAligned().Single(m => m.Name == mountingName);
        SimulatedWalk walk = WalkSimulator.Simulate(new WalkScript().Stand(3), mounting, Options);
        ImuRecording r = walk.Recording;

        double noise = Options.AccelNoiseG;
        double sumNorm = 0;
        for (int i = 0; i < r.Count; i++)
        {
            double norm = Math.Sqrt(Sq(r.AccG[0][i]) + Sq(r.AccG[1][i]) + Sq(r.AccG[2][i]));
            Assert.InRange(norm, 1 - (5 * noise), 1 + (5 * noise));
            sumNorm += norm;
        }

        Assert.Equal(1.0, sumNorm / r.Count, 0.002);

        // Gravity's reaction points along whichever sensor axis the mounting turned up.
        (double upX, double upY, double upZ) = mounting.ToSensor(1, 0, 0);
        Assert.Equal(upX, r.AccG[0].Average(), 0.02);
        Assert.Equal(upY, r.AccG[1].Average(), 0.02);
        Assert.Equal(upZ, r.AccG[2].Average(), 0.02);
    }

    [Theory]
    [InlineData(25.0, 0.0)]
    [InlineData(-10.0, 0.0)]
    [InlineData(20.0, 15.0)]
    public void IntegratedGyroReproducesAPostureRamp(double flexionDeg, double bendDeg)
    {
        // Flexion ramps over 3–4 s; with a bend, the bend ramps over 7–8 s while the flexion is held.
        var script = new WalkScript().Stand(3).Stand(4, flexionDeg: flexionDeg).Stand(4, flexionDeg: flexionDeg, lateralBendDeg: bendDeg).Stand(2);
        Mounting mounting = Mounting.Tilted(Mounting.Sideways, 20, 45);
        SimulatedWalk walk = WalkSimulator.Simulate(script, mounting, Options);

        // Flexion is a forward (negative) rotation about ML; a bend to the right is positive about AP.
        double flexionTurnDeg = -IntegrateBodyRate(walk, axis: 1, fromS: 2.5, toS: 5.0);
        Assert.Equal(Change(walk.FlexionDeg, walk, 2.5, 5.0), flexionTurnDeg, 1.0);
        Assert.Equal(flexionDeg, Change(walk.PostureFlexionDeg, walk, 2.5, 5.0), 1e-9);

        double bendTurnDeg = IntegrateBodyRate(walk, axis: 2, fromS: 6.5, toS: 9.0);
        Assert.Equal(Change(walk.LateralBendDeg, walk, 6.5, 9.0), bendTurnDeg, 1.0);
        Assert.Equal(bendDeg, Change(walk.PostureLateralBendDeg, walk, 6.5, 9.0), 1e-9);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(40.0)]
    public void IntegratedGyroReproducesATurnInPlaceInBodyAxes(double flexionDeg)
    {
        var script = new WalkScript()
            .Stand(2, flexionDeg: flexionDeg)
            .TurnInPlace(3, turnDeg: -180, flexionDeg: flexionDeg)
            .Stand(2, flexionDeg: flexionDeg);
        SimulatedWalk walk = WalkSimulator.Simulate(script, Mounting.LyingFlat, Options);

        // The gyroscope turns with the trunk: bent forward, the turn about the world's vertical shows partly about the
        // body's vertical and partly about its (backward-pointing) AP axis.
        double flexionRad = flexionDeg * Math.PI / 180;
        Assert.Equal(-180 * Math.Cos(flexionRad), IntegrateBodyRate(walk, axis: 0, fromS: 1.5, toS: 5.5), 1.0);
        Assert.Equal(180 * Math.Sin(flexionRad), IntegrateBodyRate(walk, axis: 2, fromS: 1.5, toS: 5.5), 1.0);
        Assert.Equal(-180, walk.HeadingDeg[^1], 1e-6);
        Assert.Empty(walk.InitialContactsS);
    }

    [Fact]
    public void ReexpressingToAMountingAndBackIsTheIdentity()
    {
        ImuRecording original = WalkSimulator.Simulate(new WalkScript().Stand(1).Walk(4), Mounting.Reference, Options).Recording;
        Mounting[] mountings = [.. Mounting.AxisAligned(), Mounting.Tilted(Mounting.InsideOut, 27, 200), Mounting.Tilted(Mounting.LyingFlat, -12, 33)];

        foreach (Mounting m in mountings)
        {
            ImuRecording back = m.Inverse().Reexpress(m.Reexpress(original));
            Assert.Equal(original.TimeS, back.TimeS);
            for (int axis = 0; axis < 3; axis++)
            {
                for (int i = 0; i < original.Count; i++)
                {
                    Assert.Equal(original.AccG[axis][i], back.AccG[axis][i], 1e-12);
                    Assert.Equal(original.GyrDps[axis][i], back.GyrDps[axis][i], 1e-9);
                }
            }
        }
    }

    [Fact]
    public void SimulatingInAMountingEqualsReexpressingTheReferenceSimulation()
    {
        // Without sensor errors (which live in the sensor's own axes) the body motion is the same whatever the mounting.
        var script = new WalkScript().Stand(1).Walk(4, turnDegPerS: 20).TurnInPlace(2, 90).Stand(1);
        SimulationOptions clean = Options.WithoutSensorErrors();
        ImuRecording reference = WalkSimulator.Simulate(script, Mounting.Reference, clean).Recording;
        Mounting odd = Mounting.Tilted(Mounting.UpsideDown, 17, 120);

        ImuRecording direct = WalkSimulator.Simulate(script, odd, clean).Recording;
        ImuRecording reexpressed = odd.Reexpress(reference);

        for (int axis = 0; axis < 3; axis++)
        {
            for (int i = 0; i < direct.Count; i++)
            {
                Assert.Equal(reexpressed.AccG[axis][i], direct.AccG[axis][i], 1e-9);
                Assert.Equal(reexpressed.GyrDps[axis][i], direct.GyrDps[axis][i], 1e-6);
            }
        }
    }

    [Fact]
    public void TheVerticalAccelerationAveragesOneGOverAWalkingBout()
    {
        var script = new WalkScript().Stand(2).Walk(30, cadenceSpm: 110).Stand(2);
        SimulatedWalk walk = WalkSimulator.Simulate(script, Mounting.UpsideDown, Options);
        ImuRecording body = walk.Mounting.Inverse().Reexpress(walk.Recording);

        var bout = Assert.Single(walk.WalkingBouts);
        int from = (int)Math.Ceiling(bout.StartS * Options.SampleRateHz);
        int to = (int)Math.Floor(bout.EndS * Options.SampleRateHz);
        double[] vertical = body.AccG[0][from..to];
        double[] anteroposterior = body.AccG[2][from..to];

        // The trunk neither rises nor sinks over a bout: only gravity's reaction is left, tilted by the walking lean.
        Assert.Equal(1.0, vertical.Average(), 0.01);
        Assert.Equal(-Math.Sin(Options.WalkingLeanDeg * Math.PI / 180), anteroposterior.Average(), 0.01);

        // And the steps are there: the vertical swings by more than half a g at every step (up to 2 g at 110 steps/min,
        // where the pelvis rises as the inverted pendulum of a 0.65 m step on a 0.9 m leg says).
        Assert.InRange(vertical.Max() - vertical.Min(), 0.5, 2.0);
    }

    [Theory]
    [InlineData(80.0)]
    [InlineData(105.0)]
    [InlineData(130.0)]
    public void StepTruthMatchesDurationTimesCadence(double cadenceSpm)
    {
        const double walkS = 40;
        SimulatedWalk walk = WalkSimulator.Simulate(new WalkScript().Stand(3).Walk(walkS, cadenceSpm: cadenceSpm).Stand(3), Mounting.Reference, Options);

        Assert.InRange(walk.InitialContactsS.Length, (walkS * cadenceSpm / 60) - 2, (walkS * cadenceSpm / 60) + 2);
        var bout = Assert.Single(walk.WalkingBouts);
        Assert.Equal(walk.InitialContactsS.Length, bout.Steps);
        Assert.Equal(cadenceSpm, bout.CadenceSpm, cadenceSpm * 0.02);
        Assert.InRange(bout.StartS, 3, 3.5);
        Assert.InRange(bout.EndS, 3 + walkS - 1, 3 + walkS);

        for (int i = 1; i < walk.InitialContactsS.Length; i++)
        {
            Assert.True(walk.InitialContactsS[i] > walk.InitialContactsS[i - 1]);
            Assert.NotEqual(walk.InitialContactSides[i], walk.InitialContactSides[i - 1]);
        }
    }

    [Fact]
    public void StrideSwayFollowsTheSwayScale()
    {
        var script = new WalkScript().Stand(2).Walk(20).Walk(20, swayScale: 2).Stand(2);
        SimulatedWalk walk = WalkSimulator.Simulate(script, Mounting.Reference, Options);

        StrideSway[] normal = walk.StrideSways.Where(s => s.StartS > 5 && s.EndS < 21).ToArray();
        StrideSway[] doubled = walk.StrideSways.Where(s => s.StartS > 24 && s.EndS < 41).ToArray();

        // Real lower-back strides: yaw 8–11°, flexion-extension 3–6°, lateral bend 2–4°.
        Assert.InRange(normal.Average(s => s.YawRangeDeg), 7, 12);
        Assert.InRange(normal.Average(s => s.AnteroposteriorTiltRangeDeg), 2.5, 6);
        Assert.InRange(normal.Average(s => s.MediolateralTiltRangeDeg), 1.5, 4);
        Assert.Equal(2, doubled.Average(s => s.YawRangeDeg) / normal.Average(s => s.YawRangeDeg), 0.1);
        Assert.Equal(2, doubled.Average(s => s.MediolateralTiltRangeDeg) / normal.Average(s => s.MediolateralTiltRangeDeg), 0.2);
    }

    [Fact]
    public void TheSameSeedGivesTheSameWalkAndAnotherSeedAnother()
    {
        var script = new WalkScript().Stand(2).Walk(8).TurnInPlace(3).Stand(1);
        SimulatedWalk a = WalkSimulator.Simulate(script, Mounting.Sideways, Options);
        SimulatedWalk b = WalkSimulator.Simulate(script, Mounting.Sideways, Options);
        SimulatedWalk c = WalkSimulator.Simulate(script, Mounting.Sideways, Options with { Seed = Options.Seed + 1 });

        Assert.Equal(a.InitialContactsS, b.InitialContactsS);
        Assert.Equal(a.FlexionDeg, b.FlexionDeg);
        for (int axis = 0; axis < 3; axis++)
        {
            Assert.Equal(a.Recording.AccG[axis], b.Recording.AccG[axis]);
            Assert.Equal(a.Recording.GyrDps[axis], b.Recording.GyrDps[axis]);
        }

        Assert.NotEqual(a.InitialContactsS, c.InitialContactsS);
        Assert.NotEqual(a.Recording.AccG[0], c.Recording.AccG[0]);
        Assert.NotEqual(a.Recording.GyrDps[2], c.Recording.GyrDps[2]);
    }

    [Fact]
    public void EveryLabelSaysSimulated()
    {
        SimulatedWalk scripted = WalkSimulator.Simulate(new WalkScript().Stand(1).Walk(3), Mounting.LyingFlat, Options);
        SimulatedWalk normal = BuiltInWalks.Normal(0.1, seed: 4);
        SimulatedWalk demo = BuiltInWalks.Demo();

        Assert.StartsWith("simulated walk (seed 11)", scripted.Label, StringComparison.Ordinal);
        Assert.Contains("simulated", normal.Label, StringComparison.Ordinal);
        Assert.Contains("simulated", demo.Label, StringComparison.Ordinal);

        // The demo is about three minutes with two walking bouts around its sitting and turning.
        Assert.InRange(demo.Recording.DurationS, 170, 200);
        Assert.Equal(2, demo.WalkingBouts.Count);
        Assert.Equal(30 + Options.WalkingLeanDeg, demo.PostureFlexionDeg[Index(demo, 75)], 1e-6);
    }

    private static double Sq(double x) => x * x;

    private static double Determinant(Mounting m) =>
        (m[0, 0] * ((m[1, 1] * m[2, 2]) - (m[1, 2] * m[2, 1])))
        - (m[0, 1] * ((m[1, 0] * m[2, 2]) - (m[1, 2] * m[2, 0])))
        + (m[0, 2] * ((m[1, 0] * m[2, 1]) - (m[1, 1] * m[2, 0])));

    /// <summary>Trapezoidal integral, degrees, of the bias-corrected gyro about body axis (0 V, 1 ML, 2 AP).</summary>
    private static double IntegrateBodyRate(SimulatedWalk walk, int axis, double fromS, double toS)
    {
        ImuRecording r = walk.Recording;
        double BodyRate(int i)
        {
            (double v, double ml, double ap) = walk.Mounting.ToBody(
                r.GyrDps[0][i] - walk.GyroBiasDps[0][i], r.GyrDps[1][i] - walk.GyroBiasDps[1][i], r.GyrDps[2][i] - walk.GyroBiasDps[2][i]);
            return axis switch { 0 => v, 1 => ml, _ => ap };
        }

        double sum = 0;
        for (int i = Index(walk, fromS); i < Index(walk, toS); i++)
        {
            sum += (BodyRate(i) + BodyRate(i + 1)) / 2 * (r.TimeS[i + 1] - r.TimeS[i]);
        }

        return sum;
    }

    private static double Change(double[] series, SimulatedWalk walk, double fromS, double toS) =>
        series[Index(walk, toS)] - series[Index(walk, fromS)];

    private static int Index(SimulatedWalk walk, double t) => (int)Math.Round(t * walk.Options.SampleRateHz);
}
