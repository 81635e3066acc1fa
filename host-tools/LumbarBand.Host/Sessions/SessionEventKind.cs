namespace LumbarBand.Host.Sessions;

/// <summary>What a <see cref="SessionEvent"/> marks on a session's timeline.</summary>
public enum SessionEventKind
{
    /// <summary>The band gave (or, in tracking mode, recorded) a cue.</summary>
    Cue,

    /// <summary>The wearer pressed the button: pain started.</summary>
    PainMarker,

    /// <summary>Neutral posture captured.</summary>
    Calibration,

    /// <summary>Sustained excessive motion began.</summary>
    ExcessiveMotionStart,

    /// <summary>Sustained excessive motion cleared.</summary>
    ExcessiveMotionEnd,

    /// <summary>A walking bout began.</summary>
    WalkingStart,

    /// <summary>A walking bout ended.</summary>
    WalkingEnd,
}
