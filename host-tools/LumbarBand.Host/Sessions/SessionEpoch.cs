namespace LumbarBand.Host.Sessions;

/// <summary>
/// One fixed-length slice of a session, as the band summarized it. Angles are degrees relative to the wearer's
/// calibrated neutral posture; a null value means the band could not measure it in this epoch (not calibrated, not
/// walking, or a firmware that does not record it).
/// </summary>
public sealed record SessionEpoch
{
    /// <summary>Position in the session, from 0.</summary>
    public required int Index { get; init; }

    /// <summary>Start, seconds from the session start.</summary>
    public required double StartSeconds { get; init; }

    /// <summary>Length, seconds (the last epoch may be shorter).</summary>
    public required double DurationSeconds { get; init; }

    /// <summary>Steps counted.</summary>
    public int Steps { get; init; }

    /// <summary>Seconds spent in confirmed walking bouts.</summary>
    public double WalkingSeconds { get; init; }

    /// <summary>Mean cadence while walking, steps per minute.</summary>
    public double? CadenceSpm { get; init; }

    /// <summary>Mean trunk flexion, forward positive.</summary>
    public double? FlexionMeanDegrees { get; init; }

    /// <summary>Largest trunk flexion.</summary>
    public double? FlexionMaxDegrees { get; init; }

    /// <summary>Mean lateral bend, right positive.</summary>
    public double? LateralBendMeanDegrees { get; init; }

    /// <summary>Largest lateral bend magnitude.</summary>
    public double? LateralBendMaxDegrees { get; init; }

    /// <summary>Mean per-stride mediolateral sway (range of lateral bend over a straight stride).</summary>
    public double? SwayMediolateralMeanDegrees { get; init; }

    /// <summary>Largest per-stride mediolateral sway.</summary>
    public double? SwayMediolateralMaxDegrees { get; init; }

    /// <summary>Mean per-stride anteroposterior sway (range of flexion/extension over a straight stride).</summary>
    public double? SwayAnteroposteriorMeanDegrees { get; init; }

    /// <summary>Largest per-stride anteroposterior sway.</summary>
    public double? SwayAnteroposteriorMaxDegrees { get; init; }

    /// <summary>Mean per-stride rotation (range of yaw over a straight stride, its mean turning taken out).</summary>
    public double? SwayRotationMeanDegrees { get; init; }

    /// <summary>Largest per-stride rotation.</summary>
    public double? SwayRotationMaxDegrees { get; init; }

    /// <summary>Seconds in sustained excessive flexion.</summary>
    public double ExcessiveFlexionSeconds { get; init; }

    /// <summary>Seconds in sustained excessive lateral lean.</summary>
    public double ExcessiveLateralSeconds { get; init; }

    /// <summary>Seconds in excessive sway.</summary>
    public double ExcessiveSwaySeconds { get; init; }

    /// <summary>Cues given for flexion.</summary>
    public int FlexionCues { get; init; }

    /// <summary>Cues given for lateral lean.</summary>
    public int LateralCues { get; init; }

    /// <summary>Cues given for sway.</summary>
    public int SwayCues { get; init; }

    /// <summary>Pain-marker button presses.</summary>
    public int PainMarkers { get; init; }

    /// <summary>Battery level at the end of the epoch, percent; null when the band has no gauge.</summary>
    public int? BatteryPercent { get; init; }

    /// <summary>Walking speed, m/s (step-weighted over the epoch's measured steps); null when not measured (or before session format 4).</summary>
    public double? SpeedMps { get; init; }

    /// <summary>Stride length, m (step-weighted over the epoch's measured steps); null when not measured (or before session format 4).</summary>
    public double? StrideLengthM { get; init; }

    /// <summary>All cues of the epoch.</summary>
    public int Cues => FlexionCues + LateralCues + SwayCues;
}
