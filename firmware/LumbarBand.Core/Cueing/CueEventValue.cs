namespace LumbarBand.Core.Cueing
{
    /// <summary>
    /// The <see cref="BandEvent.Value"/> of a <see cref="BandEventKind.Cue"/>: bits 0–7 the <see cref="CueRule"/>,
    /// bits 8–11 the pattern level (1–3), bit 12 set when the motor played it (training mode), clear when it was only
    /// recorded (tracking mode, or a walking-plan pattern held the motor).
    /// </summary>
    public static class CueEventValue
    {
        private const int RuleMask = 0xFF;
        private const int LevelShift = 8;
        private const int LevelMask = 0xF;
        private const int DeliveredBit = 1 << 12;

        /// <summary>Packs a cue's rule, level and whether it was played.</summary>
        public static int Pack(CueRule rule, int level, bool delivered)
        {
            return (int)rule | ((level & LevelMask) << LevelShift) | (delivered ? DeliveredBit : 0);
        }

        /// <summary>The rule of a packed cue.</summary>
        public static CueRule Rule(int value)
        {
            return (CueRule)(value & RuleMask);
        }

        /// <summary>The pattern level of a packed cue.</summary>
        public static int Level(int value)
        {
            return (value >> LevelShift) & LevelMask;
        }

        /// <summary>True when the motor played the cue.</summary>
        public static bool Delivered(int value)
        {
            return (value & DeliveredBit) != 0;
        }
    }
}
