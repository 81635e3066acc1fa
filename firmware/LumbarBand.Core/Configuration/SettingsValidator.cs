namespace LumbarBand.Core.Configuration
{
    /// <summary>
    /// Decides whether settings may be used: every value within its range, and related values consistent with each
    /// other. Reports the first problem found, never adjusts anything.
    /// </summary>
    public static class SettingsValidator
    {
        /// <summary>
        /// The first problem of <paramref name="settings"/>: a value outside its range
        /// (<see cref="SettingsErrorCode.OutOfRange"/>, in id order) or a contradiction between two settings
        /// (<see cref="SettingsErrorCode.Inconsistent"/>); <see cref="SettingsError.Ok"/> when there is none.
        /// </summary>
        public static SettingsError Validate(BandSettings settings)
        {

            for (int id = 1; id <= SettingCatalog.Count; id++)
            {
                SettingDefinition d;
                SettingCatalog.TryGet(id, out d);
                int value = settings.Get(d.Id);
                if (!d.Allows(value))
                {
                    return SettingsError.OutOfRange(d, value);
                }
            }

            // A hysteresis as wide as its threshold would never let the condition clear.
            SettingsError e = BelowOther(settings, SettingId.FlexionHysteresisCentidegrees, SettingId.FlexionThresholdCentidegrees);
            if (!e.IsOk)
            {
                return e;
            }

            e = BelowOther(settings, SettingId.LateralHysteresisCentidegrees, SettingId.LateralThresholdCentidegrees);
            if (!e.IsOk)
            {
                return e;
            }

            // M of the last N strides: M cannot exceed N.
            int over = settings.SwayStridesOverLimit;
            int window = settings.SwayStrideWindow;
            if (over > window)
            {
                return SettingsError.Inconsistent(SettingId.SwayStridesOverLimit, SettingId.SwayStrideWindow, over, 1, window);
            }

            // Escalation climbs from the start level; it cannot top out below it.
            int start = settings.CueStartLevel;
            int max = settings.EscalationMaxLevel;
            if (max < start)
            {
                SettingDefinition d = SettingCatalog.Get(SettingId.EscalationMaxLevel);
                return SettingsError.Inconsistent(SettingId.EscalationMaxLevel, SettingId.CueStartLevel, max, start, d.Max);
            }

            // A rest as long as the idle end would end the walk (the session) on the park bench.
            if (settings.PlanActive)
            {
                e = BelowOther(settings, SettingId.PlanRestSeconds, SettingId.SessionEndIdleSeconds);
                if (!e.IsOk)
                {
                    return e;
                }
            }

            return SettingsError.Ok;
        }

        private static SettingsError BelowOther(BandSettings settings, SettingId setting, SettingId other)
        {
            int value = settings.Get(setting);
            int limit = settings.Get(other);
            if (value >= limit)
            {
                SettingDefinition d = SettingCatalog.Get(setting);
                return SettingsError.Inconsistent(setting, other, value, d.Min, limit - 1);
            }

            return SettingsError.Ok;
        }
    }
}
