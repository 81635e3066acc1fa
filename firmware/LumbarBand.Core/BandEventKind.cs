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
    }
}
