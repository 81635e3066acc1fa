namespace LumbarBand.Core.Cueing
{
    /// <summary>Per-stride sway ranges the sway rule judges (<see cref="Configuration.SettingId.SwayAxes"/>), as bits.</summary>
    [System.Flags]
    public enum SwayAxes : byte
    {
        /// <summary>None.</summary>
        None = 0,

        /// <summary>Mediolateral tilt range (roll).</summary>
        Mediolateral = 1,

        /// <summary>Anteroposterior tilt range (pitch).</summary>
        Anteroposterior = 2,

        /// <summary>Transverse rotation range (yaw about the walking direction).</summary>
        Rotation = 4,

        /// <summary>All three.</summary>
        All = Mediolateral | Anteroposterior | Rotation,
    }
}
