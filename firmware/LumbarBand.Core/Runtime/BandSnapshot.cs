using LumbarBand.Core.Session;

namespace LumbarBand.Core.Runtime
{
    /// <summary>
    /// What the band's state looks like to the other threads: the fields of the status message and of the open session's
    /// list entry that come from <see cref="Band"/> and its <see cref="SessionRecorder"/>, copied by the sampling thread
    /// (<see cref="Capture"/>) and read elsewhere through <see cref="BandCommandChannel.ReadSnapshot"/>, so nothing but
    /// the sampling thread ever reads the band itself. At most one drain period (40 ms on the band) old.
    /// </summary>
    public sealed class BandSnapshot
    {
        /// <summary>Device uptime when captured, microseconds.</summary>
        public long CapturedUs;

        /// <summary>True inside a confirmed walking bout (<see cref="Band.IsWalking"/>).</summary>
        public bool Walking;

        /// <summary>True while the recorder has a session open.</summary>
        public bool SessionOpen;

        /// <summary>True once a neutral posture was captured.</summary>
        public bool Calibrated;

        /// <summary>True while the UTC clock is set.</summary>
        public bool ClockSet;

        /// <summary>Excessive-motion conditions, the status's bits (<see cref="SessionRecorder.ExcessiveConditions"/>).</summary>
        public int Conditions;

        /// <summary>Battery level the recorder holds, percent, or <see cref="SessionUnits.UnknownBattery"/>.</summary>
        public int BatteryPercent;

        /// <summary>Steps of the open session, or since power-on when none is open.</summary>
        public int Steps;

        /// <summary>Cadence, centi-steps per minute.</summary>
        public int CadenceCentiStepsPerMinute;

        /// <summary>Cues of the open session.</summary>
        public int Cues;

        /// <summary>True once a posture sample was seen.</summary>
        public bool PostureKnown;

        /// <summary>Latest flexion, centidegrees.</summary>
        public int FlexionCentidegrees;

        /// <summary>Latest lateral bend, centidegrees.</summary>
        public int LateralBendCentidegrees;

        /// <summary>Start of the open session, device µs.</summary>
        public long SessionStartUs;

        /// <summary>Walking time in the open session up to <see cref="CapturedUs"/>, µs.</summary>
        public long SessionWalkingUs;

        /// <summary>Start of the open session, UTC seconds (0 while the clock was unset).</summary>
        public uint SessionStartUtcSeconds;

        /// <summary>Copies the band's state at <paramref name="nowUs"/> (the sampling thread only).</summary>
        public void Capture(Band band, SessionRecorder recorder, long nowUs)
        {
            bool open = recorder.IsSessionOpen;
            CapturedUs = nowUs;
            Walking = band.IsWalking;
            SessionOpen = open;
            Calibrated = band.Neutral.IsCaptured;
            ClockSet = recorder.Clock.IsSet;
            Conditions = recorder.ExcessiveConditions;
            BatteryPercent = recorder.BatteryPercent;
            Steps = open ? recorder.SessionSteps : band.TotalSteps;
            CadenceCentiStepsPerMinute = band.CadenceCentiStepsPerMinute;
            Cues = recorder.SessionCues;
            PostureKnown = recorder.PostureKnown;
            FlexionCentidegrees = recorder.LastFlexionCentidegrees;
            LateralBendCentidegrees = recorder.LastLateralBendCentidegrees;
            SessionStartUs = recorder.SessionStartUs;
            SessionWalkingUs = recorder.SessionWalkingUs(nowUs);
            SessionStartUtcSeconds = recorder.SessionStartUtcSeconds;
        }

        /// <summary>Copies every field of <paramref name="other"/>.</summary>
        public void CopyFrom(BandSnapshot other)
        {
            CapturedUs = other.CapturedUs;
            Walking = other.Walking;
            SessionOpen = other.SessionOpen;
            Calibrated = other.Calibrated;
            ClockSet = other.ClockSet;
            Conditions = other.Conditions;
            BatteryPercent = other.BatteryPercent;
            Steps = other.Steps;
            CadenceCentiStepsPerMinute = other.CadenceCentiStepsPerMinute;
            Cues = other.Cues;
            PostureKnown = other.PostureKnown;
            FlexionCentidegrees = other.FlexionCentidegrees;
            LateralBendCentidegrees = other.LateralBendCentidegrees;
            SessionStartUs = other.SessionStartUs;
            SessionWalkingUs = other.SessionWalkingUs;
            SessionStartUtcSeconds = other.SessionStartUtcSeconds;
        }
    }
}
