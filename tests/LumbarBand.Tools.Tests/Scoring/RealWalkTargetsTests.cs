using LumbarBand.TestSupport;
using LumbarBand.Analysis.Scoring;
using Xunit.Abstractions;

namespace LumbarBand.Tools.Tests.Scoring;

/// <summary>
/// Issue 12's targets on both shared folders of real walks, measured as <c>lumbarband validate</c> measures them
/// (one validation run per folder, shared by the tests): every target is met on both.
/// </summary>
public sealed class RealWalkTargetsTests
{
    private static readonly Lazy<WalkValidation> LowerBack = new(() => WalkValidation.Run(SharedData.Require()));
    private static readonly Lazy<WalkValidation> Voisard = new(() => WalkValidation.Run(SharedData.Require(RealWalksFolder.VoisardRelativeToRepositoryParent)));

    private readonly ITestOutputHelper _output;

    public RealWalkTargetsTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [SkippableFact]
    public void LowerBackWalksMeetEveryTarget() => AssertTargetsMet(LowerBack.Value);

    [SkippableFact]
    public void VoisardWalksMeetEveryTarget() => AssertTargetsMet(Voisard.Value);

    [SkippableFact]
    public void ValidatePrintsEveryFigurePerSubjectTheIntervalTheLosoRunAndOneLinePerTarget()
    {
        WalkValidation v = LowerBack.Value;
        string table = v.ToTable();
        _output.WriteLine(table);
        Assert.Equal(["HA001", "HA002", "MS001"], v.Evaluation.Subjects.Select(s => s.SubjectId));
        foreach (string subject in new[] { "HA001", "HA002", "MS001" })
        {
            Assert.Contains($"\n  {subject} ", table, StringComparison.Ordinal);
            Assert.Contains($"without {subject} ", table, StringComparison.Ordinal);
        }

        Assert.Contains("bootstrap 95% interval over subjects", table, StringComparison.Ordinal);
        Assert.Contains("gsd_iluz                      0.656      0.737                 9.35", table, StringComparison.Ordinal);
        Assert.Equal(7, table.Split('\n').Count(l => l.StartsWith("  met ", StringComparison.Ordinal) || l.StartsWith("  NOT met", StringComparison.Ordinal)));
        Assert.DoesNotContain("were walking", table, StringComparison.Ordinal);
        (double low, double high) = v.Evaluation.F1Interval;
        Assert.InRange(v.Evaluation.Steps.F1, low, high);
    }

    [SkippableFact]
    public void TheWalkingDecisionReplayedWithTheShippedConstantsCountsTheBandsStepsAndEveryFittedConstantHasItsLosoRun()
    {
        foreach (WalkValidation v in new[] { LowerBack.Value, Voisard.Value })
        {
            foreach (ValidatedRecording r in v.Evaluation.Recordings)
            {
                Assert.NotEmpty(r.Analysis.Candidates);
                Assert.Equal(r.Analysis.StepsS, WalkingDecisionReplay.Steps(r.Analysis, q => new LumbarBand.Core.Gait.WalkingBoutTracker(q)));
            }

            string[] subjects = v.Evaluation.Subjects.Select(s => s.SubjectId).ToArray();
            Assert.Equal(
                ["RivalFractionNumerator", "SameFootTolerance", "AidWindowNumerator", "AidYawNumerator", "AidMinMeanYaw"],
                v.Evaluation.WalkingConstants.Select(f => f.Name));
            foreach (WalkingConstantFit fit in v.Evaluation.WalkingConstants)
            {
                Assert.Equal(subjects, fit.Folds.Select(f => f.SubjectId));
                Assert.Contains(fit.ShippedValue, fit.Tried);
                Assert.Equal(v.Evaluation.Steps.F1, fit.Shipped.F1, 6);
            }

            Assert.Contains("walking-decision constants chosen among a few values", v.ToTable(), StringComparison.Ordinal);
        }
    }

    private void AssertTargetsMet(WalkValidation v)
    {
        Assert.NotEmpty(v.Evaluation.Targets);
        foreach ((ValidationTarget target, double value) in v.Evaluation.Targets)
        {
            _output.WriteLine(target.ToLine(value));
            Assert.True(target.IsMet(value), $"target not met: {target.ToLine(value).Trim()}");
        }
    }
}
