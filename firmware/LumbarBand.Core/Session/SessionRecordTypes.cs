using LumbarBand.Core.Storage;

namespace LumbarBand.Core.Session
{
    /// <summary>
    /// The application record types of a session in the record log (docs/sessions.md). A session's serialized form is
    /// its records as stored: the log's <see cref="RecordTypes.SessionStart"/>, a <see cref="Header"/>, one or more
    /// <see cref="Settings"/>, then <see cref="Epochs"/>, <see cref="Event"/>, <see cref="Calibration"/>, <see cref="Stretch"/> and <see cref="Bout"/> records in
    /// time order, a <see cref="Footer"/> and the log's <see cref="RecordTypes.SessionEnd"/>. Values are stable.
    /// </summary>
    public static class SessionRecordTypes
    {
        /// <summary>The session's header: format version, id, firmware, start time, epoch length, calibration.</summary>
        public const byte Header = 0x10;

        /// <summary>The settings in force at the start, as <see cref="Configuration.SettingsCodec"/> bytes (split over records if longer than one payload).</summary>
        public const byte Settings = 0x11;

        /// <summary>One to <see cref="SessionWriter.EpochsPerRecord"/> epoch summaries back to back.</summary>
        public const byte Epochs = 0x12;

        /// <summary>A moment worth its own record: a pain marker.</summary>
        public const byte Event = 0x13;

        /// <summary>A new neutral posture captured during the session, with its time.</summary>
        public const byte Calibration = 0x14;

        /// <summary>The session's totals, written when it ends.</summary>
        public const byte Footer = 0x15;

        /// <summary>One stretch of a walk under a walking plan (<see cref="SessionStretchRecord"/>; session format 2).</summary>
        public const byte Stretch = 0x16;

        /// <summary>One walking bout: its speed, stride length, rhythm, posture and cues (<see cref="SessionBoutRecord"/>; session format 4).</summary>
        public const byte Bout = 0x17;
    }
}
