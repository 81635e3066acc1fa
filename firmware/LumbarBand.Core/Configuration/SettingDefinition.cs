namespace LumbarBand.Core.Configuration
{
    /// <summary>One row of <see cref="SettingCatalog"/>: a setting's wire id, name, unit, default and allowed range.</summary>
    public struct SettingDefinition
    {
        /// <summary>The setting's stable wire id.</summary>
        public SettingId Id;

        /// <summary>Its name on hosts and in messages, snake_case with the unit as suffix (e.g. "flexion_dwell_ms").</summary>
        public string Name;

        /// <summary>Unit of the value.</summary>
        public SettingUnit Unit;

        /// <summary>Value of a new band.</summary>
        public int Default;

        /// <summary>Smallest allowed value (inclusive).</summary>
        public int Min;

        /// <summary>Largest allowed value (inclusive).</summary>
        public int Max;

        /// <summary>True when <paramref name="value"/> is within [<see cref="Min"/>, <see cref="Max"/>].</summary>
        public bool Allows(int value)
        {
            return value >= Min && value <= Max;
        }
    }
}
