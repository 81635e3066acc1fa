namespace LumbarBand.Analysis.Scoring;

/// <summary>Step-detection scores pooled over recordings, as ../shared/tools/score_steps.py computes them.</summary>
public sealed record StepScore
{
    /// <summary>Initial contacts matched one-to-one within the tolerance inside reference bouts.</summary>
    public int TruePositives { get; init; }

    /// <summary>Detections inside bouts (outside don't-care zones) without a reference contact.</summary>
    public int FalsePositives { get; init; }

    /// <summary>Timed reference contacts without a detection.</summary>
    public int FalseNegatives { get; init; }

    /// <summary>Reference contacts inside bouts (timed or not).</summary>
    public int ReferenceSteps { get; init; }

    /// <summary>Detections inside bouts (±tolerance).</summary>
    public int DetectedStepsInBouts { get; init; }

    /// <summary>Number of bouts scored.</summary>
    public int Bouts { get; init; }

    /// <summary>Mean absolute cadence error per bout, steps/min.</summary>
    public double CadenceMaeSpm { get; init; }

    /// <summary>Mean over bouts of the relative step-count error, percent.</summary>
    public double StepCountErrorPctMeanBout { get; init; }

    /// <summary>Detections more than 1 s from every bout; null when only the inside of bouts was scored.</summary>
    public int? FalseStepsOutsideBouts { get; init; }

    /// <summary>Those false steps per minute of non-walking time; null when only the inside of bouts was scored.</summary>
    public double? FalseStepsPerMinute { get; init; }

    /// <summary>
    /// The non-walking time those are counted in, seconds: each recording less its bouts and a margin of
    /// <see cref="StepScorer.OutsideMarginS"/> either side of each; null when only the inside of bouts was scored.
    /// </summary>
    public double? NonWalkingS { get; init; }

    /// <summary>TP / (TP + FP).</summary>
    public double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);

    /// <summary>TP / (TP + FN).</summary>
    public double Recall => TruePositives + FalseNegatives == 0 ? 0 : (double)TruePositives / (TruePositives + FalseNegatives);

    /// <summary>Harmonic mean of precision and recall.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>|detected − reference| / reference over all bouts pooled, percent.</summary>
    public double StepCountErrorPct => 100.0 * Math.Abs(DetectedStepsInBouts - ReferenceSteps) / Math.Max(ReferenceSteps, 1);
}
