namespace LumbarBand.Analysis.Simulation;

/// <summary>What the wearer does during one segment of a <see cref="WalkScript"/>.</summary>
public enum Activity
{
    /// <summary>Quiet standing: only slow postural sway.</summary>
    StandStill,

    /// <summary>Steady walking: steps with impacts, trunk oscillation per stride.</summary>
    Walk,

    /// <summary>Turning on the spot: yaw rotation with a few small irregular shuffles, no regular impacts.</summary>
    TurnInPlace,

    /// <summary>Sitting: pelvis reclined, trunk still.</summary>
    Sit,

    /// <summary>Rising from a chair: large forward flexion, then the body rises and straightens; no steps.</summary>
    SitToStand,

    /// <summary>Sitting down: forward flexion while descending, a jolt on reaching the seat.</summary>
    StandToSit,

    /// <summary>Standing, shifting the weight slowly from foot to foot: mediolateral sway without impacts.</summary>
    ShiftWeight,
}
