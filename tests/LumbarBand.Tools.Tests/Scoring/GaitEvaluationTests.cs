using LumbarBand.TestSupport;
using LumbarBand.Analysis.Scoring;
using LumbarBand.Core.Gait;

namespace LumbarBand.Tools.Tests.Scoring;

public sealed class GaitEvaluationTests
{
    private static StepScore Steps(int tp, int fp, int fn) => new() { TruePositives = tp, FalsePositives = fp, FalseNegatives = fn };

    [SkippableFact]
    public void TheBootstrapIntervalOfIdenticalSubjectsIsTheirF1()
    {
        StepScore s = Steps(90, 5, 10);
        (double low, double high) = SubjectBootstrap.F1Interval([s, s, s], 500, 1);
        Assert.Equal((s.F1, s.F1), (low, high));
    }

    [SkippableFact]
    public void TheBootstrapIntervalSpansTheSubjectsAndRepeatsForASeed()
    {
        StepScore[] subjects = [Steps(90, 5, 10), Steps(40, 20, 30), Steps(100, 0, 0)];
        StepScore pooled = Steps(230, 25, 40);
        (double low, double high) = SubjectBootstrap.F1Interval(subjects, 2000, 7);
        Assert.InRange(pooled.F1, low, high);
        Assert.True(low >= subjects.Min(x => x.F1) && high <= subjects.Max(x => x.F1), $"{low}–{high}");
        Assert.True(high - low > 0.05, $"{low}–{high}: three different subjects give a wide interval");
        Assert.Equal((low, high), SubjectBootstrap.F1Interval(subjects, 2000, 7));
    }

    [SkippableFact]
    public void TheContactDelayIsFittedAsTheShippedOnePlusTheMedianOffsetInSamples()
    {
        // Detections 40 ms early (two samples at 50 Hz): the delay from contact to peak is two samples shorter.
        Assert.Equal(StepDetector.ContactToPeakSamples - 2, ContactTimingFit.Fit([-0.06, -0.04, -0.04, 0.0, -0.03]));
        Assert.Equal(StepDetector.ContactToPeakSamples, ContactTimingFit.Fit([0.005, -0.005, 0.0]));
    }

    [SkippableFact]
    public void ATargetLineSaysMetOrNot()
    {
        var f1 = new ValidationTarget("step F1", 0.90, false, _ => 0);
        var error = new ValidationTarget("count error", 3, true, _ => 0);
        Assert.StartsWith("  met ", f1.ToLine(0.91), StringComparison.Ordinal);
        Assert.StartsWith("  NOT met", f1.ToLine(0.89), StringComparison.Ordinal);
        Assert.True(error.IsMet(3) && !error.IsMet(3.1) && !error.IsMet(double.NaN));
    }

    [SkippableFact]
    public void SubjectsAreTheRecordingNamePrefixAndTheVoisardFilesParse()
    {
        Assert.Equal("HA001", ReferenceJson.Read("""{"recording": "HA001_Test5_Trial1", "sample_rate_hz": 100, "n_samples": 10, "walking_bouts": []}""").SubjectId);
        string dir = SharedData.Require(RealWalksFolder.VoisardRelativeToRepositoryParent);
        ReferenceRecording[] refs = Directory.GetFiles(dir, "*.reference.json").Select(ReferenceRecording.Read).ToArray();
        Assert.Equal(29, refs.Length);
        Assert.Equal(["MS", "S01", "S02", "S03", "S04", "S05"], refs.Select(r => r.SubjectId).Distinct().Order(StringComparer.Ordinal));
        Assert.All(refs.Where(r => r.SubjectId != "MS"), r => Assert.Equal("healthy", r.Subject?.Cohort));
        ReferenceRecording ms = refs.Single(r => r.SubjectId == "MS");
        Assert.Equal(64, ms.Bouts.Single().InitialContactsS.Count);
        Assert.Empty(ms.PeerWalkingBoutsS);
    }
}
