using System.Globalization;
using System.Text;
using LumbarBand.Analysis.Analyzing;
using LumbarBand.Core.Gait;

namespace LumbarBand.Analysis.Scoring;

/// <summary>One reference bout with a reference walking speed, and the band's value over it.</summary>
/// <param name="Recording">The recording's name.</param>
/// <param name="SubjectId">Who walked.</param>
/// <param name="StartS">The reference bout's start, s.</param>
/// <param name="EndS">The reference bout's end, s.</param>
/// <param name="ReferenceSpeedMps">The reference walking speed, m/s.</param>
/// <param name="ReferenceStrideLengthM">The reference mean stride length, m (null when the reference has none).</param>
/// <param name="BandSpeedMps">The overlap-weighted mean speed of the band's bouts overlapping it; null when none with a speed overlaps (missed).</param>
/// <param name="BandStrideLengthM">The same mean of the band's stride lengths; null when missed.</param>
public sealed record SpeedBout(string Recording, string SubjectId, double StartS, double EndS, double ReferenceSpeedMps, double? ReferenceStrideLengthM, double? BandSpeedMps, double? BandStrideLengthM)
{
    /// <summary>The reference's cadence over the bout, steps/min (null when it has none).</summary>
    public double? ReferenceCadenceSpm { get; init; }

    /// <summary>The same overlap-weighted mean of the band's bout cadences (first to last step), steps/min; null when missed.</summary>
    public double? BandCadenceSpm { get; init; }

    /// <summary>Steps of the band's bouts that overlap it (each bout whole).</summary>
    public int BandSteps { get; init; }

    /// <summary>True when no band bout with a speed overlaps the reference bout.</summary>
    public bool Missed => BandSpeedMps is null;

    /// <summary>This bout with the band's speed and stride length scaled by <paramref name="factor"/> (another step-length correction).</summary>
    public SpeedBout Scaled(double factor) => this with { BandSpeedMps = BandSpeedMps * factor, BandStrideLengthM = BandStrideLengthM * factor };
}

/// <summary>Walking speed and stride length errors over a set of reference bouts (one subject's or all).</summary>
/// <param name="Bouts">Reference bouts with a reference speed.</param>
public sealed record SpeedScore(IReadOnlyList<SpeedBout> Bouts)
{
    private IEnumerable<SpeedBout> Scored => Bouts.Where(b => !b.Missed);

    /// <summary>Reference bouts left without a band speed.</summary>
    public int Missed => Bouts.Count(b => b.Missed);

    /// <summary>Mean absolute speed error, m/s (NaN when none scored).</summary>
    public double SpeedMaeMps => Mean(Scored.Select(b => Math.Abs(b.BandSpeedMps!.Value - b.ReferenceSpeedMps)));

    /// <summary>Mean relative speed error (signed: positive when the band reads fast), %.</summary>
    public double SpeedMeanRelativeErrorPct => 100 * Mean(Scored.Select(b => (b.BandSpeedMps!.Value - b.ReferenceSpeedMps) / b.ReferenceSpeedMps));

    /// <summary>Mean absolute stride-length error over the scored bouts whose reference has a stride length, m.</summary>
    public double StrideLengthMaeM => Mean(Scored.Where(b => b.ReferenceStrideLengthM is > 0).Select(b => Math.Abs(b.BandStrideLengthM!.Value - b.ReferenceStrideLengthM!.Value)));

    /// <summary>Mean relative stride-length error (signed), %.</summary>
    public double StrideLengthMeanRelativeErrorPct => 100 * Mean(Scored.Where(b => b.ReferenceStrideLengthM is > 0).Select(b => (b.BandStrideLengthM!.Value - b.ReferenceStrideLengthM!.Value) / b.ReferenceStrideLengthM!.Value));

    /// <summary>The fraction of reference bouts left without a band speed.</summary>
    public double MissedFraction => Bouts.Count == 0 ? double.NaN : (double)Missed / Bouts.Count;

    private static double Mean(IEnumerable<double> values)
    {
        double[] v = values.ToArray();
        return v.Length == 0 ? double.NaN : v.Average();
    }
}

/// <summary>
/// Scores the band's walking speed and stride length per reference bout as <c>../shared/tools/score_speed.py</c>
/// does: a reference bout's band value is the mean of the band's bouts that overlap it, weighted by the overlap in
/// seconds (bouts without a speed do not count); a reference bout that none overlaps is missed.
/// </summary>
public static class SpeedScorer
{
    /// <summary>Every reference bout with a walking speed, with the band's values over it.</summary>
    public static IReadOnlyList<SpeedBout> Match(IEnumerable<ReferenceRecording> references, IReadOnlyDictionary<string, IReadOnlyList<WalkingBout>> bandBouts)
    {
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(bandBouts);
        var result = new List<SpeedBout>();
        foreach (ReferenceRecording r in references)
        {
            if (!bandBouts.TryGetValue(r.Name, out IReadOnlyList<WalkingBout>? found))
            {
                continue;
            }

            foreach (ReferenceBout b in r.Bouts)
            {
                if (b.WalkingSpeedMps is not double speed || double.IsNaN(speed))
                {
                    continue;
                }

                double weight = 0, speedSum = 0, strideSum = 0, cadenceSum = 0;
                int steps = 0;
                foreach (WalkingBout x in found)
                {
                    double overlap = Math.Min(b.EndS, x.EndS) - Math.Max(b.StartS, x.StartS);
                    if (overlap > 0 && x.SpeedMps is double s)
                    {
                        weight += overlap;
                        speedSum += overlap * s;
                        strideSum += overlap * (x.StrideLengthM ?? 0);
                        cadenceSum += overlap * x.CadenceSpm;
                        steps += x.Steps;
                    }
                }

                result.Add(new SpeedBout(
                    r.Name, r.SubjectId, b.StartS, b.EndS, speed, b.AverageStrideLengthM,
                    weight > 0 ? speedSum / weight : null,
                    weight > 0 ? strideSum / weight : null)
                {
                    ReferenceCadenceSpm = b.CadenceSpm,
                    BandCadenceSpm = weight > 0 ? cadenceSum / weight : null,
                    BandSteps = steps,
                });
            }
        }

        return result;
    }
}

/// <summary>
/// The step-length correction K (<see cref="StepLengthEstimator.CorrectionPermille"/>, shipped at Zijlstra &amp; Hof's
/// published 1.25) fitted leave-one-subject-out for comparison:
/// for each subject, the factor that makes the other subjects' band speeds match their reference on average (the
/// geometric mean of reference over band speed, so fast and slow bouts weigh alike), applied to the held-out
/// subject's bouts. The band's speed and stride length are proportional to K, so a factor on them is a change of K.
/// </summary>
/// <param name="Subjects">Per held-out subject: its id, the K fitted without it (as a factor on the shipped K), and its scored bouts with it applied.</param>
public sealed record SpeedCorrectionFit(IReadOnlyList<(string SubjectId, double FittedK, SpeedScore HeldOut)> Subjects)
{
    /// <summary>All held-out bouts together.</summary>
    public SpeedScore Pooled => new(Subjects.SelectMany(s => s.HeldOut.Bouts).ToArray());

    /// <summary>Fits K on all subjects but one, for each subject in <paramref name="bouts"/>.</summary>
    public static SpeedCorrectionFit LeaveOneSubjectOut(IReadOnlyList<SpeedBout> bouts)
    {
        ArgumentNullException.ThrowIfNull(bouts);
        double shippedK = StepLengthEstimator.CorrectionPermille / 1000.0;
        var subjects = new List<(string, double, SpeedScore)>();
        foreach (string id in bouts.Select(b => b.SubjectId).Distinct().Order(StringComparer.Ordinal))
        {
            double factor = Factor(bouts.Where(b => b.SubjectId != id));
            subjects.Add((id, shippedK * factor, new SpeedScore(bouts.Where(b => b.SubjectId == id).Select(b => b.Scaled(factor)).ToArray())));
        }

        return new SpeedCorrectionFit(subjects);
    }

    /// <summary>The geometric mean of reference over band speed (1 when nothing is scored).</summary>
    public static double Factor(IEnumerable<SpeedBout> training)
    {
        ArgumentNullException.ThrowIfNull(training);
        double[] logs = training.Where(b => b.BandSpeedMps is > 0).Select(b => Math.Log(b.ReferenceSpeedMps / b.BandSpeedMps!.Value)).ToArray();
        return logs.Length == 0 ? 1 : Math.Exp(logs.Average());
    }
}

/// <summary>The speed and stride-length part of <c>validate</c>: pooled, per subject, and leave-one-subject-out.</summary>
/// <param name="Bouts">Every reference bout with a speed.</param>
/// <param name="Approximate">True when the reference speeds are approximate (voisard-l5-walks: 20 m over the trial, U-turn included).</param>
public sealed record SpeedValidation(IReadOnlyList<SpeedBout> Bouts, bool Approximate)
{
    /// <summary>Pooled score.</summary>
    public SpeedScore Pooled => new(Bouts);

    /// <summary>
    /// The bouts as scored with each turning steps' share <see cref="TurningStepFit.Tried"/> (a band run each), for its
    /// leave-one-subject-out fit; null when the reference has no stride lengths to fit on.
    /// </summary>
    public IReadOnlyDictionary<int, IReadOnlyList<SpeedBout>>? BoutsByTurningShare { get; init; }

    /// <summary>Per subject, in id order.</summary>
    public IReadOnlyList<(string SubjectId, SpeedScore Score)> Subjects => Bouts.Select(b => b.SubjectId).Distinct().Order(StringComparer.Ordinal)
        .Select(id => (id, new SpeedScore(Bouts.Where(b => b.SubjectId == id).ToArray()))).ToArray();

    /// <summary>The text block validate prints.</summary>
    public string ToTable()
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        SpeedScore p = Pooled;
        if (Bouts.Count == 0)
        {
            return string.Empty;
        }

        sb.AppendLine(Approximate
            ? "Walking speed per reference bout (APPROXIMATE reference: 20 m over the trial, U-turn included; printed apart, not a target):"
            : "Walking speed and stride length per reference bout (band value: overlap-weighted mean of its bouts over the reference bout):");
        sb.AppendLine("  subject  ref bouts  missed  speed MAE m/s  mean rel err %  stride MAE m  stride rel err %");
        foreach ((string id, SpeedScore s) in Subjects)
        {
            sb.AppendLine(ci, $"  {id,-7}  {s.Bouts.Count,9}  {s.Missed,6}  {Fixed(s.SpeedMaeMps, "0.000"),13}  {Fixed(s.SpeedMeanRelativeErrorPct, "0.0"),14}  {Fixed(s.StrideLengthMaeM, "0.000"),11}  {Fixed(s.StrideLengthMeanRelativeErrorPct, "0.0"),16}");
        }

        sb.AppendLine(ci, $"  {"pooled",-7}  {p.Bouts.Count,9}  {p.Missed,6}  {Fixed(p.SpeedMaeMps, "0.000"),13}  {Fixed(p.SpeedMeanRelativeErrorPct, "0.0"),14}  {Fixed(p.StrideLengthMaeM, "0.000"),11}  {Fixed(p.StrideLengthMeanRelativeErrorPct, "0.0"),16}");
        double[] perSubject = Subjects.Select(s => s.Score.SpeedMaeMps).Where(v => !double.IsNaN(v)).ToArray();
        if (perSubject.Length > 1)
        {
            double mean = perSubject.Average();
            double sd = Math.Sqrt(perSubject.Sum(v => (v - mean) * (v - mean)) / (perSubject.Length - 1));
            sb.AppendLine(ci, $"  speed MAE over subjects: {perSubject.Min():0.000}–{perSubject.Max():0.000} m/s (SD {sd:0.000})");
        }

        sb.AppendLine(ci, $"  reference bouts without a band speed: {p.Missed} of {p.Bouts.Count} ({100 * p.MissedFraction:0}%)");
        sb.AppendLine("  per reference bout, band / reference (band steps: of its bouts overlapping it):");
        foreach (SpeedBout b in Bouts)
        {
            string speed = b.Missed ? "missed" : $"{Fixed(b.BandSpeedMps!.Value, "0.000")} / {Fixed(b.ReferenceSpeedMps, "0.000")} m/s ({SignedPercent(100 * ((b.BandSpeedMps.Value / b.ReferenceSpeedMps) - 1))}%)";
            string stride = b.ReferenceStrideLengthM is double rs && !b.Missed ? $"  stride {Fixed(b.BandStrideLengthM ?? double.NaN, "0.000")} / {Fixed(rs, "0.000")} m" : string.Empty;
            string cadence = b.BandCadenceSpm is double bc && b.ReferenceCadenceSpm is double rc ? $"  cadence {bc:0.0} / {rc:0.0} steps/min  band steps {b.BandSteps}" : string.Empty;
            sb.AppendLine(ci, $"    {b.Recording,-20} {b.StartS,6:0.0}–{b.EndS,6:0.0} s  speed {speed}{stride}{cadence}");
        }

        if (!Approximate && Subjects.Count > 1)
        {
            SpeedCorrectionFit fit = SpeedCorrectionFit.LeaveOneSubjectOut(Bouts);
            SpeedScore held = fit.Pooled;
            sb.Append(ci, $"  step-length correction K shipped {StepLengthEstimator.CorrectionPermille / 1000.0:0.000}: Zijlstra & Hof's published value, not fitted here");
            sb.AppendLine(BoutsByTurningShare is null
                ? " (the figures above are held out as they stand)"
                : "; the turning steps' share is fitted (below), so the figures above are not held out: its leave-one-subject-out run is the held-out figure");
            sb.Append(ci, $"  for comparison, K fitted leave-one-subject-out (geometric mean of reference over band speed): ");
            sb.AppendLine(string.Join(", ", fit.Subjects.Select(s => "without " + s.SubjectId + " " + Fixed(s.FittedK, "0.000") + " → " + s.SubjectId + " speed MAE " + Fixed(s.HeldOut.SpeedMaeMps, "0.000") + ", stride MAE " + Fixed(s.HeldOut.StrideLengthMaeM, "0.000"))));
            sb.AppendLine(ci, $"  fitted K held out, pooled: speed MAE {Fixed(held.SpeedMaeMps, "0.000")} m/s, mean rel err {Fixed(held.SpeedMeanRelativeErrorPct, "0.0")}%, stride MAE {Fixed(held.StrideLengthMaeM, "0.000")} m; K fitted on all subjects {StepLengthEstimator.CorrectionPermille / 1000.0 * SpeedCorrectionFit.Factor(Bouts):0.000}");
        }

        if (!Approximate && Subjects.Count > 1 && BoutsByTurningShare is { } byShare)
        {
            TurningStepFit fit = TurningStepFit.LeaveOneSubjectOut(byShare);
            SpeedScore held = fit.Pooled;
            sb.AppendLine(ci, $"  turning steps' share of the pendulum's length shipped {StepLengthEstimator.TurningStepEighths}/8: FITTED on these walks, so leave-one-subject-out (tried {string.Join(", ", TurningStepFit.Tried)} eighths, a band run each; least stride MAE on the other subjects):");
            sb.AppendLine("    " + string.Join(", ", fit.Subjects.Select(s => "without " + s.SubjectId + " " + s.FittedEighths.ToString(ci) + "/8 → " + s.SubjectId + " speed MAE " + Fixed(s.HeldOut.SpeedMaeMps, "0.000") + ", stride MAE " + Fixed(s.HeldOut.StrideLengthMaeM, "0.000"))));
            sb.AppendLine(ci, $"    held out, pooled: speed MAE {Fixed(held.SpeedMaeMps, "0.000")} m/s, mean rel err {Fixed(held.SpeedMeanRelativeErrorPct, "0.0")}%, stride MAE {Fixed(held.StrideLengthMaeM, "0.000")} m; fitted on all subjects {TurningStepFit.Fit(byShare, _ => true)}/8; with turning steps read as straight (8/8): stride MAE {Fixed(new SpeedScore(byShare[StepLengthEstimator.WholeStepEighths]).StrideLengthMaeM, "0.000")} m");
        }

        return sb.ToString();
    }

    // Rounded first: a small negative error would otherwise print as "-+0" (the negative section applies before rounding).
    private static string SignedPercent(double percent) =>
        (Math.Round(percent, MidpointRounding.AwayFromZero) + 0.0).ToString("+0;-0;0", CultureInfo.InvariantCulture);

    private static string Fixed(double v, string format) => double.IsNaN(v) ? "–" : v.ToString(format, CultureInfo.InvariantCulture);
}
