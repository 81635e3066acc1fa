namespace LumbarBand.Host.Sessions;

/// <summary>
/// One walking bout as the band measured it (session format 4 on): when, how many steps, and the walk's own outcomes —
/// speed, stride length, rhythm — with the excessive posture and cues during it. A null measure means the band had too
/// few usable steps or strides in the bout to measure it (never a zero).
/// </summary>
public sealed record WalkingBout
{
    /// <summary>The bout's first step, seconds from the session start.</summary>
    public required double StartSeconds { get; init; }

    /// <summary>First to last step, seconds.</summary>
    public required double DurationSeconds { get; init; }

    /// <summary>Steps in the bout.</summary>
    public int Steps { get; init; }

    /// <summary>Cadence, steps per minute; null with fewer than two steps.</summary>
    public double? CadenceSpm { get; init; }

    /// <summary>Walking speed, m/s.</summary>
    public double? SpeedMps { get; init; }

    /// <summary>Stride length (two steps), m.</summary>
    public double? StrideLengthM { get; init; }

    /// <summary>Step-time coefficient of variation, %.</summary>
    public double? StepTimeCvPercent { get; init; }

    /// <summary>Stride-time coefficient of variation, %.</summary>
    public double? StrideTimeCvPercent { get; init; }

    /// <summary>Left/right step-time asymmetry, %.</summary>
    public double? StepTimeAsymmetryPercent { get; init; }

    /// <summary>Stride regularity: autocorrelation of trunk acceleration at the stride lag (Moe-Nilssen &amp; Helbostad 2004), −1..1.</summary>
    public double? StrideRegularity { get; init; }

    /// <summary>Seconds in sustained excessive posture (flexion or lateral lean) during the bout.</summary>
    public double ExcessivePostureSeconds { get; init; }

    /// <summary>Cues during the bout.</summary>
    public int Cues { get; init; }

    /// <summary>End, seconds from the session start.</summary>
    public double EndSeconds => StartSeconds + DurationSeconds;

    /// <summary>
    /// The step-weighted mean of <paramref name="value"/> over the bouts that measured it (a long bout counts for its
    /// steps, a short one for its few); null when none did.
    /// </summary>
    public static double? StepWeightedMean(IEnumerable<WalkingBout> bouts, Func<WalkingBout, double?> value)
    {
        ArgumentNullException.ThrowIfNull(bouts);
        ArgumentNullException.ThrowIfNull(value);
        double sum = 0;
        long steps = 0;
        foreach (WalkingBout bout in bouts)
        {
            if (value(bout) is double v && bout.Steps > 0)
            {
                sum += v * bout.Steps;
                steps += bout.Steps;
            }
        }

        return steps > 0 ? sum / steps : null;
    }
}
