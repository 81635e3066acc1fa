using System.Globalization;
using LumbarBand.Analysis.Simulation;
using LumbarBand.Core.Posture;
using LumbarBand.Core.Sensing;
using Xunit.Abstractions;

namespace LumbarBand.Core.Tests.Posture;

/// <summary>
/// Flexion and lateral bend on simulated walks with known posture, in several mountings: the band's sensing stages
/// and the posture stages together, against the simulator's truth.
/// </summary>
public sealed class PostureMeterTests(ITestOutputHelper output)
{
    /// <summary>RMS error allowed for flexion and for lateral bend while walking, degrees.</summary>
    private const double WalkingRmsLimitDeg = 1.0;

    /// <summary>RMS error allowed while standing still (the accelerometer is exact there), degrees.</summary>
    private const double StandingRmsLimitDeg = 1.5;

    /// <summary>
    /// Calibration, a minute of walking with a 30° flexion episode and a 10° lean to the right, then standing flexed
    /// by 20° and upright.
    /// </summary>
    public static WalkScript PostureScript { get; } = new WalkScript("posture walk")
        .Stand(5)
        .Walk(30)
        .Walk(20, flexionDeg: 30)
        .Walk(10)
        .Walk(20, lateralBendDeg: 10)
        .Walk(10)
        .Stand(5, flexionDeg: 20)
        .Stand(3);

    /// <summary>Mounting names (xunit data must be serialisable) for <see cref="Mountings"/>.</summary>
    public static TheoryData<string> MountingNames { get; } = new()
    {
        "reference",
        "upside down",
        "sideways",
        "lying flat",
        "inside out",
        "sideways tilted 20° toward 45°",
        "reference tilted 30° toward 120°",
    };

    /// <summary>The mountings the posture and sway tests run in: axis-aligned ones and two tilted ones.</summary>
    public static Mounting Mountings(string name) => name switch
    {
        "reference" => Mounting.Reference,
        "upside down" => Mounting.UpsideDown,
        "sideways" => Mounting.Sideways,
        "lying flat" => Mounting.LyingFlat,
        "inside out" => Mounting.InsideOut,
        "sideways tilted 20° toward 45°" => Mounting.Tilted(Mounting.Sideways, 20, 45),
        "reference tilted 30° toward 120°" => Mounting.Tilted(Mounting.Reference, 30, 120),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown mounting"),
    };

    [Theory]
    [MemberData(nameof(MountingNames))]
    public void FlexionAndLateralBendFollowTheTruthWhileWalking(string mounting)
    {
        PostureRun run = PostureRun.Of(PostureScript, Mountings(mounting));
        (double flexion, double bend, int n) = run.RmsErrors(o => run.ActivityAt(o.Sample) == Activity.Walk);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{mounting}: walking, {n} updates from {PostureRun.TimeS(run.FirstValidSample):0.0} s: flexion RMS {flexion:0.00}°, bend RMS {bend:0.00}°"));

        // Valid from the moment the forward axis is known (some 15 s of walking), and through both episodes.
        Assert.InRange(run.FirstValidSample, 0, 25 * ImuFormat.SampleRateHz);
        Assert.True(n > 300, $"only {n} walking updates");
        Assert.InRange(flexion, 0, WalkingRmsLimitDeg);
        Assert.InRange(bend, 0, WalkingRmsLimitDeg);
    }

    /// <summary>Walking (for the axes), then a forward bend to 90° and back with 5° of lateral bend held.</summary>
    public static WalkScript ForwardBendScript { get; } = new WalkScript("forward bend to 90°")
        .Stand(5)
        .Walk(30)
        .Stand(3)
        .Stand(6, flexionDeg: 90, lateralBendDeg: 5)
        .Stand(4, lateralBendDeg: 5)
        .Stand(3);

    [Theory]
    [MemberData(nameof(MountingNames))]
    public void AForwardBendToNinetyDegreesNeverReadsMoreLateralBendThanHeld(string mounting)
    {
        // Issue 13: the old bend-then-flex reading, atan2(ml, v), went singular near 90° of flexion (−121° of bend in
        // an 84° bend on a real walk). The simulation holds at most 5° of lateral bend; the band may report no more
        // than that plus 2° at any moment of the bend, the ramps included.
        PostureRun run = PostureRun.Of(ForwardBendScript, Mountings(mounting));
        var bend = run.Outputs.Where(o => PostureRun.TimeS(o.Sample) > 38).ToList();
        double held = run.Walk.PostureLateralBendDeg.Max(Math.Abs);
        double worst = bend.Max(o => Math.Abs(o.LateralBendCentidegrees / 100.0));
        double deepest = bend.Max(o => o.FlexionCentidegrees / 100.0);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{mounting}: deepest flexion {deepest:0.0}°, largest lateral bend {worst:0.0}° (held {held:0.0}°)"));
        Assert.True(bend.Count > 50, $"only {bend.Count} outputs in the bend");
        Assert.InRange(deepest, 80, 100);
        Assert.InRange(worst, 0, held + 2);
    }

    [Theory]
    [MemberData(nameof(MountingNames))]
    public void PostureIsRightWhileStanding(string mounting)
    {
        PostureRun run = PostureRun.Of(PostureScript, Mountings(mounting));
        (double flexion, double bend, int n) = run.RmsErrors(o => run.ActivityAt(o.Sample) == Activity.StandStill);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture, $"{mounting}: standing, {n} updates: flexion RMS {flexion:0.00}°, bend RMS {bend:0.00}°"));
        Assert.True(n > 30, $"only {n} standing updates");
        Assert.InRange(flexion, 0, StandingRmsLimitDeg);
        Assert.InRange(bend, 0, StandingRmsLimitDeg);
    }

    [Fact]
    public void SignsAreFlexionForwardAndBendToTheRight()
    {
        PostureRun run = PostureRun.Of(PostureScript, Mountings("sideways tilted 20° toward 45°"));

        // Held postures, away from the ramps: flexed 30° walking (40–54 s; walking adds a 3° lean), leaning 10° right
        // walking (70–84 s), flexed 20° standing (97–99.5 s).
        Assert.InRange(MeanFlexion(run, 40, 54), 30, 36);
        Assert.InRange(MeanLateralBend(run, 40, 54), -2, 2);
        Assert.InRange(MeanLateralBend(run, 70, 84), 8, 12);
        Assert.InRange(MeanFlexion(run, 97, 99.5), 18, 22);
        Assert.InRange(MeanLateralBend(run, 97, 99.5), -2, 2);
    }

    [Fact]
    public void AnglesAreInvalidUntilNeutralAndForwardAreKnown()
    {
        var tilt = new TiltEstimator();
        var axes = new PostureAxes();
        var neutral = new NeutralPosture();
        var frame = new BodyFrame();
        var sway = new LumbarBand.Core.Sway.SwayMeter(tilt, axes);
        var posture = new PostureMeter(tilt, axes, sway, neutral, frame);
        Feed(tilt, posture, 100);
        Assert.False(posture.IsValid);

        // Neutral alone: the vertical is known, the split into flexion and bend is not.
        neutral.OnStillWindow(0, 0, 4096);
        frame.SetVertical(0, 0, 4096);
        Feed(tilt, posture, 200);
        Assert.True(axes.IsVerticalKnown);
        Assert.False(posture.IsValid);

        frame.SetProgression(4096, 0, 0);
        Feed(tilt, posture, 200);
        Assert.True(posture.IsValid);
        Assert.InRange(posture.FlexionCentidegrees, -5, 5);
        Assert.InRange(posture.LateralBendCentidegrees, -5, 5);
    }

    [Fact]
    public void RunsOnTheDemoWalkWithoutSurprises()
    {
        // Sitting, standing up, turning on the spot and weight shifting as well as walking: angles stay sensible.
        PostureRun run = PostureRun.Of(BuiltInWalks.DemoScript(), Mounting.Reference, BuiltInWalks.DemoSeed);
        Assert.NotEmpty(run.Outputs);
        (double flexion, double bend, int n) = run.RmsErrors(o => run.ActivityAt(o.Sample) == Activity.Walk);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture, $"demo walk: {n} walking updates, flexion RMS {flexion:0.00}°, bend RMS {bend:0.00}°"));
        Assert.InRange(flexion, 0, WalkingRmsLimitDeg);
        Assert.InRange(bend, 0, WalkingRmsLimitDeg);
        (double allFlexion, double allBend, _) = run.RmsErrors(_ => true);
        Assert.InRange(allFlexion, 0, 3);
        Assert.InRange(allBend, 0, 3);
    }

    private static double MeanFlexion(PostureRun run, double fromS, double toS) =>
        run.Outputs.Where(o => PostureRun.TimeS(o.Sample) >= fromS && PostureRun.TimeS(o.Sample) < toS)
            .Average(o => o.FlexionCentidegrees / 100.0);

    private static double MeanLateralBend(PostureRun run, double fromS, double toS) =>
        run.Outputs.Where(o => PostureRun.TimeS(o.Sample) >= fromS && PostureRun.TimeS(o.Sample) < toS)
            .Average(o => o.LateralBendCentidegrees / 100.0);

    /// <summary>Still and upright (sensor z up), one filter step per four samples.</summary>
    private static void Feed(TiltEstimator tilt, PostureMeter posture, int samples)
    {
        for (int i = 0; i < samples; i += TiltEstimator.SamplesPerStep)
        {
            tilt.Update(0, 0, 4096, 0, 0, 0);
            posture.Update();
        }
    }
}
