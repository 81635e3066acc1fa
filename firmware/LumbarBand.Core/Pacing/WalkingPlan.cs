using LumbarBand.Core.Configuration;

namespace LumbarBand.Core.Pacing
{
    /// <summary>
    /// The walking plan in force, read from <see cref="BandSettings"/> (<see cref="SettingId.PlanActive"/> and the
    /// settings after it): walking time per stretch, rest between stretches, stretches per walk, and whether the
    /// "ready to go" pattern plays. Times are held in microseconds of device time, as the pacer counts them.
    /// </summary>
    public sealed class WalkingPlan
    {
        private const long MicrosPerSecond = 1000000;

        /// <summary>True when a plan paces the walks.</summary>
        public bool Active;

        /// <summary>Walking time of one stretch, microseconds of confirmed walking.</summary>
        public long WalkUs;

        /// <summary>Rest between stretches, microseconds without walking.</summary>
        public long RestUs;

        /// <summary>Stretches per walk.</summary>
        public int Stretches;

        /// <summary>True when the end of a rest plays "ready to go".</summary>
        public bool ReadyCue;

        /// <summary>Walking time of one stretch, seconds (as set).</summary>
        public int WalkSeconds { get { return (int)(WalkUs / MicrosPerSecond); } }

        /// <summary>Rest between stretches, seconds (as set).</summary>
        public int RestSeconds { get { return (int)(RestUs / MicrosPerSecond); } }

        /// <summary>Takes the plan of <paramref name="settings"/> (valid settings: the band validates first).</summary>
        public void Load(BandSettings settings)
        {
            Active = settings.PlanActive;
            WalkUs = settings.PlanWalkSeconds * MicrosPerSecond;
            RestUs = settings.PlanRestSeconds * MicrosPerSecond;
            Stretches = settings.PlanStretches;
            ReadyCue = settings.PlanReadyCue;
        }

        /// <summary>True when <paramref name="settings"/> hold this same plan.</summary>
        public bool SameAs(BandSettings settings)
        {
            return Active == settings.PlanActive && WalkUs == settings.PlanWalkSeconds * MicrosPerSecond
                && RestUs == settings.PlanRestSeconds * MicrosPerSecond && Stretches == settings.PlanStretches
                && ReadyCue == settings.PlanReadyCue;
        }
    }
}
