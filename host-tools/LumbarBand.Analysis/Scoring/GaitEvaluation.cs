using System.Globalization;
using System.Text;

namespace LumbarBand.Analysis.Scoring;

/// <summary>One subject's figures: their steps and their walking bouts by time, over all their recordings.</summary>
/// <param name="SubjectId">Who walked (<see cref="ReferenceRecording.SubjectId"/>).</param>
/// <param name="Recordings">How many of their recordings were scored.</param>
/// <param name="Steps">Their steps, scored as <see cref="StepScorer"/> does.</param>
/// <param name="Bouts">Their walking bouts by time, scored as <see cref="BoutScorer"/> does.</param>
public sealed record SubjectScore(string SubjectId, int Recordings, StepScore Steps, BoutScore Bouts);

/// <summary>
/// The band's steps and walking bouts on a folder of real walks, judged so that the figures can be trusted on walks
/// nobody here has seen: pooled and per subject (with the spread over subjects), a bootstrap interval on F1 over
/// subjects, a leave-one-subject-out run of the one constant fitted to these data
/// (<see cref="ContactTimingFit"/>), beside the published detectors, and one line per target saying met or not.
/// </summary>
public sealed class GaitEvaluation
{
    /// <summary>Bootstrap resamples of the subjects for the F1 interval.</summary>
    public const int BootstrapResamples = 2000;

    /// <summary>Seed of the bootstrap: the same data always print the same interval.</summary>
    public const int BootstrapSeed = 12;

    /// <summary>Evaluates the band's results on <paramref name="recordings"/>; <paramref name="folderName"/> picks the targets (<see cref="ValidationTarget.For"/>).</summary>
    public GaitEvaluation(IReadOnlyList<ValidatedRecording> recordings, string folderName)
    {
        ArgumentNullException.ThrowIfNull(recordings);
        Recordings = recordings;
        ReferenceRecording[] references = recordings.Select(r => r.Reference).ToArray();
        Steps = ScoreSteps(_ => true);
        Bouts = ScoreBouts(_ => true);
        var peers = new SortedDictionary<string, StepScore>(StringComparer.Ordinal);
        foreach (string peer in references.SelectMany(r => r.PeerInitialContactsS.Keys).Distinct())
        {
            var found = references.Where(r => r.PeerInitialContactsS.ContainsKey(peer)).ToDictionary(r => r.Name, r => r.PeerInitialContactsS[peer]);
            peers[peer] = StepScorer.Score(references, found, insideBoutsOnly: true, ReferenceRecording.DefaultSystem);
        }

        PeerSteps = peers;
        var peerBouts = new SortedDictionary<string, BoutScore>(StringComparer.Ordinal);
        foreach (string peer in references.SelectMany(r => r.PeerWalkingBoutsS.Keys).Distinct())
        {
            var found = references.Where(r => r.PeerWalkingBoutsS.ContainsKey(peer)).ToDictionary(r => r.Name, r => r.PeerWalkingBoutsS[peer]);
            peerBouts[peer] = BoutScorer.Score(references, found);
        }

        PeerBouts = peerBouts;
        Subjects = references.Select(r => r.SubjectId).Distinct().Order(StringComparer.Ordinal)
            .Select(id => new SubjectScore(id, references.Count(r => r.SubjectId == id), ScoreSteps(r => r.SubjectId == id), ScoreBouts(r => r.SubjectId == id)))
            .ToArray();
        F1Interval = SubjectBootstrap.F1Interval(Subjects.Select(s => s.Steps).ToArray(), BootstrapResamples, BootstrapSeed);
        ContactTiming = ContactTimingFit.LeaveOneSubjectOut(recordings);
        WalkingConstants = WalkingConstantFit.LeaveOneSubjectOut(recordings);
        Targets = ValidationTarget.For(folderName).Select(t => (t, t.Measure(this))).ToArray();
    }

    /// <summary>The recordings evaluated.</summary>
    public IReadOnlyList<ValidatedRecording> Recordings { get; }

    /// <summary>The band's steps, pooled over every recording, from the continuous stream.</summary>
    public StepScore Steps { get; }

    /// <summary>The band's walking bouts by time, pooled.</summary>
    public BoutScore Bouts { get; }

    /// <summary>The published step detectors' pooled scores (run inside the INDIP bouts by their authors).</summary>
    public IReadOnlyDictionary<string, StepScore> PeerSteps { get; }

    /// <summary>The published gait-sequence detectors' walking periods, scored by time.</summary>
    public IReadOnlyDictionary<string, BoutScore> PeerBouts { get; }

    /// <summary>Every subject's figures.</summary>
    public IReadOnlyList<SubjectScore> Subjects { get; }

    /// <summary>Bootstrap 95% interval of the pooled F1, resampling subjects.</summary>
    public (double Low, double High) F1Interval { get; }

    /// <summary>The leave-one-subject-out run of the fitted contact timing.</summary>
    public ContactTimingFit ContactTiming { get; }

    /// <summary>The leave-one-subject-out runs of the walking decision's constants chosen among a few values.</summary>
    public IReadOnlyList<WalkingConstantFit> WalkingConstants { get; }

    /// <summary>Each target of the folder with the value measured.</summary>
    public IReadOnlyList<(ValidationTarget Target, double Value)> Targets { get; }

    /// <summary>The band's steps on the recordings <paramref name="which"/> selects, scored as score_steps.py does.</summary>
    public StepScore ScoreSteps(Func<ReferenceRecording, bool> which)
    {
        ArgumentNullException.ThrowIfNull(which);
        ValidatedRecording[] chosen = Recordings.Where(r => which(r.Reference)).ToArray();
        return StepScorer.Score(chosen.Select(r => r.Reference), chosen.ToDictionary(r => r.Reference.Name, r => r.Analysis.StepsS.ToArray()), insideBoutsOnly: false);
    }

    /// <summary>The band's walking bouts on the recordings <paramref name="which"/> selects, scored as score_bouts.py does.</summary>
    public BoutScore ScoreBouts(Func<ReferenceRecording, bool> which)
    {
        ArgumentNullException.ThrowIfNull(which);
        ValidatedRecording[] chosen = Recordings.Where(r => which(r.Reference)).ToArray();
        return BoutScorer.Score(chosen.Select(r => r.Reference), chosen.ToDictionary(r => r.Reference.Name, r => BandBouts(r)));
    }

    /// <summary>The band's walking bouts of one recording as time spans, first to last step.</summary>
    public static TimeSpanS[] BandBouts(ValidatedRecording recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        return recording.Analysis.Bouts.Select(b => new TimeSpanS(b.StartS, b.EndS)).ToArray();
    }

    /// <summary>Steps and bouts, pooled beside the peers, per subject with their spread, the LOSO run and the targets.</summary>
    public string ToTable()
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("Steps (reference initial contacts matched within ±0.25 s inside each reference bout; LumbarBand runs on the");
        sb.AppendLine(" continuous stream at the device rate, the peers were run inside the INDIP bouts by their authors;");
        sb.AppendLine(" count error pooled = |found − ref| over all bouts, per bout = mean over bouts of |found − ref| / ref)");
        sb.AppendLine();
        sb.AppendLine("detector          F1     precision  recall  steps ref/found  count err % pooled/bout  cadence MAE  false steps/min");
        sb.AppendLine(StepRow("LumbarBand", Steps));
        foreach (KeyValuePair<string, StepScore> peer in PeerSteps)
        {
            sb.AppendLine(StepRow(peer.Key, peer.Value));
        }

        sb.AppendLine();
        sb.AppendLine(ci, $"Walking bouts by time (as ../shared/tools/score_bouts.py: {BoutScorer.SlackS:0} s slack at each reference bout end; peers on the continuous recording)");
        sb.AppendLine("detector               sensitivity  precision  false walking s/min  walking s ref/found");
        sb.AppendLine(BoutRow("LumbarBand", Bouts));
        foreach (KeyValuePair<string, BoutScore> peer in PeerBouts)
        {
            sb.AppendLine(BoutRow(peer.Key, peer.Value));
        }

        sb.AppendLine();
        sb.AppendLine(ci, $"LumbarBand per subject ({Subjects.Count} subjects):");
        sb.AppendLine("  subject  recs  F1     prec   recall  steps ref/found  count err % pooled/bout  cadence MAE  false steps/min  bouts: sens  prec   false s/min");
        foreach (SubjectScore s in Subjects)
        {
            StepScore st = s.Steps;
            BoutScore b = s.Bouts;
            sb.AppendLine(ci, $"  {s.SubjectId,-7}  {s.Recordings,4}  {st.F1:0.000}  {st.Precision:0.000}  {st.Recall:0.000}  {st.ReferenceSteps,7}/{st.DetectedStepsInBouts,-7}  {st.StepCountErrorPct,11:0.0}/{st.StepCountErrorPctMeanBout,-11:0.0}  {st.CadenceMaeSpm,11:0.00}  {st.FalseStepsPerMinute,15:0.00}         {Fixed(b.Sensitivity)}  {Fixed(b.Precision)}  {Fixed(b.FalseWalkingSPerMinute, "0.00"),6}");
        }

        double[] f1 = Subjects.Select(s => s.Steps.F1).ToArray();
        double[] cadence = Subjects.Select(s => s.Steps.CadenceMaeSpm).ToArray();
        sb.AppendLine(ci, $"  spread over subjects: F1 {f1.Min():0.000}–{f1.Max():0.000} (mean {f1.Average():0.000}, SD {StandardDeviation(f1):0.000}); cadence MAE {cadence.Min():0.00}–{cadence.Max():0.00} steps/min");
        sb.AppendLine(ci, $"  pooled F1 {Steps.F1:0.000}, bootstrap 95% interval over subjects {F1Interval.Low:0.000}–{F1Interval.High:0.000} ({BootstrapResamples} resamples of the {Subjects.Count} subjects with replacement)");
        sb.AppendLine();
        sb.Append(ContactTiming.ToTable());
        sb.AppendLine();
        sb.Append(WalkingConstantFit.ToTable(WalkingConstants));
        sb.AppendLine();
        if (Targets.Count == 0)
        {
            sb.AppendLine("Targets: none set for this folder.");
        }
        else
        {
            sb.AppendLine(ci, $"Targets ({Targets.Count(t => t.Target.IsMet(t.Value))} of {Targets.Count} met):");
            foreach ((ValidationTarget target, double value) in Targets)
            {
                sb.AppendLine(target.ToLine(value));
            }
        }

        return sb.ToString();
    }

    private static string Fixed(double value, string format = "0.000") =>
        double.IsNaN(value) ? "  –  " : value.ToString(format, CultureInfo.InvariantCulture);

    private static double StandardDeviation(double[] values)
    {
        if (values.Length < 2)
        {
            return 0;
        }

        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }

    private static string StepRow(string name, StepScore s)
    {
        string falseSteps = s.FalseStepsPerMinute is double f ? f.ToString("0.00", CultureInfo.InvariantCulture) : "n/a (inside bouts)";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{name,-16}  {s.F1:0.000}  {s.Precision,9:0.000}  {s.Recall,6:0.000}  {s.ReferenceSteps,7}/{s.DetectedStepsInBouts,-7}  {s.StepCountErrorPct,11:0.0}/{s.StepCountErrorPctMeanBout,-11:0.0}  {s.CadenceMaeSpm,11:0.00}  {falseSteps}");
    }

    private static string BoutRow(string name, BoutScore b) => string.Create(
        CultureInfo.InvariantCulture,
        $"{name,-22}  {Fixed(b.Sensitivity),11}  {Fixed(b.Precision),9}  {Fixed(b.FalseWalkingSPerMinute, "0.00"),19}  {b.ReferenceS,9:0.0}/{b.DetectedS:0.0}");
}
