namespace LumbarBand.Core.Cueing
{
    /// <summary>Where the sway rule's limit comes from (<see cref="Configuration.SettingId.SwayLimitMode"/>).</summary>
    public enum SwayLimitMode : byte
    {
        /// <summary>A percentage of the wearer's own baseline, learned at the start of each walk.</summary>
        Relative = 0,

        /// <summary>Fixed limits in centidegrees, set by a therapist.</summary>
        Absolute = 1,
    }
}
