namespace LumbarBand.Core.Configuration
{
    /// <summary>The unit of a setting's integer value (see <see cref="SettingCatalog.UnitSymbol"/>).</summary>
    public enum SettingUnit : byte
    {
        /// <summary>0 off, 1 on.</summary>
        Flag = 0,

        /// <summary>One of a few numbered choices (an enum such as <see cref="Cueing.CueMode"/>).</summary>
        Choice = 1,

        /// <summary>A set of bits (such as <see cref="Cueing.SwayAxes"/>).</summary>
        Bits = 2,

        /// <summary>Hundredths of a degree.</summary>
        Centidegrees = 3,

        /// <summary>Milliseconds.</summary>
        Milliseconds = 4,

        /// <summary>Seconds.</summary>
        Seconds = 5,

        /// <summary>Percent.</summary>
        Percent = 6,

        /// <summary>Strides (two steps each).</summary>
        Strides = 7,

        /// <summary>Cues.</summary>
        Cues = 8,

        /// <summary>A haptic pattern level, 1 (gentle) to 3 (strong).</summary>
        Level = 9,

        /// <summary>Stretches of a walking plan (walking between two rests).</summary>
        Stretches = 10,

        /// <summary>Centimetres (a body length, such as the wearer's height).</summary>
        Centimetres = 11,
    }
}
