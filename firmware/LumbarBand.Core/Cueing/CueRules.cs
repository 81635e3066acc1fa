namespace LumbarBand.Core.Cueing
{
    /// <summary>Names of <see cref="CueRule"/>s, as hosts print them (e.g. the <c>rule</c> of a cue in <c>analyze --json</c>).</summary>
    public static class CueRules
    {
        /// <summary>Highest rule value; arrays indexed by rule have this + 1 slots.</summary>
        public const int Last = (int)CueRule.Sway;

        /// <summary>"flexion", "lateral_lean", "sway", or "none".</summary>
        public static string Name(CueRule rule)
        {
            switch (rule)
            {
                case CueRule.Flexion: return "flexion";
                case CueRule.LateralLean: return "lateral_lean";
                case CueRule.Sway: return "sway";
                default: return "none";
            }
        }
    }
}
