namespace LumbarBand.Core.Pacing
{
    /// <summary>
    /// One finished stretch of a planned walk, as the pacer hands it on (<see cref="WalkingPacer.LastStretch"/>) for
    /// the session to record: its plan, when it began and when its walking ended (device time, microseconds), the
    /// confirmed walking and the rest it had, its steps, and <see cref="StretchFlags"/>.
    /// </summary>
    public sealed class Stretch
    {
        /// <summary>Number of the stretch within its walk, from 1.</summary>
        public int Number;

        /// <summary><see cref="StretchFlags"/> bits.</summary>
        public int Flags;

        /// <summary>Planned walking time, seconds.</summary>
        public int PlannedWalkSeconds;

        /// <summary>Planned rest after it, seconds.</summary>
        public int PlannedRestSeconds;

        /// <summary>Device time of its first walking (a confirmed bout's start), microseconds.</summary>
        public long StartUs;

        /// <summary>Device time at which its last walking ended, microseconds.</summary>
        public long WalkEndUs;

        /// <summary>Confirmed walking in it, microseconds (short stops not counted).</summary>
        public long WalkedUs;

        /// <summary>Rest taken after it, microseconds: the planned rest when <see cref="StretchFlags.RestComplete"/>, else the stop until walking resumed.</summary>
        public long RestUs;

        /// <summary>Steps counted in it.</summary>
        public int Steps;

        /// <summary>Copies every field of <paramref name="other"/>.</summary>
        public void CopyFrom(Stretch other)
        {
            Number = other.Number;
            Flags = other.Flags;
            PlannedWalkSeconds = other.PlannedWalkSeconds;
            PlannedRestSeconds = other.PlannedRestSeconds;
            StartUs = other.StartUs;
            WalkEndUs = other.WalkEndUs;
            WalkedUs = other.WalkedUs;
            RestUs = other.RestUs;
            Steps = other.Steps;
        }
    }
}
