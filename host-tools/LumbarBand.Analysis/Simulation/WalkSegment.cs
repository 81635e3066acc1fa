namespace LumbarBand.Analysis.Simulation;

/// <summary>One segment of a <see cref="WalkScript"/>. Build them through the script's builder methods.</summary>
/// <param name="Activity">What the wearer does.</param>
/// <param name="DurationS">How long, in seconds.</param>
/// <param name="CadenceSpm">Walking cadence in steps per minute (walking only).</param>
/// <param name="Amplitude">Step vigour relative to a normal step (about step length); scales the gait accelerations.</param>
/// <param name="TurnDegPerS">
/// Walking: turning rate along the path, °/s, positive to the left (counterclockwise seen from above).
/// </param>
/// <param name="TurnDeg">Turning in place: total turn in degrees, positive to the left.</param>
/// <param name="ShiftPeriodS">Weight shifting: seconds for one left-right-left cycle.</param>
/// <param name="FlexionDeg">
/// Trunk flexion the wearer holds, degrees forward of neutral upright; null for the activity's own (0, sitting −7).
/// </param>
/// <param name="LateralBendDeg">Lateral bend the wearer holds, degrees toward the right; null for 0.</param>
/// <param name="SwayScale">Multiplier of the normal per-stride trunk oscillation (walking).</param>
public sealed record WalkSegment(
    Activity Activity,
    double DurationS,
    double CadenceSpm = 0,
    double Amplitude = 1,
    double TurnDegPerS = 0,
    double TurnDeg = 0,
    double ShiftPeriodS = 0,
    double? FlexionDeg = null,
    double? LateralBendDeg = null,
    double SwayScale = 1)
{
    /// <summary>
    /// Pelvis and lower back recline when seated: in the real daily-living walk (HA001 Test11) the L5 sensor sat
    /// about 6–7° further back while seated than while standing.
    /// </summary>
    public const double SittingFlexionDeg = -7;

    /// <summary>The flexion this segment settles at: the requested one or the activity's own.</summary>
    public double TargetFlexionDeg => FlexionDeg ?? (Activity is Activity.Sit or Activity.StandToSit ? SittingFlexionDeg : 0);

    /// <summary>The lateral bend this segment settles at.</summary>
    public double TargetLateralBendDeg => LateralBendDeg ?? 0;
}
