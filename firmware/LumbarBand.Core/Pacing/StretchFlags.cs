namespace LumbarBand.Core.Pacing
{
    /// <summary>Bits of <see cref="Stretch.Flags"/> (stored in the session's stretch records; values are stable).</summary>
    public static class StretchFlags
    {
        /// <summary>The stretch's walked time reached the plan ("time to rest" played).</summary>
        public const int ReachedPlan = 1;

        /// <summary>The pain marker was pressed during the stretch (its walking or its rest).</summary>
        public const int Pain = 2;

        /// <summary>The pain marker was pressed before the stretch's walked time reached the plan.</summary>
        public const int PainBeforePlan = 4;

        /// <summary>The rest after the stretch lasted the planned rest (clear: walking resumed before it was over).</summary>
        public const int RestComplete = 8;

        /// <summary>The plan's last stretch of the walk.</summary>
        public const int Last = 16;
    }
}
