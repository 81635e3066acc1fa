using LumbarBand.Analysis.Scoring;
using System.Globalization;
using Xunit.Abstractions;

namespace LumbarBand.Core.Tests.Gait;

/// <summary>
/// The step detector on the six real lower-back walks, fed exactly as the device would see them, from the continuous
/// stream (no bout information), scored with the validate command's StepScorer (the rules of shared/tools/score_steps.py, cross-checked against it in the tool tests). The data lives outside the
/// repository; these tests fail with a plain message when it is absent (CI has it at ../shared beside the clone).
/// </summary>
public sealed class RealWalksTests
{
    // Today's level on the references as they now stand (Mobilise-D bouts, the Stereophoto bouts, unverified spans),
    // scored as ../shared/tools/score_steps.py scores it, after issue 12 (steps from 35 steps/min, stride-based
    // walking tests): F1 0.890, count error 7.2%, cadence MAE 4.25 steps/min, 3.85 false steps/min (before it:
    // 0.873, 6.6%, 3.78, 3.26: cadence and false steps regressed, in daily living); then count error 4.2%, guarded at
    // 4.5% while below the target (count error <= 3%). F1 (0.901),
    // cadence MAE (2.79 steps/min since a turn's step counted halfway teaches the rhythm both halves) and false steps
    // (1.78/min) meet their targets, asserted as such: F1 >= 0.90, cadence MAE <= 3 steps/min, false steps <= 2/min.
    // Since the step detector's thresholds follow a bend's projection loss: F1 0.908, cadence MAE 2.66 steps/min.
    // Since a step the detector missed no longer restarts a confirming run: F1 0.911, count error 0.6%, the target.
    private const double TargetF1 = 0.90;
    private const double TargetCountErrorPct = 3.0;
    private const double TargetCadenceMaeSpm = 3.0;
    private const double TargetFalseStepsPerMinute = 2.0;

    private static readonly (string Name, double[] Rotation)[] Mountings =
    [
        ("upside down", [-1, 0, 0, 0, -1, 0, 0, 0, 1]),
        ("inside out (forward reversed)", [1, 0, 0, 0, -1, 0, 0, 0, -1]),
        ("sideways (x and y swapped)", [0, 1, 0, -1, 0, 0, 0, 0, 1]),
        ("lying flat (x and z swapped)", [0, 0, 1, 0, 1, 0, -1, 0, 0]),
        ("tilted 25° about a skewed axis", Rodrigues(1, 2, 3, 25)),
    ];

    private readonly ITestOutputHelper _output;

    public RealWalksTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [SkippableFact]
    public void DetectorMeetsTheStepTargetsOnTheRealWalks()
    {
        string folder = LowerBackWalks.Require();
        ReferenceRecording[] refs = LoadReferences(folder);
        var detections = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (ReferenceRecording r in refs)
        {
            detections[r.Name] = LowerBackWalks.DetectSteps(LowerBackWalks.Load(folder, r.Name));
            var single = new Dictionary<string, double[]>(StringComparer.Ordinal) { [r.Name] = detections[r.Name] };
            _output.WriteLine($"{r.Name}: {StepScorer.Score(refs, single, insideBoutsOnly: false)}");
        }

        StepScore score = StepScorer.Score(refs, detections, insideBoutsOnly: false);
        _output.WriteLine($"ALL: {score}");

        // The straight walks: no step outside their bout, not even the starting and stopping steps around it.
        foreach (ReferenceRecording r in refs.Where(r => r.Name.Contains("Test5", StringComparison.Ordinal)))
        {
            var single = new Dictionary<string, double[]>(StringComparer.Ordinal) { [r.Name] = detections[r.Name] };
            Assert.Equal(0, StepScorer.Score(refs, single, insideBoutsOnly: false).FalseStepsOutsideBouts);
        }

        Assert.True(score.F1 >= TargetF1, $"step F1 {score.F1:F3} fell below the target {TargetF1}: {score}");
        Assert.True(score.StepCountErrorPct <= TargetCountErrorPct, $"step-count error {score.StepCountErrorPct:F1}% rose above the target {TargetCountErrorPct}%: {score}");
        Assert.True(score.CadenceMaeSpm <= TargetCadenceMaeSpm, $"cadence MAE {score.CadenceMaeSpm:F2} steps/min rose above the target {TargetCadenceMaeSpm}: {score}");
        Assert.True(
            score.FalseStepsPerMinute <= TargetFalseStepsPerMinute,
            $"false steps {score.FalseStepsPerMinute:F2}/min of non-walking rose above the target {TargetFalseStepsPerMinute}/min: {score}");
    }

    [SkippableFact]
    public void StepCountIsTheSameInOtherMountings()
    {
        string folder = LowerBackWalks.Require();
        string[] names = LowerBackWalks.RecordingNames(folder);
        int reference = names.Sum(n => LowerBackWalks.DetectSteps(LowerBackWalks.Load(folder, n)).Length);
        _output.WriteLine($"as recorded: {reference} steps");
        Assert.True(reference > 100, $"only {reference} steps as recorded");
        foreach ((string mounting, double[] rotation) in Mountings)
        {
            int count = names.Sum(n => LowerBackWalks.DetectSteps(LowerBackWalks.Load(folder, n, rotation)).Length);
            double differencePercent = 100.0 * Math.Abs(count - reference) / reference;
            _output.WriteLine($"{mounting}: {count} steps ({differencePercent:F1}% from as recorded)");
            Assert.True(differencePercent <= 2.0, $"{mounting}: {count} steps against {reference} as recorded ({differencePercent:F1}% > 2%)");
        }
    }

    private static ReferenceRecording[] LoadReferences(string folder)
    {
        ReferenceRecording[] refs = Directory.GetFiles(folder, "*.reference.json")
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(ReferenceRecording.Read)
            .ToArray();
        Assert.Equal(6, refs.Length);
        return refs;
    }

    private static double[] Rodrigues(double x, double y, double z, double degrees)
    {
        double n = Math.Sqrt((x * x) + (y * y) + (z * z));
        x /= n;
        y /= n;
        z /= n;
        double t = degrees * Math.PI / 180, c = Math.Cos(t), s = Math.Sin(t), k = 1 - c;
        return
        [
            c + (x * x * k), (x * y * k) - (z * s), (x * z * k) + (y * s),
            (y * x * k) + (z * s), c + (y * y * k), (y * z * k) - (x * s),
            (z * x * k) - (y * s), (z * y * k) + (x * s), c + (z * z * k),
        ];
    }
}
