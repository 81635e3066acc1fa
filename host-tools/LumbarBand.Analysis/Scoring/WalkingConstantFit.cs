using System.Globalization;
using System.Text;
using LumbarBand.Core;
using LumbarBand.Core.Gait;

namespace LumbarBand.Analysis.Scoring;

/// <summary>
/// Leave-one-subject-out runs of the walking decision's constants that were chosen among a few values on the shared
/// walks (<see cref="WalkingBoutTracker.RivalFractionNumerator"/>, <see cref="WalkingBoutTracker.SameFootTolerance"/>,
/// and the walking-aid test's <see cref="WalkingBoutTracker.AidWindowNumerator"/>,
/// <see cref="WalkingBoutTracker.AidYawNumerator"/>, <see cref="WalkingBoutTracker.AidMinMeanYaw"/>): for each constant
/// alone (the others shipped) and each subject, the value with the best pooled step F1 on the other subjects is chosen
/// (a tie keeps the shipped value, then the nearer one) and the held-out subject is scored with it. The walking decision
/// is replayed on each recording's candidate steps (<see cref="WalkingDecisionReplay"/>), which is what the band would
/// count with that value.
/// </summary>
public sealed class WalkingConstantFit
{
    private WalkingConstantFit(string name, string unit, int shipped, int[] tried, IReadOnlyList<(string SubjectId, int Fitted, StepScore HeldOut)> folds, StepScore pooled, StepScore shippedScore)
    {
        Name = name;
        Unit = unit;
        ShippedValue = shipped;
        Tried = tried;
        Folds = folds;
        Pooled = pooled;
        Shipped = shippedScore;
    }

    /// <summary>The constant's name in <see cref="WalkingBoutTracker"/>.</summary>
    public string Name { get; }

    /// <summary>What its value counts ("eighths of the rhythm", ...).</summary>
    public string Unit { get; }

    /// <summary>The shipped value.</summary>
    public int ShippedValue { get; }

    /// <summary>The values tried.</summary>
    public IReadOnlyList<int> Tried { get; }

    /// <summary>Each held-out subject, the value chosen without them and their score with it.</summary>
    public IReadOnlyList<(string SubjectId, int Fitted, StepScore HeldOut)> Folds { get; }

    /// <summary>Every subject scored with the value chosen without them, pooled.</summary>
    public StepScore Pooled { get; }

    /// <summary>Every subject scored with the shipped value, pooled (the replay of the band's own decision).</summary>
    public StepScore Shipped { get; }

    /// <summary>One run per constant over the subjects of <paramref name="recordings"/>.</summary>
    public static IReadOnlyList<WalkingConstantFit> LeaveOneSubjectOut(IReadOnlyList<ValidatedRecording> recordings)
    {
        ArgumentNullException.ThrowIfNull(recordings);
        const int R = WalkingBoutTracker.RivalFractionNumerator;
        const int F = WalkingBoutTracker.SameFootTolerance;
        const int W = WalkingBoutTracker.AidWindowNumerator;
        const int Y = WalkingBoutTracker.AidYawNumerator;
        const int M = WalkingBoutTracker.AidMinMeanYaw;
        return
        [
            Run(recordings, nameof(WalkingBoutTracker.RivalFractionNumerator), "eighths of the rhythm", R, [4, 5, 6], (q, v) => new WalkingBoutTracker(q, v, F, W, Y, M)),
            Run(recordings, nameof(WalkingBoutTracker.SameFootTolerance), "1/n of the longer interval", F, [2, 3, 4], (q, v) => new WalkingBoutTracker(q, R, v, W, Y, M)),
            Run(recordings, nameof(WalkingBoutTracker.AidWindowNumerator), "eighths of the rhythm; 5 = no aid test", W, [5, 6, 7], (q, v) => new WalkingBoutTracker(q, R, F, v, Y, M)),
            Run(recordings, nameof(WalkingBoutTracker.AidYawNumerator), "eighths of the mean yaw", Y, [2, 3, 4], (q, v) => new WalkingBoutTracker(q, R, F, W, v, M)),
            Run(recordings, nameof(WalkingBoutTracker.AidMinMeanYaw), "units of 1/409.6°: 0, 2°, 3°, 4°", M, [0, 819, 1229, 1638], (q, v) => new WalkingBoutTracker(q, R, F, W, Y, v)),
        ];
    }

    private static WalkingConstantFit Run(IReadOnlyList<ValidatedRecording> recordings, string name, string unit, int shipped, int[] tried, Func<EventQueue, int, WalkingBoutTracker> make)
    {
        // Steps of every recording with every value tried, replayed once.
        var steps = tried.ToDictionary(v => v, v => recordings.ToDictionary(r => r.Reference.Name, r => WalkingDecisionReplay.Steps(r.Analysis, q => make(q, v)), StringComparer.Ordinal));
        string[] subjects = recordings.Select(r => r.Reference.SubjectId).Distinct().Order(StringComparer.Ordinal).ToArray();
        var folds = new List<(string, int, StepScore)>();
        var heldOutSteps = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (string held in subjects)
        {
            ReferenceRecording[] training = recordings.Select(r => r.Reference).Where(r => r.SubjectId != held).ToArray();
            int fitted = training.Length == 0 ? shipped : tried
                .OrderByDescending(v => Math.Round(Score(training, steps[v]).F1, 4))
                .ThenBy(v => v == shipped ? 0 : 1)
                .ThenBy(v => Math.Abs(v - shipped))
                .ThenBy(v => v)
                .First();
            ReferenceRecording[] mine = recordings.Select(r => r.Reference).Where(r => r.SubjectId == held).ToArray();
            foreach (ReferenceRecording r in mine)
            {
                heldOutSteps[r.Name] = steps[fitted][r.Name];
            }

            folds.Add((held, fitted, Score(mine, steps[fitted])));
        }

        ReferenceRecording[] all = recordings.Select(r => r.Reference).ToArray();
        return new WalkingConstantFit(name, unit, shipped, tried, folds, Score(all, heldOutSteps), Score(all, steps[shipped]));
    }

    private static StepScore Score(IReadOnlyList<ReferenceRecording> references, Dictionary<string, double[]> steps)
    {
        return StepScorer.Score(references, references.ToDictionary(r => r.Name, r => steps[r.Name], StringComparer.Ordinal), insideBoutsOnly: false);
    }

    /// <summary>The folds of every constant, each with its pooled result beside the shipped value's.</summary>
    public static string ToTable(IReadOnlyList<WalkingConstantFit> fits)
    {
        ArgumentNullException.ThrowIfNull(fits);
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("Leave-one-subject-out: walking-decision constants chosen among a few values (each alone, the others shipped;");
        sb.AppendLine(" fitted = best pooled step F1 on the other subjects, replaying each recording's candidate steps)");
        foreach (WalkingConstantFit fit in fits)
        {
            sb.AppendLine(ci, $"  {fit.Name} (shipped {fit.ShippedValue}; tried {string.Join(", ", fit.Tried)}; {fit.Unit})");
            foreach ((string subject, int fitted, StepScore s) in fit.Folds)
            {
                sb.AppendLine(ci, $"    without {subject,-7} fitted {fitted,-5} {subject} held out: F1 {s.F1:0.000}  count err {s.StepCountErrorPct:0.0}%  cadence MAE {s.CadenceMaeSpm:0.00}");
            }

            sb.AppendLine(ci, $"    pooled held-out F1 {fit.Pooled.F1:0.000} (shipped value {fit.Shipped.F1:0.000}); held-out F1 over subjects {fit.Folds.Min(f => f.HeldOut.F1):0.000}–{fit.Folds.Max(f => f.HeldOut.F1):0.000}");
        }

        return sb.ToString();
    }
}
