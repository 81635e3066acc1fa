using System.Globalization;
using System.Text;
using LumbarBand.Analysis.Analyzing;
using LumbarBand.Analysis.Recordings;
using LumbarBand.Analysis.Simulation;
using LumbarBand.Core.Gait;

namespace LumbarBand.Analysis.Scoring;

/// <summary>One recording of a validation run: its reference and what the band found.</summary>
/// <param name="Reference">The reference record.</param>
/// <param name="Analysis">The band's analysis of the recording.</param>
/// <param name="FalseStepRuns">The band's steps away from every reference bout, run by run.</param>
/// <param name="ReferenceRisesCm">Pelvis rise of each step of the reference's own walking, cm.</param>
public sealed record ValidatedRecording(ReferenceRecording Reference, AnalysisResult Analysis, IReadOnlyList<FalseStepRun> FalseStepRuns, IReadOnlyList<double> ReferenceRisesCm);

/// <summary>
/// Runs the band over every <c>*.imu.csv</c> in a folder of real walks and scores its steps against the
/// <c>*.reference.json</c> beside each, next to the published detectors stored in those files.
/// </summary>
public sealed class WalkValidation
{
    private readonly IReadOnlyDictionary<int, IReadOnlyDictionary<string, IReadOnlyList<WalkingBout>>> _boutsByTurningShare;

    private WalkValidation(string directory, IReadOnlyList<ValidatedRecording> recordings, RealStrideCueSurvey realStrideCues, IReadOnlyDictionary<int, IReadOnlyDictionary<string, IReadOnlyList<WalkingBout>>> boutsByTurningShare)
    {
        _boutsByTurningShare = boutsByTurningShare;
        Directory = directory;
        Recordings = recordings;
        RealStrideCues = realStrideCues;
        Evaluation = new GaitEvaluation(recordings, Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory))));
    }

    /// <summary>The folder validated.</summary>
    public string Directory { get; }

    /// <summary>Each recording with its analysis.</summary>
    public IReadOnlyList<ValidatedRecording> Recordings { get; }

    /// <summary>
    /// Cueing on long walks built from each recording's straight strides (<see cref="RealStrideWalk.DefaultRecording"/>
    /// first): the check, or why that recording cannot make such a walk.
    /// </summary>
    public RealStrideCueSurvey RealStrideCues { get; }

    /// <summary>
    /// The posture and sway goals missed, each in words: those of <see cref="RealStrideCues"/>, and any sway cue on a
    /// real recording with default settings (sway is judged on straight strides; a turn is no sway). Empty when all are met.
    /// </summary>
    public IReadOnlyList<string> PostureGoalsMissed => RealStrideCues.MissedGoals
        .Concat(Recordings.SelectMany(r => r.Analysis.Cues.Where(c => c.Rule == "sway").Select(c => string.Create(CultureInfo.InvariantCulture, $"{r.Reference.Name}: sway cue at {c.TimeS:0.0} s"))))
        .ToArray();

    /// <summary>Steps and bouts pooled, per subject, beside the peers, with the LOSO run and the targets.</summary>
    public GaitEvaluation Evaluation { get; }

    /// <summary>The band's pooled step score, from the continuous stream.</summary>
    public StepScore Band => Evaluation.Steps;

    /// <summary>
    /// Analyzes and scores every recording in <paramref name="directory"/>. Throws <see cref="RecordingFormatException"/>
    /// when the folder is missing, holds no recordings, or a recording has no reference beside it.
    /// </summary>
    public static WalkValidation Run(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!System.IO.Directory.Exists(directory))
        {
            throw new RecordingFormatException(directory, "no such directory");
        }

        string[] files = System.IO.Directory.GetFiles(directory, "*.imu.csv").Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
        {
            throw new RecordingFormatException(directory, "holds no *.imu.csv recordings");
        }

        var recordings = new List<ValidatedRecording>();
        Dictionary<int, Dictionary<string, IReadOnlyList<WalkingBout>>> byShare = TurningStepFit.Tried.ToDictionary(e => e, _ => new Dictionary<string, IReadOnlyList<WalkingBout>>());
        foreach (string csv in files)
        {
            string referencePath = csv[..^".imu.csv".Length] + ".reference.json";
            if (!File.Exists(referencePath))
            {
                throw new RecordingFormatException(csv, $"has no reference beside it ({Path.GetFileName(referencePath)})");
            }

            ReferenceRecording reference = ReferenceRecording.Read(referencePath);
            ImuRecording recording = ImuCsv.Read(csv);
            // Each wearer's height, as the band would be set for them (its default when the reference has none).
            int? height = reference.Subject?.HeightCm is double cm ? (int)Math.Round(cm) : null;
            AnalysisResult analysis = RecordingAnalyzer.Analyze(recording, csv, height);
            // Where the reference has stride lengths, the band runs again with each turning share the fit tries.
            if (reference.Bouts.Any(b => b.AverageStrideLengthM is > 0))
            {
                foreach (int eighths in TurningStepFit.Tried)
                {
                    byShare[eighths][reference.Name] = eighths == StepLengthEstimator.TurningStepEighths
                        ? analysis.Bouts
                        : RecordingAnalyzer.Analyze(recording, csv, height, eighths).Bouts;
                }
            }

            recordings.Add(new ValidatedRecording(
                reference,
                analysis,
                FalseStepRun.Find(reference, recording, analysis.StepsS),
                FalseStepRun.ReferenceRisesCm(reference, recording)));
        }

        RealStrideCueSurvey realStrideCues = RealStrideCueSurvey.Run(directory, recordings.Select(r => r.Reference.Name).OrderBy(n => n == RealStrideWalk.DefaultRecording ? 0 : 1));
        return new WalkValidation(directory, recordings, realStrideCues, byShare.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, IReadOnlyList<WalkingBout>>)p.Value));
    }

    /// <summary>Walking speed and stride length per reference bout (approximate on <see cref="ValidationTarget.VoisardWalks"/>).</summary>
    public SpeedValidation Speed => new(
        SpeedScorer.Match(Recordings.Select(r => r.Reference), Recordings.ToDictionary(r => r.Reference.Name, r => r.Analysis.Bouts)),
        Path.GetFileName(Path.TrimEndingDirectorySeparator(Directory)) == ValidationTarget.VoisardWalks)
    {
        BoutsByTurningShare = _boutsByTurningShare.Values.Any(v => v.Count > 0)
            ? _boutsByTurningShare.ToDictionary(p => p.Key, p => SpeedScorer.Match(Recordings.Select(r => r.Reference), p.Value))
            : null,
    };

    /// <summary>The side-by-side table, then the band's result per recording.</summary>
    public string ToTable()
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(ci, $"Step and walking-bout detection on {Recordings.Count} recordings in {Directory}");
        sb.AppendLine();
        sb.Append(Evaluation.ToTable());
        sb.AppendLine();
        double walkingHours = Recordings.Sum(r => r.Reference.Bouts.Sum(b => b.EndS - b.StartS)) / 3600.0;
        int cues = Recordings.Sum(r => r.Analysis.Cues.Count);
        sb.AppendLine(ci, $"Cues with default settings: {cues} in {walkingHours * 60:0.0} min of reference walking ({(walkingHours > 0 ? cues / walkingHours : 0):0.0} per walking hour)");
        sb.AppendLine();
        sb.AppendLine("LumbarBand per recording:");
        foreach (ValidatedRecording r in Recordings)
        {
            StepScore s = StepScorer.Score(new[] { r.Reference }, new Dictionary<string, double[]> { [r.Reference.Name] = r.Analysis.StepsS.ToArray() }, insideBoutsOnly: false);
            sb.AppendLine(ci, $"  {r.Reference.Name,-22} F1 {s.F1:0.000}  steps {s.ReferenceSteps,3}/{s.DetectedStepsInBouts,-3}  cadence MAE {s.CadenceMaeSpm,5:0.00}  false steps {s.FalseStepsOutsideBouts}  cues {r.Analysis.Cues.Count}");
        }

        AppendFalseStepRuns(sb);
        sb.AppendLine();
        string speed = Speed.ToTable();
        if (speed.Length > 0)
        {
            sb.Append(speed);
            sb.AppendLine();
        }

        sb.Append(RealStrideCues.ToTable());
        foreach (string swayCue in PostureGoalsMissed.Except(RealStrideCues.MissedGoals))
        {
            sb.AppendLine("  goal missed: " + swayCue);
        }

        return sb.ToString();
    }

    /// <summary>
    /// Each run of false steps beside the reference's own walking, by cadence and pelvis rise per step (walking lifts
    /// the pelvis by centimetres, shuffling and weight shifts by millimetres): what a reader needs to tell a false
    /// detection from walking the reference left out.
    /// </summary>
    private void AppendFalseStepRuns(StringBuilder sb)
    {
        var ci = CultureInfo.InvariantCulture;
        FalseStepRun[] runs = Recordings.SelectMany(r => r.FalseStepRuns).ToArray();
        if (runs.Length == 0)
        {
            return;
        }

        double[] rises = Recordings.SelectMany(r => r.ReferenceRisesCm).Order().ToArray();
        sb.AppendLine();
        sb.AppendLine(ci, $"False steps run by run (more than {StepScorer.OutsideMarginS:0} s from every reference bout), beside the reference's walking:");
        sb.AppendLine("  recording               from–to (s)        steps  cadence  pelvis rise per step (median)");
        foreach (FalseStepRun run in runs)
        {
            string cadence = double.IsNaN(run.CadenceSpm) ? "    –" : run.CadenceSpm.ToString("0", ci).PadLeft(5);
            string rise = double.IsNaN(run.MedianRiseCm) ? "–" : run.MedianRiseCm.ToString("0.0", ci) + " cm";
            sb.AppendLine(ci, $"  {run.Recording,-22}  {run.StartS,7:0.00}–{run.EndS,-7:0.00}  {run.Steps,8}  {cadence}    {rise}");
        }

        if (rises.Length == 0)
        {
            return;
        }

        double[] cadences = Recordings.SelectMany(r => r.Reference.Bouts).Select(b => StepScorer.Cadence(b.InitialContactsS)).OfType<double>().ToArray();
        sb.AppendLine(ci, $"  reference walking: {rises.Length} steps, pelvis rise median {FalseStepRun.Median(rises):0.0} cm, middle half {Quantile(rises, 0.25):0.0}–{Quantile(rises, 0.75):0.0} cm; bout cadences {cadences.Min():0}–{cadences.Max():0} steps/min");
    }

    private static double Quantile(double[] sorted, double q) => sorted[(int)Math.Round(q * (sorted.Length - 1))];
}
