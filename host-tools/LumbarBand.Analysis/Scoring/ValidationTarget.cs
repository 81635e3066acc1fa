using System.Globalization;

namespace LumbarBand.Analysis.Scoring;

/// <summary>
/// A target the band's steps or bouts must reach on one folder of real walks (issue 12): what is measured, the goal,
/// and whether the value must stay at most (an error) or reach at least (a score) the goal.
/// </summary>
/// <param name="Description">What is measured, as the line prints it.</param>
/// <param name="Goal">The goal value.</param>
/// <param name="AtMost">True when the value must not exceed the goal, false when it must reach it.</param>
/// <param name="Measure">Measures the value on an evaluation.</param>
public sealed record ValidationTarget(string Description, double Goal, bool AtMost, Func<GaitEvaluation, double> Measure)
{
    /// <summary>The shared folder of Mobilise-D lower-back walks (healthy adults and one with MS, with daily living).</summary>
    public const string LowerBackWalks = "lowerback-walks";

    /// <summary>The shared folder of Voisard's healthy 10 m walks and the very slow MS walk.</summary>
    public const string VoisardWalks = "voisard-l5-walks";

    /// <summary>The subject id of the very slow walker with MS in <see cref="VoisardWalks"/>.</summary>
    public const string VoisardSlowWalker = "MS";

    /// <summary>Whether <paramref name="value"/> meets the goal (NaN never does).</summary>
    public bool IsMet(double value) => !double.IsNaN(value) && (AtMost ? value <= Goal : value >= Goal);

    /// <summary>One line: the target, the value and met or not.</summary>
    public string ToLine(double value) => string.Create(
        CultureInfo.InvariantCulture,
        $"  {(IsMet(value) ? "met    " : "NOT met")}  {Description} {(AtMost ? "≤" : "≥")} {Goal:0.###}: {value:0.###}");

    /// <summary>The targets of a folder, by its name (<see cref="LowerBackWalks"/>, <see cref="VoisardWalks"/>); none for another.</summary>
    public static IReadOnlyList<ValidationTarget> For(string folderName)
    {
        static bool Healthy(ReferenceRecording r) => r.Subject?.Cohort == "healthy";
        static bool Slow(ReferenceRecording r) => r.SubjectId == VoisardSlowWalker;
        return folderName switch
        {
            LowerBackWalks =>
            [
                new("step F1", 0.90, false, e => e.Steps.F1),
                new("step-count error pooled, %", 3, true, e => e.Steps.StepCountErrorPct),
                new("cadence MAE, steps/min", 3, true, e => e.Steps.CadenceMaeSpm),
                new("false steps per min of non-walking", 2, true, e => e.Steps.FalseStepsPerMinute ?? double.NaN),
                new("walking-bout sensitivity by time", 0.85, false, e => e.Bouts.Sensitivity),
                new("walking-bout precision by time", 0.93, false, e => e.Bouts.Precision),
                new("false walking, s per min of non-walking", 1.5, true, e => e.Bouts.FalseWalkingSPerMinute),
            ],
            VoisardWalks =>
            [
                new("step F1 on the healthy walks", 0.96, false, e => e.ScoreSteps(Healthy).F1),
                new($"step F1 on {VoisardSlowWalker} (very slow, with an aid)", 0.90, false, e => e.ScoreSteps(Slow).F1),
                new("cadence MAE on the healthy walks, steps/min", 3, true, e => e.ScoreSteps(Healthy).CadenceMaeSpm),
                new($"cadence MAE on {VoisardSlowWalker}, steps/min", 3, true, e => e.ScoreSteps(Slow).CadenceMaeSpm),
                new("false steps per min of non-walking", 0.5, true, e => e.Steps.FalseStepsPerMinute ?? double.NaN),
            ],
            _ => [],
        };
    }
}
