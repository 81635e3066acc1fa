namespace LumbarBand.Core.Cueing
{
    /// <summary>The cue engine's rules. Values are stable: they are stored in events and sent over BLE.</summary>
    public enum CueRule : byte
    {
        /// <summary>No rule.</summary>
        None = 0,

        /// <summary>Rule 1: sustained trunk flexion beyond neutral + threshold.</summary>
        Flexion = 1,

        /// <summary>Rule 2: sustained lateral lean (either side) beyond a threshold.</summary>
        LateralLean = 2,

        /// <summary>Rule 3: excessive per-stride sway while walking, M of the last N strides over a limit.</summary>
        Sway = 3,
    }
}
