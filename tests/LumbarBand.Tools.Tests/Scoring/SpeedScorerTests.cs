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

        // The target, with Zijlstra & Hof's published K (nothing fitted to these walks): 0.087 m/s today.
        Assert.True(pooled.SpeedMaeMps <= 0.10, $"speed MAE {pooled.SpeedMaeMps:0.000} m/s above the target 0.10 m/s");
    }

    [SkippableFact]
    public void RegressionGuardLowerBackStrideLengthAndRelativeSpeedErrorAtTodaysLevelTargetNotYetMet()
    {
        SpeedValidation speed = LowerBack.Value.Speed;
        SpeedScore pooled = speed.Pooled;
        SpeedScore heldOut = SpeedCorrectionFit.LeaveOneSubjectOut(speed.Bouts).Pooled;
        const string Note = "(guard of today's level; the issue's stride-length target, MAE ≤ 0.10 m, is NOT met yet: the pendulum "
            + "reads HA002's shuffling steps, and steps while turning, long: its speed there is high too)";

        Assert.True(pooled.StrideLengthMaeM <= 0.13, $"stride-length MAE {pooled.StrideLengthMaeM:0.000} m above today's 0.121 {Note}");
        Assert.True(pooled.SpeedMeanRelativeErrorPct <= 20, $"mean relative speed error {pooled.SpeedMeanRelativeErrorPct:0.0}% above today's 18.2% {Note}");
        // 0.132 -> 0.136 when the step detector stopped splitting a straightening from a stoop (HA001 124 s): HA001's bout
        // 119.9-125.2 s then read its speed right with the shipped K (+8% -> +1%), so K fitted without HA001 (0.98) reads it low.
        Assert.True(heldOut.SpeedMaeMps <= 0.14, $"speed MAE with K fitted leave-one-subject-out {heldOut.SpeedMaeMps:0.000} m/s above today's 0.136 {Note}");
    }

    [SkippableFact]
    public void ValidatePrintsSpeedPerSubjectMissedBoutsAndTheLeaveOneSubjectOutFit()
    {
        string table = LowerBack.Value.ToTable();
        foreach (string line in new[] { "Walking speed and stride length per reference bout", "HA001", "HA002", "MS001", "without a band speed", "per reference bout, band / reference", "HA002_Test11_Trial1    17.5–  35.5 s  speed ", "steps/min  band steps ", "leave-one-subject-out", "published value", "fitted K held out, pooled" })
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
