using LumbarBand.Core.Cueing;

namespace LumbarBand.Core.Pacing
{
    /// <summary>
    /// The walking plan's two vibration patterns, made unlike every posture cue (<see cref="HapticPatterns"/>: two or
    /// three pulses of 200–500 ms) so the wearer never mistakes "rest now" for "straighten up".
    /// </summary>
    /// <remarks>
    /// Distinct by rhythm and pulse length, the cues a walker tells apart most reliably (Brown, Brewster &amp; Purchase
    /// 2006, "Multidimensional tactons for non-visual information presentation in mobile devices", MobileHCI: rhythm
    /// identified far better than roughness); both at full or near-full duty, since walking lowers detection
    /// (Karuei et al. 2011).
    /// </remarks>
    public static class PacingPatterns
    {
        /// <summary>"Time to rest": two long 1 s pulses, 400 ms apart, at full duty (2.4 s) — twice the longest cue pulse.</summary>
        public static readonly HapticPattern Rest = new HapticPattern(100, new int[] { 1000, 400, 1000 });

        /// <summary>"Ready to go": four quick 120 ms taps, 120 ms apart, at 85% (0.84 s) — more and shorter pulses than any cue.</summary>
        public static readonly HapticPattern Ready = new HapticPattern(85, new int[] { 120, 120, 120, 120, 120, 120, 120 });
    }
}
