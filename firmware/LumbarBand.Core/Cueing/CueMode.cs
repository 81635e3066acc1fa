namespace LumbarBand.Core.Cueing
{
    /// <summary>What a cue does (<see cref="Configuration.SettingId.CueMode"/>).</summary>
    public enum CueMode : byte
    {
        /// <summary>Record cues as events only; the motor is never driven.</summary>
        Tracking = 0,

        /// <summary>Record cues and play them on the motor.</summary>
        Training = 1,
    }
}
