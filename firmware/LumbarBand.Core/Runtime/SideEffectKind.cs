namespace LumbarBand.Core.Runtime
{
    /// <summary>The commands that cross between the band's threads through a <see cref="SideEffectQueue"/>.</summary>
    public enum SideEffectKind
    {
        /// <summary>Sampling → control: set the motor to the value, percent duty (0 off).</summary>
        MotorDuty = 1,

        /// <summary>Control → sampling: a short press (pain marker); the value is unused (the sampling thread stamps it).</summary>
        GesturePress = 10,

        /// <summary>Control → sampling: double press (snooze).</summary>
        GestureDoublePress = 11,

        /// <summary>Control → sampling: long press (recapture neutral posture).</summary>
        GestureLongPress = 12,

        /// <summary>Control → sampling: triple press (pairing window opened: acknowledge it).</summary>
        GestureTriplePress = 13,

        /// <summary>Control → sampling: the band captured a neutral posture (acknowledge it with pulses).</summary>
        NeutralCaptured = 14,
    }
}
