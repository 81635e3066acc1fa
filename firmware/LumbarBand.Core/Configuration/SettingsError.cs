namespace LumbarBand.Core.Configuration
{
    /// <summary>
    /// The outcome of setting, validating or decoding settings: <see cref="SettingsErrorCode.None"/>, or the reason
    /// for a rejection with everything a host needs to tell the therapist what to change. Settings are never clamped:
    /// a rejected value leaves the settings as they were.
    /// </summary>
    public struct SettingsError
    {
        /// <summary>What went wrong; <see cref="SettingsErrorCode.None"/> when nothing did.</summary>
        public SettingsErrorCode Code;

        /// <summary>The setting at fault (<see cref="SettingId.None"/> for errors of the encoding itself).</summary>
        public SettingId Setting;

        /// <summary>For <see cref="SettingsErrorCode.Inconsistent"/>: the setting it contradicts.</summary>
        public SettingId Other;

        /// <summary>The rejected value (or, for <see cref="SettingsErrorCode.UnsupportedVersion"/>, the version).</summary>
        public int Value;

        /// <summary>Smallest value that would have been accepted.</summary>
        public int Min;

        /// <summary>Largest value that would have been accepted.</summary>
        public int Max;

        /// <summary>For errors found while decoding: byte offset (from the start of the encoding) where it was found.</summary>
        public int ByteOffset;

        /// <summary>True when there is no error.</summary>
        public bool IsOk { get { return Code == SettingsErrorCode.None; } }

        /// <summary>No error.</summary>
        public static SettingsError Ok { get { return new SettingsError(); } }

        /// <summary>An out-of-range error for <paramref name="definition"/>.</summary>
        public static SettingsError OutOfRange(SettingDefinition definition, int value)
        {
            SettingsError e = new SettingsError();
            e.Code = SettingsErrorCode.OutOfRange;
            e.Setting = definition.Id;
            e.Value = value;
            e.Min = definition.Min;
            e.Max = definition.Max;
            return e;
        }

        /// <summary>An inconsistency of <paramref name="setting"/> with <paramref name="other"/>; [min, max] is what would fit.</summary>
        public static SettingsError Inconsistent(SettingId setting, SettingId other, int value, int min, int max)
        {
            SettingsError e = new SettingsError();
            e.Code = SettingsErrorCode.Inconsistent;
            e.Setting = setting;
            e.Other = other;
            e.Value = value;
            e.Min = min;
            e.Max = max;
            return e;
        }

        /// <summary>An error of the encoding itself at <paramref name="byteOffset"/>.</summary>
        public static SettingsError InEncoding(SettingsErrorCode code, int byteOffset)
        {
            SettingsError e = new SettingsError();
            e.Code = code;
            e.ByteOffset = byteOffset;
            return e;
        }

        /// <summary>
        /// A one-line explanation, e.g. "flexion_dwell_ms (6) = 200 ms is out of range 1000..120000 ms". Allocates:
        /// for hosts, logs and replies, never on the per-sample path.
        /// </summary>
        public override string ToString()
        {
            switch (Code)
            {
                case SettingsErrorCode.None:
                    return "ok";
                case SettingsErrorCode.OutOfRange:
                    return Describe(Setting) + " = " + WithUnit(Setting, Value) + " is out of range " + Range(Setting);
                case SettingsErrorCode.Inconsistent:
                    return Describe(Setting) + " = " + WithUnit(Setting, Value) + " contradicts " + Describe(Other)
                        + ": given it, the allowed range is " + Range(Setting);
                case SettingsErrorCode.UnknownSetting:
                    return "unknown setting id " + Decimal(Value);
                case SettingsErrorCode.UnsupportedVersion:
                    return "settings encoding version " + Decimal(Value) + " is not supported (this band reads version "
                        + Decimal(Min) + ")";
                case SettingsErrorCode.Truncated:
                    return "settings encoding ends inside a number at byte " + Decimal(ByteOffset);
                case SettingsErrorCode.Malformed:
                    return "settings encoding is malformed at byte " + Decimal(ByteOffset);
                case SettingsErrorCode.DuplicateSetting:
                    return Describe(Setting) + " appears twice, again at byte " + Decimal(ByteOffset);
                default:
                    return "settings error " + Decimal((int)Code);
            }
        }

        /// <summary>Largest number of characters of an int in decimal ("-2147483648").</summary>
        private const int MaxDecimalChars = 11;

        /// <summary>
        /// An int in decimal, culture-free (the device's mscorlib has no invariant-culture formatting, and messages
        /// must read the same on band and host).
        /// </summary>
        private static string Decimal(int value)
        {
            char[] digits = new char[MaxDecimalChars];
            int at = MaxDecimalChars;
            long rest = value < 0 ? -(long)value : value;
            do
            {
                digits[--at] = (char)('0' + (int)(rest % 10));
                rest /= 10;
            }
            while (rest != 0);

            if (value < 0)
            {
                digits[--at] = '-';
            }

            return new string(digits, at, MaxDecimalChars - at);
        }

        private static string Describe(SettingId id)
        {
            SettingDefinition d;
            string name = SettingCatalog.TryGet((int)id, out d) ? d.Name : "setting";
            return name + " (" + Decimal((int)id) + ")";
        }

        private string Range(SettingId id)
        {
            return Decimal(Min) + ".." + WithUnit(id, Max);
        }

        private static string WithUnit(SettingId id, int value)
        {
            SettingDefinition d;
            string symbol = SettingCatalog.TryGet((int)id, out d) ? SettingCatalog.UnitSymbol(d.Unit) : string.Empty;
            return symbol.Length == 0 ? Decimal(value) : Decimal(value) + " " + symbol;
        }
    }
}
