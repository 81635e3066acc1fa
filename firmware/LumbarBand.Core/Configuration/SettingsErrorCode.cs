namespace LumbarBand.Core.Configuration
{
    /// <summary>Why settings were rejected. Values are stable: the BLE protocol reports them.</summary>
    public enum SettingsErrorCode : byte
    {
        /// <summary>No error: the settings were accepted.</summary>
        None = 0,

        /// <summary>A value is outside its setting's allowed range (which the error carries).</summary>
        OutOfRange = 1,

        /// <summary>
        /// A value is within its own range but contradicts another setting (e.g. a hysteresis not below its
        /// threshold); the error names both and carries the range allowed given the other.
        /// </summary>
        Inconsistent = 2,

        /// <summary>An id that this firmware has no setting for was set directly (not through the codec, which skips them).</summary>
        UnknownSetting = 3,

        /// <summary>The encoding's version byte is one this firmware cannot read.</summary>
        UnsupportedVersion = 4,

        /// <summary>The encoding ends in the middle of an id or a value.</summary>
        Truncated = 5,

        /// <summary>The encoding is not well formed: id 0, or a number longer than five bytes.</summary>
        Malformed = 6,

        /// <summary>The same setting appears twice in one encoding.</summary>
        DuplicateSetting = 7,
    }
}
