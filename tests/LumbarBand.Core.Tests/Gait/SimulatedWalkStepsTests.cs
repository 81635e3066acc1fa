using LumbarBand.Analysis.Scoring;
using LumbarBand.Analysis.Simulation;
using Xunit.Abstractions;

namespace LumbarBand.Core.Tests.Gait;

/// <summary>
/// The band's steps on simulated walks with known initial contacts (<see cref="SimulatedWalk.InitialContactsS"/>):
/// the built-in demo walk (235 steps in two bouts, and between them standing, weight shifting, a turn on the spot,
/// sitting down, sitting and standing up, none of which may give a step), as recorded and in another mounting.
/// </summary>
public sealed class SimulatedWalkStepsTests
{
    /// <summary>A detected step matches a true initial contact within this, seconds (as the real-walk scoring).</summary>

    /// <summary>
    /// Steps this close to a walking segment's edge are not held against the neighbouring segment: the simulator's
    /// walks end with two small closing steps, and a segment boundary is not an instant of the body.
    /// </summary>
    private const double EdgeS = 0.5;

    private readonly ITestOutputHelper _output;

    public SimulatedWalkStepsTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public static TheoryData<string> Walks() => new() { "demo", "demo, lying flat and tilted, seed 3" };

    [SkippableTheory]
    [MemberData(nameof(Walks))]
    public void BandFindsTheStepsAndNoneOutsideWalking(string which)
    {
        SimulatedWalk walk = which == "demo"
            ? BuiltInWalks.Demo()
            : WalkSimulator.Simulate(BuiltInWalks.DemoScript(), Mounting.Tilted(Mounting.LyingFlat, 20, 40), SimulationOptions.Default with { Seed = 3 });
        double[] truth = walk.InitialContactsS;
        double[] steps = LowerBackWalks.DetectSteps(walk.Recording);

        int matched = StepScorer.MatchCount(truth, steps);
        double precision = (double)matched / steps.Length;
        double recall = (double)matched / truth.Length;
        double f1 = 2 * precision * recall / (precision + recall);
        _output.WriteLine($"{walk.Label}: {truth.Length} true steps, {steps.Length} detected, {matched} matched, F1 {f1:F3}");

        Assert.True(f1 >= 0.95, $"{which}: step F1 {f1:F3} < 0.95 ({matched} of {truth.Length} true steps matched by {steps.Length} detected)");
        Assert.Equal(2, walk.WalkingBouts.Count);

        IReadOnlyList<SegmentTiming> segments = walk.Segments;
        var quiet = new HashSet<Activity>();
        for (int i = 0; i < segments.Count; i++)
        {
            SegmentTiming s = segments[i];
            if (s.Segment.Activity == Activity.Walk)
            {
                continue;
            }

            quiet.Add(s.Segment.Activity);
            double from = s.StartS + (i > 0 && segments[i - 1].Segment.Activity == Activity.Walk ? EdgeS : 0);
            double to = s.EndS - (i + 1 < segments.Count && segments[i + 1].Segment.Activity == Activity.Walk ? EdgeS : 0);
            double[] inside = steps.Where(t => t >= from && t < to).ToArray();
            _output.WriteLine($"  {s.Segment.Activity} {s.StartS:F1}–{s.EndS:F1} s: {inside.Length} steps");
            Assert.True(inside.Length == 0, $"{which}: {s.Segment.Activity} from {s.StartS:F1} to {s.EndS:F1} s gave steps at {string.Join(", ", inside.Select(t => t.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))} s");
        }

        // The demo holds every non-walking activity the band must not count.
        Assert.Superset(
            new HashSet<Activity> { Activity.StandStill, Activity.ShiftWeight, Activity.TurnInPlace, Activity.StandToSit, Activity.Sit, Activity.SitToStand },
            quiet);
    }
}
