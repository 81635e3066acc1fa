using LumbarBand.Core.Gait;

namespace LumbarBand.Analysis.Scoring;

/// <summary>
/// The turning steps' share of the pendulum's length (<see cref="StepLengthEstimator.TurningStepEighths"/>, the one
/// step-length constant fitted to real walks) fitted leave-one-subject-out: for each subject, the share among
/// <see cref="Tried"/> with the least stride-length error on the other subjects' reference bouts, and that subject's
/// bouts scored with it. Each share is a whole run of the band (the share changes every later step's length), so the
/// bouts come per share.
/// </summary>
/// <param name="Subjects">Per held-out subject: its id, the share fitted without it (eighths), and its bouts scored with that share.</param>
public sealed record TurningStepFit(IReadOnlyList<(string SubjectId, int FittedEighths, SpeedScore HeldOut)> Subjects)
{
    /// <summary>The shares tried, eighths: 4 (half) to 8 (a turning step read as a straight one).</summary>
    public static IReadOnlyList<int> Tried { get; } = new[] { 4, 5, 6, 7, StepLengthEstimator.WholeStepEighths };

    /// <summary>All held-out bouts together.</summary>
    public SpeedScore Pooled => new(Subjects.SelectMany(s => s.HeldOut.Bouts).ToArray());

    /// <summary>
    /// Fits the share on all subjects but one, for each subject; <paramref name="boutsByEighths"/> holds the scored
    /// reference bouts of a band run with each share in <see cref="Tried"/>.
    /// </summary>
    public static TurningStepFit LeaveOneSubjectOut(IReadOnlyDictionary<int, IReadOnlyList<SpeedBout>> boutsByEighths)
    {
        ArgumentNullException.ThrowIfNull(boutsByEighths);
        IReadOnlyList<SpeedBout> shipped = boutsByEighths[StepLengthEstimator.TurningStepEighths];
        var subjects = new List<(string, int, SpeedScore)>();
        foreach (string id in shipped.Select(b => b.SubjectId).Distinct().Order(StringComparer.Ordinal))
        {
            int fitted = Fit(boutsByEighths, b => b.SubjectId != id);
            subjects.Add((id, fitted, new SpeedScore(boutsByEighths[fitted].Where(b => b.SubjectId == id).ToArray())));
        }

        return new TurningStepFit(subjects);
    }

    /// <summary>The share with the least stride-length error over the bouts <paramref name="training"/> keeps (ties and no stride: the nearer the shipped share).</summary>
    public static int Fit(IReadOnlyDictionary<int, IReadOnlyList<SpeedBout>> boutsByEighths, Func<SpeedBout, bool> training)
    {
        ArgumentNullException.ThrowIfNull(boutsByEighths);
        ArgumentNullException.ThrowIfNull(training);
        return Tried
            .OrderBy(e => Error(new SpeedScore(boutsByEighths[e].Where(training).ToArray()).StrideLengthMaeM))
            .ThenBy(e => Math.Abs(e - StepLengthEstimator.TurningStepEighths))
            .First();
    }

    private static double Error(double mae) => double.IsNaN(mae) ? double.MaxValue : mae;
}
