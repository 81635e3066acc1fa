namespace LumbarBand.Core.Storage
{
    /// <summary>
    /// The type byte of a record. The log itself writes the control types (session start and end, acknowledgement);
    /// everything the band records (session header, epochs, pain markers, ...) uses an application type, which the
    /// session layer assigns. See docs/storage.md.
    /// </summary>
    public static class RecordTypes
    {
        /// <summary>A session begins; payload: its session id (uint32). Records after it belong to that session.</summary>
        public const byte SessionStart = 0x01;

        /// <summary>The open session ends; payload: its session id (uint32).</summary>
        public const byte SessionEnd = 0x02;

        /// <summary>The host holds every session up to and including the payload's session id (uint32).</summary>
        public const byte Acknowledge = 0x03;

        /// <summary>
        /// Last control type. 0x04..0x0F are reserved for control types of later format versions, so this version
        /// rejects them; 0x00 and 0xFF are never valid because zeroed and erased flash read as those bytes.
        /// </summary>
        public const byte LastControl = Acknowledge;

        /// <summary>First type the session layer may use.</summary>
        public const byte FirstApplication = 0x10;

        /// <summary>Last type the session layer may use.</summary>
        public const byte LastApplication = 0xFE;

        /// <summary>True for the types the log writes itself.</summary>
        public static bool IsControl(byte type)
        {
            return type >= SessionStart && type <= LastControl;
        }

        /// <summary>True for the types open to the session layer.</summary>
        public static bool IsApplication(byte type)
        {
            return type >= FirstApplication && type <= LastApplication;
        }

        /// <summary>True for every type this format version can hold.</summary>
        public static bool IsValid(byte type)
        {
            return IsControl(type) || IsApplication(type);
        }
    }
}
