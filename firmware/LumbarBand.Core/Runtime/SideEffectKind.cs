namespace LumbarBand.Core.Runtime
{
    /// <summary>The commands that cross between the band's threads through a <see cref="SideEffectQueue"/>.</summary>
    public enum SideEffectKind
    {
        /// <summary>Sampling → control: set the motor to the value, percent duty (0 off).</summary>
        MotorDuty = 1,

        /// <summary>Control → sampling: a button gesture happened at the value, ms (the gesture is the kind's offset).</summary>
        GesturePress = 10,

        /// <summary>Control → sampling: double press (snooze).</summary>
        GestureDoublePress = 11,

        /// <summary>Control → sampling: long press (recapture neutral posture).</summary>
        GestureLongPress = 12,

        /// <summary>Control → sampling: triple press (pairing window opened: acknowledge it).</summary>
        GestureTriplePress = 13,
    }
}
