namespace LumbarBand.Core.Cueing
{
    /// <summary>
    /// The <see cref="BandEvent.Value"/> of <see cref="BandEventKind.ExcessiveMotionStart"/> and
    /// <see cref="BandEventKind.ExcessiveMotionEnd"/>: bits 0–7 the <see cref="CueRule"/>, bits 8–30 a time in
    /// tenths of a second (saturating at about 9.7 days). For a start, the time since the condition's onset (its
    /// dwell); for an end, the episode's whole duration from the onset. Time in excessive motion is the sum of the
    /// ends' durations, plus, for an episode still open, the time since its start event minus the start's age.
    /// </summary>
    public static class ExcessiveMotionValue
    {
        /// <summary>Microseconds per unit of the packed time (a tenth of a second).</summary>
        public const int UnitUs = 100000;

        private const int RuleMask = 0xFF;
        private const int TimeShift = 8;
        private const int MaxTenths = (1 << 23) - 1;

        /// <summary>Packs a rule and a duration in microseconds.</summary>
        public static int Pack(CueRule rule, long durationUs)
        {
            long tenths = durationUs / UnitUs;
            if (tenths > MaxTenths)
            {
                tenths = MaxTenths;
            }
            else if (tenths < 0)
            {
                tenths = 0;
            }

            return (int)rule | ((int)tenths << TimeShift);
        }

        /// <summary>The rule of a packed value.</summary>
        public static CueRule Rule(int value)
        {
            return (CueRule)(value & RuleMask);
        }

        /// <summary>The packed duration in tenths of a second.</summary>
        public static int Tenths(int value)
        {
            return (value >> TimeShift) & MaxTenths;
        }
    }
}
