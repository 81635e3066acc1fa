using LumbarBand.Core.Gait;

namespace LumbarBand.Analysis.Analyzing;

/// <summary>A walking bout the band detected: from its first to its last step.</summary>
/// <param name="StartS">Time of the first step, seconds from the start of the recording.</param>
/// <param name="EndS">Time of the last step, seconds from the start of the recording.</param>
/// <param name="Steps">Steps in the bout.</param>
public sealed record WalkingBout(double StartS, double EndS, int Steps)
{
    /// <summary>Mean cadence over the bout in steps per minute (steps − 1 intervals over its duration).</summary>
    public double CadenceSpm => Steps > 1 && EndS > StartS ? 60.0 * (Steps - 1) / (EndS - StartS) : 0.0;

    /// <summary>Walking speed the band measured, m/s; null when it could not (too few usable steps).</summary>
    public double? SpeedMps { get; init; }

    /// <summary>Mean stride length the band measured, m; null when not measured.</summary>
    public double? StrideLengthM { get; init; }

    /// <summary>Step-time coefficient of variation, %; null when not measured.</summary>
    public double? StepTimeCvPct { get; init; }

    /// <summary>Stride-time coefficient of variation, %; null when not measured.</summary>
    public double? StrideTimeCvPct { get; init; }

    /// <summary>Left/right step-time asymmetry, %; null when not measured.</summary>
    public double? StepTimeAsymmetryPct { get; init; }

    /// <summary>Stride regularity (Moe-Nilssen &amp; Helbostad 2004 autocorrelation at the stride lag), −1..1; null when not measured.</summary>
    public double? StrideRegularity { get; init; }

    /// <summary>This bout with the band's measured outcomes (a 0 in Core, "not measured", becomes null).</summary>
    public WalkingBout WithOutcome(WalkingBoutOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        bool timed = outcome.StepTimeCvPermille != 0;
        return this with
        {
            SpeedMps = outcome.SpeedMmPerS == 0 ? null : outcome.SpeedMmPerS / 1000.0,
            StrideLengthM = outcome.StrideLengthMm == 0 ? null : outcome.StrideLengthMm / 1000.0,
            StepTimeCvPct = timed ? outcome.StepTimeCvPermille / 10.0 : null,
            StrideTimeCvPct = timed ? outcome.StrideTimeCvPermille / 10.0 : null,
            StepTimeAsymmetryPct = timed ? outcome.StepTimeAsymmetryPermille / 10.0 : null,
            StrideRegularity = outcome.StrideRegularityPermille == 0 ? null : outcome.StrideRegularityPermille / 1000.0,
        };
    }
}
