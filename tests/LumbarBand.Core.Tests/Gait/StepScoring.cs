using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LumbarBand.Core.Tests.Gait;

/// <summary>One walking bout of a reference record: start, end and every initial contact (NaN = contact without a time).</summary>
public sealed class ReferenceBout
{
    public ReferenceBout(double startS, double endS, IReadOnlyList<double> initialContactsS)
    {
        StartS = startS;
        EndS = endS;
        InitialContactsS = initialContactsS;
    }

    public double StartS { get; }

    public double EndS { get; }

    public IReadOnlyList<double> InitialContactsS { get; }
}

/// <summary>A recording's reference (NAME.reference.json of the lower-back walks).</summary>
public sealed class ReferenceRecording
{
    public ReferenceRecording(string name, double durationS, IReadOnlyList<ReferenceBout> bouts, IReadOnlyDictionary<string, double[]> peers)
    {
        Name = name;
        DurationS = durationS;
        Bouts = bouts;
        PeerInitialContactsS = peers;
    }

    public string Name { get; }

    /// <summary>n_samples / sample_rate_hz, as the scorer computes it.</summary>
    public double DurationS { get; }

    public IReadOnlyList<ReferenceBout> Bouts { get; }

    /// <summary>peer_initial_contacts_s: the published lower-back detectors' initial contacts, by algorithm.</summary>
    public IReadOnlyDictionary<string, double[]> PeerInitialContactsS { get; }

    /// <summary>Reads NAME.reference.json; its bare NaN literals (not JSON) are read as NaN.</summary>
    public static ReferenceRecording Load(string path)
    {
        string text = Regex.Replace(File.ReadAllText(path), @"\bNaN\b", "null");
        using JsonDocument doc = JsonDocument.Parse(text);
        JsonElement root = doc.RootElement;
        var bouts = new List<ReferenceBout>();
        foreach (JsonElement b in root.GetProperty("walking_bouts").EnumerateArray())
        {
            var ics = new List<double>();
            foreach (JsonElement ic in b.GetProperty("initial_contacts_s").EnumerateArray())
            {
                ics.Add(ic.ValueKind == JsonValueKind.Null ? double.NaN : ic.GetDouble());
            }

            bouts.Add(new ReferenceBout(b.GetProperty("start_s").GetDouble(), b.GetProperty("end_s").GetDouble(), ics));
        }

        var peers = new Dictionary<string, double[]>(StringComparer.Ordinal);
        if (root.TryGetProperty("peer_initial_contacts_s", out JsonElement peerElement))
        {
            foreach (JsonProperty peer in peerElement.EnumerateObject())
            {
                peers[peer.Name] = peer.Value.EnumerateArray().Select(x => x.GetDouble()).ToArray();
            }
        }

        double duration = root.GetProperty("n_samples").GetDouble() / root.GetProperty("sample_rate_hz").GetDouble();
        return new ReferenceRecording(root.GetProperty("recording").GetString() ?? Path.GetFileName(path), duration, bouts, peers);
    }
}

/// <summary>The metrics of /work/shared/tools/score_steps.py, unrounded.</summary>
public sealed class StepScore
{
    public double Precision { get; init; }

    public double Recall { get; init; }

    public double F1 { get; init; }

    public int StepsReference { get; init; }

    public int StepsDetectedInBouts { get; init; }

    /// <summary>step_count_abs_err_pct_total.</summary>
    public double StepCountErrorPercent { get; init; }

    /// <summary>step_count_abs_err_pct_mean_bout.</summary>
    public double StepCountErrorPercentMeanBout { get; init; }

    /// <summary>cadence_mae_spm.</summary>
    public double CadenceMaeStepsPerMinute { get; init; }

    public int Bouts { get; init; }

    /// <summary>false_steps_outside_bouts.</summary>
    public int FalseStepsOutsideBouts { get; init; }

    /// <summary>false_steps_per_min_nonwalking.</summary>
    public double FalseStepsPerMinuteNonWalking { get; init; }

    /// <summary>Non-walking time the false steps are counted over, seconds.</summary>
    public double NonWalkingS { get; init; }

    public override string ToString()
    {
        return string.Create(
            CultureInfo.InvariantCulture,
            $"F1 {F1:F3} (P {Precision:F3}, R {Recall:F3}), steps {StepsDetectedInBouts}/{StepsReference} (count error {StepCountErrorPercent:F1}%, mean bout {StepCountErrorPercentMeanBout:F1}%), cadence MAE {CadenceMaeStepsPerMinute:F2} steps/min over {Bouts} bouts, false steps {FalseStepsOutsideBouts} = {FalseStepsPerMinuteNonWalking:F2}/min of non-walking");
    }
}

/// <summary>
/// A line-by-line port of score_steps.py (shared/tools): initial contacts matched one-to-one within
/// <see cref="ToleranceS"/> inside the reference bouts (NaN contacts make don't-care zones), step count inside bouts,
/// cadence from the median step interval per bout, and steps more than 1 s away from every bout per minute of
/// non-walking time.
/// </summary>
public static class StepScoring
{
    /// <summary>TOL of the scorer, seconds.</summary>
    public const double ToleranceS = 0.25;

    /// <summary>Scores detections ({recording: step times in s}) against the references (those without detections are skipped).</summary>
    public static StepScore Score(IEnumerable<ReferenceRecording> references, IReadOnlyDictionary<string, double[]> detections)
    {
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(detections);
        int tp = 0, fp = 0, fn = 0, outside = 0, refTotal = 0, detTotalIn = 0;
        var countErrors = new List<double>();
        var cadenceErrors = new List<double>();
        double nonWalkS = 0;
        foreach (ReferenceRecording r in references)
        {
            if (!detections.TryGetValue(r.Name, out double[]? raw))
            {
                continue;
            }

            double[] d = raw.OrderBy(t => t).ToArray();
            double walk = 0;
            foreach (ReferenceBout b in r.Bouts)
            {
                double s = b.StartS, e = b.EndS;
                IReadOnlyList<double> ics = b.InitialContactsS;
                double[] valid = ics.Where(t => !double.IsNaN(t)).ToArray();
                var skip = new List<(double Lo, double Hi)>();
                for (int i = 0; i < ics.Count; i++)
                {
                    if (!double.IsNaN(ics[i]))
                    {
                        continue;
                    }

                    double lo = s;
                    for (int j = i - 1; j >= 0; j--)
                    {
                        if (!double.IsNaN(ics[j]))
                        {
                            lo = ics[j];
                            break;
                        }
                    }

                    double hi = e;
                    for (int j = i + 1; j < ics.Count; j++)
                    {
                        if (!double.IsNaN(ics[j]))
                        {
                            hi = ics[j];
                            break;
                        }
                    }

                    skip.Add((lo + ToleranceS, hi - ToleranceS));
                }

                double[] inBout = d.Where(t => s - ToleranceS <= t && t <= e + ToleranceS).ToArray();
                double[] scored = inBout.Where(t => !skip.Any(z => z.Lo < t && t < z.Hi)).ToArray();
                int matched = Match(valid, scored, ToleranceS);
                tp += matched;
                fn += valid.Length - matched;
                fp += scored.Length - matched;
                refTotal += ics.Count;
                detTotalIn += inBout.Length;
                countErrors.Add(Math.Abs(inBout.Length - ics.Count) / (double)ics.Count);
                var adjacent = new bool[Math.Max(ics.Count - 1, 0)];
                for (int i = 0; i < adjacent.Length; i++)
                {
                    adjacent[i] = !double.IsNaN(ics[i]) && !double.IsNaN(ics[i + 1]);
                }

                double? refCadence = Cadence(ics, adjacent);
                double? detCadence = Cadence(d.Where(t => s <= t && t <= e).ToArray(), null);
                if (refCadence.HasValue)
                {
                    cadenceErrors.Add(Math.Abs((detCadence ?? 0.0) - refCadence.Value));
                }

                walk += e - s;
            }

            outside += d.Count(t => r.Bouts.All(b => t < b.StartS - 1.0 || t > b.EndS + 1.0));
            nonWalkS += Math.Max(r.DurationS - walk - (2.0 * r.Bouts.Count), 0.0);
        }

        double precision = tp + fp > 0 ? tp / (double)(tp + fp) : 0.0;
        double recall = tp + fn > 0 ? tp / (double)(tp + fn) : 0.0;
        double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
        return new StepScore
        {
            Precision = precision,
            Recall = recall,
            F1 = f1,
            StepsReference = refTotal,
            StepsDetectedInBouts = detTotalIn,
            StepCountErrorPercent = 100.0 * Math.Abs(detTotalIn - refTotal) / Math.Max(refTotal, 1),
            StepCountErrorPercentMeanBout = 100.0 * countErrors.Sum() / Math.Max(countErrors.Count, 1),
            CadenceMaeStepsPerMinute = cadenceErrors.Sum() / Math.Max(cadenceErrors.Count, 1),
            Bouts = countErrors.Count,
            FalseStepsOutsideBouts = outside,
            FalseStepsPerMinuteNonWalking = nonWalkS > 0 ? 60.0 * outside / nonWalkS : 0.0,
            NonWalkingS = nonWalkS,
        };
    }

    /// <summary>Greedy one-to-one matching: each reference (in time order) takes the nearest unused detection within tolerance.</summary>
    public static int Match(IReadOnlyList<double> reference, IReadOnlyList<double> detected, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(detected);
        double[] refs = reference.OrderBy(t => t).ToArray();
        double[] det = detected.OrderBy(t => t).ToArray();
        var used = new bool[det.Length];
        int tp = 0;
        foreach (double t in refs)
        {
            int best = -1;
            for (int j = 0; j < det.Length; j++)
            {
                if (used[j])
                {
                    continue;
                }

                if (Math.Abs(det[j] - t) <= tolerance && (best < 0 || Math.Abs(det[j] - t) < Math.Abs(det[best] - t)))
                {
                    best = j;
                }
            }

            if (best >= 0)
            {
                used[best] = true;
                tp++;
            }
        }

        return tp;
    }

    /// <summary>Steps/min from the median interval between consecutive steps (only adjacent pairs if given); null below two intervals.</summary>
    public static double? Cadence(IReadOnlyList<double> times, bool[]? adjacent)
    {
        ArgumentNullException.ThrowIfNull(times);
        var intervals = new List<double>();
        for (int i = 0; i + 1 < times.Count; i++)
        {
            if (adjacent == null || adjacent[i])
            {
                intervals.Add(times[i + 1] - times[i]);
            }
        }

        if (intervals.Count < 2)
        {
            return null;
        }

        intervals.Sort();
        int n = intervals.Count;
        double median = n % 2 == 1 ? intervals[n / 2] : 0.5 * (intervals[(n / 2) - 1] + intervals[n / 2]);
        return 60.0 / median;
    }
}
