using System.Text.Json;
using LumbarBand.Analysis.Analyzing;
using LumbarBand.Analysis.Scoring;
using LumbarBand.TestSupport;
using Xunit.Abstractions;

namespace LumbarBand.Tools.Tests.Scoring;

/// <summary>
/// Walking speed and stride length per reference bout, scored as <c>../shared/tools/score_speed.py</c> scores them,
/// and the band's level on lowerback-walks (issue 14).
/// </summary>
public sealed class SpeedScorerTests
{
    private static readonly Lazy<WalkValidation> LowerBack = new(() => WalkValidation.Run(SharedData.Require()));

    private readonly ITestOutputHelper _output;

    public SpeedScorerTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [SkippableFact]
    public void SpeedsScoreAsTheSharedPythonScorerScoresThem()
    {
        // Band bouts made from the reference bouts: moved, cut in two, one without a speed, one recording without any.
        string dir = SharedData.Require();
        ReferenceRecording[] refs = Directory.GetFiles(dir, "*.reference.json").Order(StringComparer.Ordinal).Select(ReferenceRecording.Read).ToArray();
        var bands = new Dictionary<string, IReadOnlyList<WalkingBout>>();
        int n = 0;
        foreach (ReferenceRecording r in refs.Skip(1))
        {
            var bouts = new List<WalkingBout>();
            foreach (ReferenceBout b in r.Bouts)
            {
                n++;
                double speed = (b.WalkingSpeedMps ?? 1) * (1 + (0.07 * ((n % 5) - 2)));
                double middle = (b.StartS + b.EndS) / 2;
                bouts.Add(new WalkingBout(b.StartS + 0.4, middle, 6) { SpeedMps = speed, StrideLengthM = speed * 1.1 });
                bouts.Add(n % 4 == 0
                    ? new WalkingBout(middle, b.EndS + 1, 6)
                    : new WalkingBout(middle, b.EndS + 1, 6) { SpeedMps = speed * 0.9, StrideLengthM = 1.2 });
            }

            bands[r.Name] = bouts;
        }

        SpeedScore ours = new(SpeedScorer.Match(refs, bands));
        var detections = bands.ToDictionary(
            kv => kv.Key,
            kv => new { walking_bouts = kv.Value.Select(b => new { start_s = b.StartS, end_s = b.EndS, speed_mps = b.SpeedMps, stride_length_m = b.StrideLengthM }).ToArray() });
        JsonElement python = SharedScorer.Run("score_speed.py", dir, detections);

        Assert.Equal(python.GetProperty("bouts_with_reference_speed").GetInt32(), ours.Bouts.Count);
        Assert.Equal(python.GetProperty("bouts_missed").GetInt32(), ours.Missed);
        Assert.Equal(python.GetProperty("speed_mae_mps").GetDouble(), Math.Round(ours.SpeedMaeMps, 3));
        Assert.Equal(python.GetProperty("speed_mean_relative_error_pct").GetDouble(), Math.Round(ours.SpeedMeanRelativeErrorPct, 1));
        Assert.Equal(python.GetProperty("stride_length_mae_m").GetDouble(), Math.Round(ours.StrideLengthMaeM, 3));
    }

    [SkippableFact]
    public void FewerThanOneReferenceBoutInFiveIsLeftWithoutABandSpeed()
    {
        SpeedScore pooled = LowerBack.Value.Speed.Pooled;
        Assert.True(pooled.MissedFraction < 0.2, $"{pooled.Missed} of {pooled.Bouts.Count} reference bouts without a band speed");
    }

    [SkippableFact]
    public void LowerBackSpeedIsWithinATenthOfAMetrePerSecondPerReferenceBout()
    {
        SpeedScore pooled = LowerBack.Value.Speed.Pooled;
        _output.WriteLine(LowerBack.Value.Speed.ToTable());

        // The target, with Zijlstra & Hof's published K and the turning steps' share (fitted: held out below): 0.046 m/s today.
        Assert.True(pooled.SpeedMaeMps <= 0.10, $"speed MAE {pooled.SpeedMaeMps:0.000} m/s above the target 0.10 m/s");
    }

    [SkippableFact]
    public void LowerBackStrideLengthIsWithinATenthOfAMetrePerReferenceBoutAndStaysSoHeldOut()
    {
        SpeedValidation speed = LowerBack.Value.Speed;
        SpeedScore pooled = speed.Pooled;
        Assert.NotNull(speed.BoutsByTurningShare);
        SpeedScore turningHeldOut = TurningStepFit.LeaveOneSubjectOut(speed.BoutsByTurningShare!).Pooled;
        SpeedScore kHeldOut = SpeedCorrectionFit.LeaveOneSubjectOut(speed.Bouts).Pooled;

        // The target (0.078 m today), and the same with the one fitted constant, the turning steps' share of the
        // pendulum's length, fitted without the subject it scores (0.086 m today; 0.111 m with turning steps read straight).
        Assert.True(pooled.StrideLengthMaeM <= 0.10, $"stride-length MAE {pooled.StrideLengthMaeM:0.000} m above the target 0.10 m");
        Assert.True(turningHeldOut.StrideLengthMaeM <= 0.10, $"stride-length MAE with the turning share fitted leave-one-subject-out {turningHeldOut.StrideLengthMaeM:0.000} m above the target 0.10 m");
        Assert.True(turningHeldOut.SpeedMaeMps <= 0.10, $"speed MAE with the turning share fitted leave-one-subject-out {turningHeldOut.SpeedMaeMps:0.000} m/s above the target 0.10 m/s");
        // For comparison only (K ships at Zijlstra & Hof's 1.25): refitting K without each subject also stays within target (0.078 today).
        Assert.True(kHeldOut.SpeedMaeMps <= 0.10, $"speed MAE with K fitted leave-one-subject-out {kHeldOut.SpeedMaeMps:0.000} m/s above 0.10 m/s");
    }

    [Fact]
    public void TheTurningShareIsFittedWithoutTheSubjectItScores()
    {
        // Two subjects: S1's turning bouts read right at 5/8, S2's at 7/8; each is scored with the other's best share.
        var byShare = TurningStepFit.Tried.ToDictionary(
            e => e,
            e => (IReadOnlyList<SpeedBout>)new[]
            {
                new SpeedBout("a", "S1", 0, 10, 1.0, 1.0, 1.0, 1.0 + Math.Abs(e - 5) * 0.05),
                new SpeedBout("b", "S2", 0, 10, 1.0, 1.0, 1.0, 1.0 + Math.Abs(e - 7) * 0.05),
            });

        TurningStepFit fit = TurningStepFit.LeaveOneSubjectOut(byShare);

        Assert.Equal(new[] { ("S1", 7), ("S2", 5) }, fit.Subjects.Select(s => (s.SubjectId, s.FittedEighths)).ToArray());
        Assert.Equal(0.10, fit.Subjects[0].HeldOut.StrideLengthMaeM, 6);
        Assert.Equal(0.10, fit.Pooled.StrideLengthMaeM, 6);
        // Fitted on both, the tie between 5, 6 and 7 goes to the shipped share.
        Assert.Equal(6, TurningStepFit.Fit(byShare, _ => true));
    }

    [SkippableFact]
    public void ValidatePrintsSpeedPerSubjectMissedBoutsAndTheLeaveOneSubjectOutFit()
    {
        string table = LowerBack.Value.ToTable();
        foreach (string line in new[] { "Walking speed and stride length per reference bout", "HA001", "HA002", "MS001", "without a band speed", "per reference bout, band / reference", "HA002_Test11_Trial1    17.5–  35.5 s  speed ", "steps/min  band steps ", "leave-one-subject-out", "published value", "so the figures above are not held out", "fitted K held out, pooled", "turning steps' share of the pendulum's length shipped 6/8: FITTED", "without HA002 ", "with turning steps read as straight (8/8)" })
        {
            Assert.Contains(line, table, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ABoutWithinHalfAPercentPrintsZeroNotMinusPlusZero()
    {
        var bouts = new[]
        {
            new SpeedBout("walk_A", "S1", 1, 9, 1.000, null, 0.998, null),
            new SpeedBout("walk_B", "S1", 12, 20, 1.000, null, 1.054, null),
            new SpeedBout("walk_C", "S1", 22, 30, 1.000, null, 0.946, null),
        };

        string table = new SpeedValidation(bouts, Approximate: true).ToTable();

        Assert.Contains("0.998 / 1.000 m/s (0%)", table, StringComparison.Ordinal);
        Assert.Contains("1.054 / 1.000 m/s (+5%)", table, StringComparison.Ordinal);
        Assert.Contains("0.946 / 1.000 m/s (-5%)", table, StringComparison.Ordinal);
        Assert.DoesNotContain("-+", table, StringComparison.Ordinal);
    }
}
