using LumbarBand.Analysis.Analyzing;
using LumbarBand.Analysis.Recordings;

namespace LumbarBand.Analysis.Scoring;

/// <summary>
/// A run of false steps: consecutive detections more than <see cref="StepScorer.OutsideMarginS"/> from every
/// reference bout, with what tells walking from other movement, so a reader can judge whether the band or the
/// reference missed something.
/// </summary>
/// <param name="Recording">Recording name.</param>
/// <param name="StartS">First false step, seconds.</param>
/// <param name="EndS">Last false step, seconds.</param>
/// <param name="Steps">False steps in the run.</param>
/// <param name="CadenceSpm">60 / median step interval inside the run (<see cref="StepScorer.Cadence"/>); NaN under three steps.</param>
/// <param name="MedianRiseCm">Median <see cref="PelvisRise"/> of the run's steps, cm; NaN for a single step.</param>
public sealed record FalseStepRun(string Recording, double StartS, double EndS, int Steps, double CadenceSpm, double MedianRiseCm)
{
    /// <summary>Steps further apart than this start a new run, seconds (a pause of a bout's length ends walking).</summary>
    public const double RunGapS = 2.0;

    /// <summary>The false-step runs of one recording, in time order.</summary>
    public static IReadOnlyList<FalseStepRun> Find(ReferenceRecording reference, ImuRecording recording, IReadOnlyList<double> stepsS)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(recording);
        ArgumentNullException.ThrowIfNull(stepsS);
        double[] outside = stepsS.Order()
            .Where(t => StepScorer.IsOutsideEveryBout(reference, t) && !reference.UnverifiedS.Any(u => u.Contains(t)))
            .ToArray();
        var runs = new List<FalseStepRun>();
        int first = 0;
        for (int i = 1; i <= outside.Length; i++)
        {
            if (i == outside.Length || outside[i] - outside[i - 1] > RunGapS)
            {
                double[] run = outside[first..i];
                double cadence = StepScorer.Cadence(run) ?? double.NaN;
                runs.Add(new FalseStepRun(reference.Name, run[0], run[^1], run.Length, cadence, Median(PelvisRise.PerStep(recording, run)) * 100));
                first = i;
            }
        }

        return runs;
    }

    /// <summary>The pelvis rise, cm, of every step between the reference's own initial contacts in its bouts.</summary>
    public static double[] ReferenceRisesCm(ReferenceRecording reference, ImuRecording recording)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return reference.Bouts.SelectMany(b => PelvisRise.PerStep(recording, b.InitialContactsS)).Where(r => !double.IsNaN(r)).Select(r => r * 100).ToArray();
    }

    /// <summary>Median of the finite values, NaN when there are none.</summary>
    public static double Median(IEnumerable<double> values)
    {
        double[] v = values.Where(x => !double.IsNaN(x)).Order().ToArray();
        return v.Length == 0 ? double.NaN : v.Length % 2 == 1 ? v[v.Length / 2] : (v[(v.Length / 2) - 1] + v[v.Length / 2]) / 2;
    }
}
