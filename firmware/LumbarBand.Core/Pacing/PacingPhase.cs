namespace LumbarBand.Core.Pacing
{
    /// <summary>Where a walk stands in its plan (<see cref="WalkingPacer.Phase"/>).</summary>
    public enum PacingPhase : byte
    {
        /// <summary>No walk under way (or no plan): the next walking starts stretch 1.</summary>
        Idle = 0,

        /// <summary>A stretch is under way and its walking time not yet reached (short stops pause its clock).</summary>
        Walking = 1,

        /// <summary>The stretch's walking time was reached and "time to rest" played; its rest has not yet been taken.</summary>
        RestDue = 2,

        /// <summary>A rest between stretches is over ("ready to go" played); the next walking starts the next stretch.</summary>
        Rested = 3,

        /// <summary>The plan's last stretch is over; the band stays silent until the walk ends.</summary>
        Done = 4,
    }
}
