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

        /// <summary>Control → sampling: the battery gauge's level, percent (the epochs record it).</summary>
        BatteryPercent = 15,

        /// <summary>Control → sampling (answered): set the band's UTC clock; the value is the UTC seconds (as uint bits).</summary>
        SetClock = 20,

        /// <summary>Control → sampling (answered): capture the neutral posture again (Busy while a capture is pending).</summary>
        StartCalibration = 21,

        /// <summary>Control → sampling (answered): play test cue pattern value (1–3) on the band's player.</summary>
        TestCue = 22,

        /// <summary>Control → sampling (answered): apply <see cref="BandCommandChannel.Settings"/> (already validated and persisted).</summary>
        ApplySettings = 23,

        /// <summary>
        /// Control → sampling (answered): the host erased the log: end the open session; answered with an
        /// <see cref="OutboxMark"/> (what to drop) and then <see cref="Answer"/>.
        /// </summary>
        EndSessionForErase = 24,

        /// <summary>
        /// Control → sampling: factory reset: apply <see cref="BandCommandChannel.Settings"/> (the defaults), end the
        /// open session, forget the clock; answered with an <see cref="OutboxMark"/> only (the response left before).
        /// </summary>
        FactoryReset = 25,

        /// <summary>Sampling → control: the answer to the last answered command; the value is its <see cref="Protocol.ErrorCode"/>.</summary>
        Answer = 40,

        /// <summary>
        /// Sampling → control: the outbox held <see cref="Session.SessionOutbox.Produced"/> = value entries when the session
        /// ended for an erase or reset: the writer drops those it has not written (they belong to the erased log).
        /// </summary>
        OutboxMark = 41,
    }
}
