namespace LumbarBand.Core.Configuration
{
    /// <summary>
    /// The table of every setting: wire id, name, unit, default and allowed range (the reasons for each default are
    /// on the members of <see cref="SettingId"/>). Kept as code rather than a static array so that it costs the
    /// band's heap nothing; rows are looked up only when settings change.
    /// </summary>
    public static class SettingCatalog
    {
        /// <summary>Number of settings; their ids run densely from 1 to this.</summary>
        public const int Count = 38;

        /// <summary>Largest pattern level (see <see cref="Cueing.HapticPatterns"/>).</summary>
        private const int MaxLevel = 3;

        /// <summary>Finds the row of setting <paramref name="id"/>; false for an id this firmware does not know.</summary>
        public static bool TryGet(int id, out SettingDefinition definition)
        {
            switch (id)
            {
                case 1: return Row(out definition, SettingId.CueMode, "cue_mode", SettingUnit.Choice, 1, 0, 1);
                case 2: return Row(out definition, SettingId.WalkingOnly, "walking_only", SettingUnit.Flag, 1, 0, 1);
                case 3: return Row(out definition, SettingId.FlexionRuleEnabled, "flexion_rule_enabled", SettingUnit.Flag, 1, 0, 1);
                case 4: return Row(out definition, SettingId.FlexionThresholdCentidegrees, "flexion_threshold_cdeg", SettingUnit.Centidegrees, 2000, 500, 6000);
                case 5: return Row(out definition, SettingId.FlexionHysteresisCentidegrees, "flexion_hysteresis_cdeg", SettingUnit.Centidegrees, 500, 0, 2000);
                case 6: return Row(out definition, SettingId.FlexionDwellMs, "flexion_dwell_ms", SettingUnit.Milliseconds, 5000, 1000, 120000);
                case 7: return Row(out definition, SettingId.LateralRuleEnabled, "lateral_rule_enabled", SettingUnit.Flag, 1, 0, 1);
                case 8: return Row(out definition, SettingId.LateralThresholdCentidegrees, "lateral_threshold_cdeg", SettingUnit.Centidegrees, 1000, 300, 4500);
                case 9: return Row(out definition, SettingId.LateralHysteresisCentidegrees, "lateral_hysteresis_cdeg", SettingUnit.Centidegrees, 300, 0, 1500);
                case 10: return Row(out definition, SettingId.LateralDwellMs, "lateral_dwell_ms", SettingUnit.Milliseconds, 5000, 1000, 120000);
                case 11: return Row(out definition, SettingId.SwayRuleEnabled, "sway_rule_enabled", SettingUnit.Flag, 1, 0, 1);
                case 12: return Row(out definition, SettingId.SwayLimitMode, "sway_limit_mode", SettingUnit.Choice, 0, 0, 1);
                case 13: return Row(out definition, SettingId.SwayAxes, "sway_axes", SettingUnit.Bits, 7, 1, 7);
                case 14: return Row(out definition, SettingId.SwayRelativeLimitPercent, "sway_relative_limit_pct", SettingUnit.Percent, 150, 110, 400);
                case 15: return Row(out definition, SettingId.SwayMinimumExcessCentidegrees, "sway_min_excess_cdeg", SettingUnit.Centidegrees, 200, 0, 2000);
                case 16: return Row(out definition, SettingId.SwayMediolateralLimitCentidegrees, "sway_ml_limit_cdeg", SettingUnit.Centidegrees, 800, 100, 9000);
                case 17: return Row(out definition, SettingId.SwayAnteroposteriorLimitCentidegrees, "sway_ap_limit_cdeg", SettingUnit.Centidegrees, 1000, 100, 9000);
                case 18: return Row(out definition, SettingId.SwayRotationLimitCentidegrees, "sway_rotation_limit_cdeg", SettingUnit.Centidegrees, 2000, 100, 9000);
                case 19: return Row(out definition, SettingId.SwayStridesOverLimit, "sway_strides_over_limit", SettingUnit.Strides, 6, 1, Cueing.SwayRule.MaxWindowStrides);
                case 20: return Row(out definition, SettingId.SwayStrideWindow, "sway_stride_window", SettingUnit.Strides, 10, 1, Cueing.SwayRule.MaxWindowStrides);
                case 21: return Row(out definition, SettingId.SwayHysteresisPercent, "sway_hysteresis_pct", SettingUnit.Percent, 20, 0, 50);
                case 22: return Row(out definition, SettingId.SwayBaselineStrides, "sway_baseline_strides", SettingUnit.Strides, 60, 10, 250);
                case 23: return Row(out definition, SettingId.SwayBaselineSkipStrides, "sway_baseline_skip_strides", SettingUnit.Strides, 5, 0, 50);
                case 24: return Row(out definition, SettingId.CooldownMs, "cooldown_ms", SettingUnit.Milliseconds, 30000, 5000, 600000);
                case 25: return Row(out definition, SettingId.MaxCuesPerTenMinutes, "max_cues_per_10_min", SettingUnit.Cues, 6, 1, Cueing.CueRateLimiter.MaxCapCapacity);
                case 26: return Row(out definition, SettingId.RepeatAfterMs, "repeat_after_ms", SettingUnit.Milliseconds, 30000, 5000, 600000);
                case 27: return Row(out definition, SettingId.CueStartLevel, "cue_start_level", SettingUnit.Level, 1, 1, MaxLevel);
                case 28: return Row(out definition, SettingId.EscalationMaxLevel, "escalation_max_level", SettingUnit.Level, 3, 1, MaxLevel);
                case 29: return Row(out definition, SettingId.SnoozeMs, "snooze_ms", SettingUnit.Milliseconds, 600000, 60000, 3600000);
                case 30: return Row(out definition, SettingId.SessionEndIdleSeconds, "session_end_idle_s", SettingUnit.Seconds, 300, 30, 3600);
                case 31: return Row(out definition, SettingId.EpochSeconds, "epoch_s", SettingUnit.Seconds, 60, 10, 3600);
                case 32: return Row(out definition, SettingId.PostureSettleMs, "posture_settle_ms", SettingUnit.Milliseconds, 5000, 0, 60000);
                case 33: return Row(out definition, SettingId.PlanActive, "plan_active", SettingUnit.Flag, 0, 0, 1);
                case 34: return Row(out definition, SettingId.PlanWalkSeconds, "plan_walk_s", SettingUnit.Seconds, 300, 30, 7200);
                case 35: return Row(out definition, SettingId.PlanRestSeconds, "plan_rest_s", SettingUnit.Seconds, 120, 10, 1800);
                case 36: return Row(out definition, SettingId.PlanStretches, "plan_stretches", SettingUnit.Stretches, 3, 1, 20);
                case 37: return Row(out definition, SettingId.PlanReadyCue, "plan_ready_cue", SettingUnit.Flag, 1, 0, 1);
                case 38: return Row(out definition, SettingId.WearerHeightCm, "wearer_height_cm", SettingUnit.Centimetres, 170, 100, 230);
                default:
                    definition = new SettingDefinition();
                    return false;
            }
        }

        /// <summary>The row of a known setting; throws <see cref="System.ArgumentException"/> for an unknown id.</summary>
        public static SettingDefinition Get(SettingId id)
        {
            SettingDefinition definition;
            if (!TryGet((int)id, out definition))
            {
                throw new System.ArgumentException("unknown setting id", nameof(id));
            }

            return definition;
        }

        /// <summary>Finds a setting by its <see cref="SettingDefinition.Name"/> (for hosts); false if there is none.</summary>
        public static bool TryFind(string name, out SettingDefinition definition)
        {
            for (int id = 1; id <= Count; id++)
            {
                if (TryGet(id, out definition) && definition.Name == name)
                {
                    return true;
                }
            }

            definition = new SettingDefinition();
            return false;
        }

        /// <summary>Short symbol of a unit for messages ("cdeg", "ms", "%"); empty for flags, choices and bits.</summary>
        public static string UnitSymbol(SettingUnit unit)
        {
            switch (unit)
            {
                case SettingUnit.Centidegrees: return "cdeg";
                case SettingUnit.Milliseconds: return "ms";
                case SettingUnit.Seconds: return "s";
                case SettingUnit.Percent: return "%";
                case SettingUnit.Strides: return "strides";
                case SettingUnit.Cues: return "cues";
                case SettingUnit.Level: return "level";
                case SettingUnit.Stretches: return "stretches";
                case SettingUnit.Centimetres: return "cm";
                default: return string.Empty;
            }
        }

        private static bool Row(out SettingDefinition definition, SettingId id, string name, SettingUnit unit, int defaultValue, int min, int max)
        {
            definition = new SettingDefinition();
            definition.Id = id;
            definition.Name = name;
            definition.Unit = unit;
            definition.Default = defaultValue;
            definition.Min = min;
            definition.Max = max;
            return true;
        }
    }
}
