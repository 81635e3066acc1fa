namespace LumbarBand.Core.Cueing
{
    /// <summary>What an update did to a rule's sustained-excess condition.</summary>
    public enum ConditionChange : byte
    {
        /// <summary>Nothing changed.</summary>
        None = 0,

        /// <summary>The condition became sustained (dwell or stride window met).</summary>
        Started = 1,

        /// <summary>The condition cleared (below the hysteresis threshold, or the rule stopped judging).</summary>
        Ended = 2,
    }
}
