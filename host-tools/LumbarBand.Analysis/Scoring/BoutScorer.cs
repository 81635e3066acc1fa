namespace LumbarBand.Analysis.Scoring;

/// <summary>
/// Scores detected walking periods against the reference bouts by time, with the rules of
/// ../shared/tools/score_bouts.py (as Mobilise-D scores gait-sequence detection, Micó-Amigo et al. 2023):
/// sensitivity = reference bout time covered by detections; precision = detected time inside the reference bouts,
/// widened by <see cref="SlackS"/> at each end, or inside an unverified span; false walking = detected time outside
/// both, per minute of the rest of the recording (each recording less its widened bouts and its unverified spans).
/// </summary>
public static class BoutScorer
{
    /// <summary>Slack at each end of a reference bout, seconds: detected time there is neither right nor wrong.</summary>
    public const double SlackS = 1.0;

    /// <summary>Scores detected periods (by recording name) against references; recordings without detections are left out.</summary>
    public static BoutScore Score(IEnumerable<ReferenceRecording> references, IReadOnlyDictionary<string, TimeSpanS[]> detections)
    {
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(detections);
        double referenceS = 0, covered = 0, detectedS = 0, inside = 0, outside = 0, nonWalkingS = 0;
        foreach (ReferenceRecording r in references)
        {
            if (!detections.TryGetValue(r.Name, out TimeSpanS[]? found))
            {
                continue;
            }

            TimeSpanS[] bouts = r.Bouts.Select(b => new TimeSpanS(b.StartS, b.EndS)).ToArray();
            TimeSpanS[] widened = bouts.Select(b => new TimeSpanS(b.StartS - SlackS, b.EndS + SlackS)).ToArray();
            referenceS += bouts.Sum(b => b.DurationS);
            foreach (TimeSpanS d in found)
            {
                detectedS += d.DurationS;
                covered += bouts.Sum(b => Overlap(d, b));
                double accepted = widened.Sum(b => Overlap(d, b)) + r.UnverifiedS.Sum(u => Overlap(d, u));
                inside += Math.Min(accepted, d.DurationS);
                outside += Math.Max(0.0, d.DurationS - accepted);
            }

            nonWalkingS += Math.Max(0.0, r.DurationS - widened.Sum(b => b.DurationS) - r.UnverifiedS.Sum(u => u.DurationS));
        }

        return new BoutScore
        {
            ReferenceS = referenceS,
            CoveredS = covered,
            DetectedS = detectedS,
            DetectedInsideS = inside,
            FalseWalkingS = outside,
            NonWalkingS = nonWalkingS,
        };
    }

    /// <summary>Seconds that two spans share (0 when they do not meet).</summary>
    public static double Overlap(TimeSpanS a, TimeSpanS b) => Math.Max(0.0, Math.Min(a.EndS, b.EndS) - Math.Max(a.StartS, b.StartS));
}

/// <summary>Walking periods scored by time against reference bouts (<see cref="BoutScorer"/>).</summary>
public sealed record BoutScore
{
    /// <summary>Total reference bout time, seconds.</summary>
    public double ReferenceS { get; init; }

    /// <summary>Reference bout time covered by detections, seconds.</summary>
    public double CoveredS { get; init; }

    /// <summary>Total detected time, seconds.</summary>
    public double DetectedS { get; init; }

    /// <summary>Detected time inside the widened reference bouts or unverified spans, seconds.</summary>
    public double DetectedInsideS { get; init; }

    /// <summary>Detected time outside them, seconds.</summary>
    public double FalseWalkingS { get; init; }

    /// <summary>Non-walking time, seconds: each recording less its widened bouts and unverified spans.</summary>
    public double NonWalkingS { get; init; }

    /// <summary>Covered / reference time; NaN without reference time.</summary>
    public double Sensitivity => ReferenceS > 0 ? CoveredS / ReferenceS : double.NaN;

    /// <summary>Detected time inside / detected time; NaN without detections.</summary>
    public double Precision => DetectedS > 0 ? DetectedInsideS / DetectedS : double.NaN;

    /// <summary>False walking, seconds per minute of non-walking time; NaN without non-walking time.</summary>
    public double FalseWalkingSPerMinute => NonWalkingS > 0 ? 60.0 * FalseWalkingS / NonWalkingS : double.NaN;
}
