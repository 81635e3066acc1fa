using System.Globalization;
using System.Text;
using LumbarBand.Core.Gait;
using LumbarBand.Core.Sensing;

namespace LumbarBand.Analysis.Scoring;

/// <summary>
/// The leave-one-subject-out run of <see cref="StepDetector.ContactToPeakSamples"/>, the delay from a foot's initial
/// contact to the peak of the trunk's vertical loading response, which was checked against reference contacts: for
/// each subject, the delay is fitted on the other subjects alone (the shipped delay plus their median
/// detected-minus-reference contact time, in whole samples) and the held-out subject is scored with it. The delay
/// only shifts every step's time (the walking decision sees intervals), so shifting the detections is exactly what
/// the band would report with that constant.
/// </summary>
public sealed class ContactTimingFit
{
    private ContactTimingFit(IReadOnlyList<(string SubjectId, int Fitted, StepScore HeldOut)> folds, StepScore pooled, StepScore shipped)
    {
        Folds = folds;
        Pooled = pooled;
        Shipped = shipped;
    }

    /// <summary>Each held-out subject, the delay fitted without them (samples) and their score with it.</summary>
    public IReadOnlyList<(string SubjectId, int Fitted, StepScore HeldOut)> Folds { get; }

    /// <summary>Every subject scored with the delay fitted without them, pooled.</summary>
    public StepScore Pooled { get; }

    /// <summary>Every subject scored with the shipped delay, pooled.</summary>
    public StepScore Shipped { get; }

    /// <summary>Runs the folds over the subjects of <paramref name="recordings"/>.</summary>
    public static ContactTimingFit LeaveOneSubjectOut(IReadOnlyList<ValidatedRecording> recordings)
    {
        ArgumentNullException.ThrowIfNull(recordings);
        var offsets = recordings.ToDictionary(r => r.Reference.Name, r => Offsets(r.Reference, r.Analysis.StepsS));
        string[] subjects = recordings.Select(r => r.Reference.SubjectId).Distinct().Order(StringComparer.Ordinal).ToArray();
        var folds = new List<(string, int, StepScore)>();
        var shifted = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (string held in subjects)
        {
            double[] training = recordings.Where(r => r.Reference.SubjectId != held).SelectMany(r => offsets[r.Reference.Name]).ToArray();
            int fitted = training.Length == 0 ? StepDetector.ContactToPeakSamples : Fit(training);
            double shiftS = -(fitted - StepDetector.ContactToPeakSamples) / (double)ImuFormat.SampleRateHz;
            ValidatedRecording[] mine = recordings.Where(r => r.Reference.SubjectId == held).ToArray();
            var steps = mine.ToDictionary(r => r.Reference.Name, r => r.Analysis.StepsS.Select(t => t + shiftS).ToArray());
            foreach (KeyValuePair<string, double[]> s in steps)
            {
                shifted[s.Key] = s.Value;
            }

            folds.Add((held, fitted, StepScorer.Score(mine.Select(r => r.Reference), steps, insideBoutsOnly: false)));
        }

        ReferenceRecording[] references = recordings.Select(r => r.Reference).ToArray();
        return new ContactTimingFit(
            folds,
            StepScorer.Score(references, shifted, insideBoutsOnly: false),
            StepScorer.Score(references, recordings.ToDictionary(r => r.Reference.Name, r => r.Analysis.StepsS.ToArray()), insideBoutsOnly: false));
    }

    /// <summary>The shipped delay plus the median offset in whole device samples.</summary>
    public static int Fit(IReadOnlyList<double> offsetsS)
    {
        ArgumentNullException.ThrowIfNull(offsetsS);
        double median = FalseStepRun.Median(offsetsS);
        return StepDetector.ContactToPeakSamples + (int)Math.Round(median * ImuFormat.SampleRateHz, MidpointRounding.AwayFromZero);
    }

    /// <summary>Detected minus reference time, seconds, of each timed reference contact's nearest detection within the tolerance.</summary>
    public static double[] Offsets(ReferenceRecording reference, IReadOnlyList<double> stepsS)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(stepsS);
        var offsets = new List<double>();
        foreach (double t in reference.Bouts.SelectMany(b => b.InitialContactsS).Where(t => !double.IsNaN(t)))
        {
            double best = double.NaN;
            foreach (double d in stepsS)
            {
                if (Math.Abs(d - t) <= StepScorer.ToleranceS && (double.IsNaN(best) || Math.Abs(d - t) < Math.Abs(best)))
                {
                    best = d - t;
                }
            }

            if (!double.IsNaN(best))
            {
                offsets.Add(best);
            }
        }

        return offsets.ToArray();
    }

    /// <summary>The folds and the pooled result beside the shipped constant's.</summary>
    public string ToTable()
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(ci, $"Leave-one-subject-out: StepDetector.ContactToPeakSamples (shipped {StepDetector.ContactToPeakSamples} samples; fitted on the other subjects' median contact offset)");
        foreach ((string subject, int fitted, StepScore s) in Folds)
        {
            sb.AppendLine(ci, $"  without {subject,-7} fitted {fitted} samples   {subject} held out: F1 {s.F1:0.000}  cadence MAE {s.CadenceMaeSpm:0.00}");
        }

        sb.AppendLine(ci, $"  pooled held-out F1 {Pooled.F1:0.000} (shipped constant {Shipped.F1:0.000})");
        return sb.ToString();
    }
}
