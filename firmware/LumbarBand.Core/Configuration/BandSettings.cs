namespace LumbarBand.Core.Configuration
{
    /// <summary>
    /// The band's one configuration object: a value for every <see cref="SettingId"/>, starting at the defaults of
    /// <see cref="SettingCatalog"/>. <see cref="Set"/> rejects a value outside its range (never clamps); whether the
    /// settings as a whole are consistent is <see cref="SettingsValidator.Validate"/>'s job, and stages accept only
    /// validated settings (see <see cref="Cueing.CueEngine.Configure"/>). Stored and sent as bytes by
    /// <see cref="SettingsCodec"/>.
    /// </summary>
    public sealed class BandSettings
    {
        private readonly int[] _values = new int[SettingCatalog.Count];

        /// <summary>Creates settings holding every default.</summary>
        public BandSettings()
        {
            ResetToDefaults();
        }

        /// <summary>Creates a copy of <paramref name="other"/>.</summary>
        public BandSettings(BandSettings other)
        {
            CopyFrom(other);
        }

        /// <summary>Sets every setting to its default.</summary>
        public void ResetToDefaults()
        {
            for (int id = 1; id <= SettingCatalog.Count; id++)
            {
                SettingDefinition d;
                SettingCatalog.TryGet(id, out d);
                _values[id - 1] = d.Default;
            }
        }

        /// <summary>Copies every value of <paramref name="other"/>.</summary>
        public void CopyFrom(BandSettings other)
        {

            for (int i = 0; i < _values.Length; i++)
            {
                _values[i] = other._values[i];
            }
        }

        /// <summary>True when every value equals that of <paramref name="other"/>.</summary>
        public bool SameAs(BandSettings other)
        {
            if (other == null)
            {
                return false;
            }

            for (int i = 0; i < _values.Length; i++)
            {
                if (_values[i] != other._values[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The value of setting <paramref name="id"/>; throws <see cref="System.ArgumentException"/> for an unknown id.</summary>
        public int Get(SettingId id)
        {
            int index = (int)id - 1;
            if (index < 0 || index >= _values.Length)
            {
                throw new System.ArgumentException("unknown setting id", nameof(id));
            }

            return _values[index];
        }

        /// <summary>
        /// Sets one value if it is within the setting's range; otherwise leaves the settings unchanged and returns
        /// why (<see cref="SettingsErrorCode.OutOfRange"/> with the range, or <see cref="SettingsErrorCode.UnknownSetting"/>).
        /// Consistency with other settings is checked by <see cref="SettingsValidator.Validate"/>, so related values
        /// can be changed one after the other.
        /// </summary>
        public SettingsError Set(SettingId id, int value)
        {
            SettingDefinition d;
            if (!SettingCatalog.TryGet((int)id, out d))
            {
                SettingsError unknown = new SettingsError();
                unknown.Code = SettingsErrorCode.UnknownSetting;
                unknown.Value = (int)id;
                return unknown;
            }

            if (!d.Allows(value))
            {
                return SettingsError.OutOfRange(d, value);
            }

            _values[(int)id - 1] = value;
            return SettingsError.Ok;
        }

        /// <summary>Sets a value without any check: for the codec, which validates the whole result itself.</summary>
        internal void SetUnchecked(int id, int value)
        {
            _values[id - 1] = value;
        }

        /// <summary><see cref="SettingId.CueMode"/>.</summary>
        public Cueing.CueMode CueMode { get { return (Cueing.CueMode)Get(SettingId.CueMode); } }

        /// <summary><see cref="SettingId.WalkingOnly"/>.</summary>
        public bool WalkingOnly { get { return Get(SettingId.WalkingOnly) != 0; } }

        /// <summary><see cref="SettingId.FlexionRuleEnabled"/>.</summary>
        public bool FlexionRuleEnabled { get { return Get(SettingId.FlexionRuleEnabled) != 0; } }

        /// <summary><see cref="SettingId.FlexionThresholdCentidegrees"/>.</summary>
        public int FlexionThresholdCentidegrees { get { return Get(SettingId.FlexionThresholdCentidegrees); } }

        /// <summary><see cref="SettingId.FlexionHysteresisCentidegrees"/>.</summary>
        public int FlexionHysteresisCentidegrees { get { return Get(SettingId.FlexionHysteresisCentidegrees); } }

        /// <summary><see cref="SettingId.FlexionDwellMs"/>.</summary>
        public int FlexionDwellMs { get { return Get(SettingId.FlexionDwellMs); } }

        /// <summary><see cref="SettingId.LateralRuleEnabled"/>.</summary>
        public bool LateralRuleEnabled { get { return Get(SettingId.LateralRuleEnabled) != 0; } }

        /// <summary><see cref="SettingId.LateralThresholdCentidegrees"/>.</summary>
        public int LateralThresholdCentidegrees { get { return Get(SettingId.LateralThresholdCentidegrees); } }

        /// <summary><see cref="SettingId.LateralHysteresisCentidegrees"/>.</summary>
        public int LateralHysteresisCentidegrees { get { return Get(SettingId.LateralHysteresisCentidegrees); } }

        /// <summary><see cref="SettingId.LateralDwellMs"/>.</summary>
        public int LateralDwellMs { get { return Get(SettingId.LateralDwellMs); } }

        /// <summary><see cref="SettingId.SwayRuleEnabled"/>.</summary>
        public bool SwayRuleEnabled { get { return Get(SettingId.SwayRuleEnabled) != 0; } }

        /// <summary><see cref="SettingId.SwayLimitMode"/>.</summary>
        public Cueing.SwayLimitMode SwayLimitMode { get { return (Cueing.SwayLimitMode)Get(SettingId.SwayLimitMode); } }

        /// <summary><see cref="SettingId.SwayAxes"/>.</summary>
        public Cueing.SwayAxes SwayAxes { get { return (Cueing.SwayAxes)Get(SettingId.SwayAxes); } }

        /// <summary><see cref="SettingId.SwayRelativeLimitPercent"/>.</summary>
        public int SwayRelativeLimitPercent { get { return Get(SettingId.SwayRelativeLimitPercent); } }

        /// <summary><see cref="SettingId.SwayMinimumExcessCentidegrees"/>.</summary>
        public int SwayMinimumExcessCentidegrees { get { return Get(SettingId.SwayMinimumExcessCentidegrees); } }

        /// <summary><see cref="SettingId.SwayMediolateralLimitCentidegrees"/>.</summary>
        public int SwayMediolateralLimitCentidegrees { get { return Get(SettingId.SwayMediolateralLimitCentidegrees); } }

        /// <summary><see cref="SettingId.SwayAnteroposteriorLimitCentidegrees"/>.</summary>
        public int SwayAnteroposteriorLimitCentidegrees { get { return Get(SettingId.SwayAnteroposteriorLimitCentidegrees); } }

        /// <summary><see cref="SettingId.SwayRotationLimitCentidegrees"/>.</summary>
        public int SwayRotationLimitCentidegrees { get { return Get(SettingId.SwayRotationLimitCentidegrees); } }

        /// <summary><see cref="SettingId.SwayStridesOverLimit"/> (M).</summary>
        public int SwayStridesOverLimit { get { return Get(SettingId.SwayStridesOverLimit); } }

        /// <summary><see cref="SettingId.SwayStrideWindow"/> (N).</summary>
        public int SwayStrideWindow { get { return Get(SettingId.SwayStrideWindow); } }

        /// <summary><see cref="SettingId.SwayHysteresisPercent"/>.</summary>
        public int SwayHysteresisPercent { get { return Get(SettingId.SwayHysteresisPercent); } }

        /// <summary><see cref="SettingId.SwayBaselineStrides"/>.</summary>
        public int SwayBaselineStrides { get { return Get(SettingId.SwayBaselineStrides); } }

        /// <summary><see cref="SettingId.SwayBaselineSkipStrides"/>.</summary>
        public int SwayBaselineSkipStrides { get { return Get(SettingId.SwayBaselineSkipStrides); } }

        /// <summary><see cref="SettingId.CooldownMs"/>.</summary>
        public int CooldownMs { get { return Get(SettingId.CooldownMs); } }

        /// <summary><see cref="SettingId.MaxCuesPerTenMinutes"/>.</summary>
        public int MaxCuesPerTenMinutes { get { return Get(SettingId.MaxCuesPerTenMinutes); } }

        /// <summary><see cref="SettingId.RepeatAfterMs"/>.</summary>
        public int RepeatAfterMs { get { return Get(SettingId.RepeatAfterMs); } }

        /// <summary><see cref="SettingId.CueStartLevel"/>.</summary>
        public int CueStartLevel { get { return Get(SettingId.CueStartLevel); } }

        /// <summary><see cref="SettingId.EscalationMaxLevel"/>.</summary>
        public int EscalationMaxLevel { get { return Get(SettingId.EscalationMaxLevel); } }

        /// <summary><see cref="SettingId.SnoozeMs"/>.</summary>
        public int SnoozeMs { get { return Get(SettingId.SnoozeMs); } }

        /// <summary><see cref="SettingId.SessionEndIdleSeconds"/>.</summary>
        public int SessionEndIdleSeconds { get { return Get(SettingId.SessionEndIdleSeconds); } }

        /// <summary><see cref="SettingId.EpochSeconds"/>.</summary>
        public int EpochSeconds { get { return Get(SettingId.EpochSeconds); } }

        /// <summary><see cref="SettingId.PostureSettleMs"/>.</summary>
        public int PostureSettleMs { get { return Get(SettingId.PostureSettleMs); } }

        /// <summary><see cref="SettingId.PlanActive"/>.</summary>
        public bool PlanActive { get { return Get(SettingId.PlanActive) != 0; } }

        /// <summary><see cref="SettingId.PlanWalkSeconds"/>.</summary>
        public int PlanWalkSeconds { get { return Get(SettingId.PlanWalkSeconds); } }

        /// <summary><see cref="SettingId.PlanRestSeconds"/>.</summary>
        public int PlanRestSeconds { get { return Get(SettingId.PlanRestSeconds); } }

        /// <summary><see cref="SettingId.PlanStretches"/>.</summary>
        public int PlanStretches { get { return Get(SettingId.PlanStretches); } }

        /// <summary><see cref="SettingId.PlanReadyCue"/>.</summary>
        public bool PlanReadyCue { get { return Get(SettingId.PlanReadyCue) != 0; } }

        /// <summary><see cref="SettingId.WearerHeightCm"/>.</summary>
        public int WearerHeightCm { get { return Get(SettingId.WearerHeightCm); } }
    }
}
