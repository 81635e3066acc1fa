namespace LumbarBand.Core.Cueing
{
    /// <summary>
    /// The cue patterns, by level: escalation moves up a level when a condition persists after a cue.
    /// </summary>
    /// <remarks>
    /// <para>Pulsed rather than continuous, and each pulse some hundreds of milliseconds: vibrotactile detection
    /// improves with stimulus duration up to about a second (temporal summation, Verrillo 1965, J Acoust Soc Am
    /// 37:843–846), walking lowers detection rates (Karuei et al. 2011, CHI "Detecting vibrations across the body in mobile
    /// contexts"), and the skin adapts to a steady buzz, while a rhythm of pulses reads as a signal (Jones &amp;
    /// Sarter 2008, Hum Factors 50:90–111) and stands apart from the jolts of the wearer's own steps. Each level is stronger in three ways at once: more pulses, longer pulses,
    /// higher duty.</para>
    /// <para>The gentle level is not weak: 70% duty keeps an eccentric-mass motor well above the ~30–40% at which
    /// small coin motors stall, since a buzz too weak to feel is a reason peers are abandoned.</para>
    /// </remarks>
    public static class HapticPatterns
    {
        /// <summary>Lowest level.</summary>
        public const int MinLevel = 1;

        /// <summary>Highest level.</summary>
        public const int MaxLevel = 3;

        /// <summary>Level 1: two 200 ms pulses, 150 ms apart, at 70% (0.55 s): a tap on the back.</summary>
        public static readonly HapticPattern Gentle = new HapticPattern(70, new int[] { 200, 150, 200 });

        /// <summary>Level 2: three 300 ms pulses, 150 ms apart, at 85% (1.2 s).</summary>
        public static readonly HapticPattern Firm = new HapticPattern(85, new int[] { 300, 150, 300, 150, 300 });

        /// <summary>Level 3: three 500 ms pulses, 200 ms apart, at full duty (1.9 s).</summary>
        public static readonly HapticPattern Strong = new HapticPattern(100, new int[] { 500, 200, 500, 200, 500 });

        /// <summary>The pattern of <paramref name="level"/>, 1–3 (below 1: gentle; above 3: strong).</summary>
        public static HapticPattern ForLevel(int level)
        {
            if (level <= 1)
            {
                return Gentle;
            }

            return level == 2 ? Firm : Strong;
        }
    }
}
