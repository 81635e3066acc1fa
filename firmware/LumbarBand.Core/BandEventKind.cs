namespace LumbarBand.Core
{
    /// <summary>What a <see cref="BandEvent"/> reports. Values are stable: they are stored and sent over BLE.</summary>
    public enum BandEventKind : byte
    {
        /// <summary>No event (an empty slot).</summary>
        None = 0,

        /// <summary>A step (initial contact). Value: steps in the current bout so far.</summary>
        Step = 1,

        /// <summary>A walking bout began at the event time. Value: unused.</summary>
        BoutStart = 2,

        /// <summary>A walking bout ended at the event time (its last step). Value: steps in the bout.</summary>
        BoutEnd = 3,

        /// <summary>Neutral posture captured. Value: unused.</summary>
        NeutralCaptured = 4,

        /// <summary>
        /// A cue: a rule of the cue engine fired and passed cooldown, cap and snooze. In training mode the motor played
        /// it; in tracking mode it is only recorded. Value: see <see cref="Cueing.CueEventValue"/> (rule, pattern level,
        /// whether the motor was driven).
        /// </summary>
        Cue = 5,

        /// <summary>
        /// Excessive lumbar motion became sustained (a rule's dwell or stride window was met). Value: see
        /// <see cref="Cueing.ExcessiveMotionValue"/> (rule, and how long ago the condition began).
        /// </summary>
        ExcessiveMotionStart = 6,

        /// <summary>
        /// Sustained excessive motion cleared (below the rule's lower, hysteresis threshold, or walking stopped).
        /// Value: see <see cref="Cueing.ExcessiveMotionValue"/> (rule, and the episode's duration from its onset).
        /// </summary>
        ExcessiveMotionEnd = 7,

        /// <summary>
        /// The wearer pressed the button: pain started (the pain marker). Value: unused (0). The session recorder
        /// counts it in the epoch, stores it with the walking time before it, and starts a session if none is open.
        /// </summary>
        PainMarker = 8,

        /// <summary>
        /// The walking plan's stretch reached its walking time: "time to rest" played
        /// (<see cref="Pacing.WalkingPacer"/>). Value: the stretch's number within the walk, from 1.
        /// </summary>
        RestDue = 9,

        /// <summary>
        /// The rest after a stretch of the walking plan is over: "ready to go" played if the plan asks for it. Value:
        /// the number of the stretch the rest followed.
        /// </summary>
        RestOver = 10,
    }
}
