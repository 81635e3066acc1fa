using System.Globalization;
using System.Text;
using LumbarBand.Analysis.Analyzing;
using LumbarBand.Analysis.Recordings;
using LumbarBand.Analysis.Simulation;

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
    private WalkValidation(string directory, IReadOnlyList<ValidatedRecording> recordings, IReadOnlyList<(string Source, RealStrideCueCheck? Check, string? Why)> realStrideCues)
    {
        Directory = directory;
        Recordings = recordings;
        RealStrideCues = realStrideCues;
        var references = recordings.Select(r => r.Reference).ToArray();
        Band = StepScorer.Score(references, recordings.ToDictionary(r => r.Reference.Name, r => r.Analysis.StepsS.ToArray()), insideBoutsOnly: false);
        var peers = new SortedDictionary<string, StepScore>(StringComparer.Ordinal);
        foreach (string peer in references.SelectMany(r => r.PeerInitialContactsS.Keys).Distinct())
        {
            var found = references.Where(r => r.PeerInitialContactsS.ContainsKey(peer)).ToDictionary(r => r.Name, r => r.PeerInitialContactsS[peer]);
            peers[peer] = StepScorer.Score(references, found, insideBoutsOnly: true, ReferenceRecording.DefaultSystem);
        }

        Peers = peers;
    }

    /// <summary>The folder validated.</summary>
    public string Directory { get; }

    /// <summary>Each recording with its analysis.</summary>
    public IReadOnlyList<ValidatedRecording> Recordings { get; }

    /// <summary>
    /// Cueing on long walks built from each recording's straight strides (<see cref="RealStrideWalk.DefaultRecording"/>
    /// first): the check, or why that recording cannot make such a walk.
    /// </summary>
    public IReadOnlyList<(string Source, RealStrideCueCheck? Check, string? Why)> RealStrideCues { get; }

    /// <summary>The band's pooled score, from the continuous stream.</summary>
    public StepScore Band { get; }

    /// <summary>The published detectors' pooled scores (run inside the reference bouts by their authors).</summary>
    public IReadOnlyDictionary<string, StepScore> Peers { get; }

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
        foreach (string csv in files)
        {
            string referencePath = csv[..^".imu.csv".Length] + ".reference.json";
            if (!File.Exists(referencePath))
            {
                throw new RecordingFormatException(csv, $"has no reference beside it ({Path.GetFileName(referencePath)})");
            }

            ReferenceRecording reference = ReferenceRecording.Read(referencePath);
            ImuRecording recording = ImuCsv.Read(csv);
            AnalysisResult analysis = RecordingAnalyzer.Analyze(recording, csv);
            recordings.Add(new ValidatedRecording(
                reference,
                analysis,
                FalseStepRun.Find(reference, recording, analysis.StepsS),
                FalseStepRun.ReferenceRisesCm(reference, recording)));
        }

        var realStrideCues = new List<(string, RealStrideCueCheck?, string?)>();
        foreach (string source in recordings.Select(r => r.Reference.Name).OrderBy(n => n == RealStrideWalk.DefaultRecording ? 0 : 1))
        {
            try
            {
                realStrideCues.Add((source, RealStrideCueCheck.Run(directory, source), null));
            }
            catch (InvalidDataException e)
            {
                realStrideCues.Add((source, null, e.Message));
            }
        }

        return new WalkValidation(directory, recordings, realStrideCues);
    }

    /// <summary>The side-by-side table, then the band's result per recording.</summary>
    public string ToTable()
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(ci, $"Step detection on {Recordings.Count} recordings in {Directory}");
        sb.AppendLine("(reference initial contacts matched within ±0.25 s inside each reference bout; LumbarBand runs on the");
        sb.AppendLine(" continuous stream at the device rate, the peers were run inside the reference bouts by their authors)");
        sb.AppendLine();
        sb.AppendLine("detector          F1     precision  recall  steps ref/found  count err %  cadence MAE  false steps/min");
        sb.AppendLine(Row("LumbarBand", Band));
        foreach (KeyValuePair<string, StepScore> peer in Peers)
        {
            sb.AppendLine(Row(peer.Key, peer.Value));
        }

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
        if (RealStrideCues.Count > 0)
        {
            sb.AppendLine();
            sb.Append(RealStrideCueCheck.TableHeading());
            foreach ((string source, RealStrideCueCheck? check, string? why) in RealStrideCues)
            {
                string reason = why is not null && why.StartsWith(source + " ", StringComparison.Ordinal) ? why[(source.Length + 1)..] : why ?? "";
                sb.Append(check is not null ? check.ToRow() : string.Create(ci, $"  {source,-22}  not built: {reason}{Environment.NewLine}"));
            }
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

        double lowerQuartile = Quantile(rises, 0.25);
        double[] cadences = Recordings.SelectMany(r => r.Reference.Bouts).Select(b => StepScorer.Cadence(b.InitialContactsS)).OfType<double>().ToArray();
        sb.AppendLine(ci, $"  reference walking: {rises.Length} steps, pelvis rise median {FalseStepRun.Median(rises):0.0} cm, middle half {lowerQuartile:0.0}–{Quantile(rises, 0.75):0.0} cm; bout cadences {cadences.Min():0}–{cadences.Max():0} steps/min");

        // What the false-step rate would be if the runs that walk like the reference were walking it left out.
        FalseStepRun[] walkingLike = runs
            .Where(r => r.Steps >= MinWalkingRunSteps && r.MedianRiseCm >= lowerQuartile && r.CadenceSpm >= cadences.Min() && r.CadenceSpm <= cadences.Max())
            .ToArray();
        if (walkingLike.Length > 0 && Band.FalseStepsOutsideBouts is int outside && Band.NonWalkingS is double nonWalkingS)
        {
            int left = outside - walkingLike.Sum(r => r.Steps);
            double rest = nonWalkingS - walkingLike.Sum(r => r.EndS - r.StartS + (2 * StepScorer.OutsideMarginS));
            sb.AppendLine(ci, $"  if the {walkingLike.Length} runs of {MinWalkingRunSteps} or more steps at a reference cadence and pelvis rise (at least the lower quartile) were walking: {left} false steps in {rest / 60:0.00} min, {60 * left / rest:0.00}/min");
        }
    }

    /// <summary>Shortest false-step run judged as possible walking: 5 steps, two strides and the step that ends them.</summary>
    private const int MinWalkingRunSteps = 5;

    private static double Quantile(double[] sorted, double q) => sorted[(int)Math.Round(q * (sorted.Length - 1))];

    private static string Row(string name, StepScore s)
    {
        string falseSteps = s.FalseStepsPerMinute is double f ? f.ToString("0.00", CultureInfo.InvariantCulture) : "n/a (inside bouts)";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{name,-16}  {s.F1:0.000}  {s.Precision,9:0.000}  {s.Recall,6:0.000}  {s.ReferenceSteps,7}/{s.DetectedStepsInBouts,-7}  {s.StepCountErrorPct,11:0.0}  {s.CadenceMaeSpm,11:0.00}  {falseSteps}");
    }
}
