namespace LumbarBand.Core.Storage
{
    /// <summary>The outcome of a <see cref="RecordLog"/> operation.</summary>
    public enum LogResult : byte
    {
        /// <summary>Done.</summary>
        Ok = 0,

        /// <summary>
        /// No room: every segment holds data of a session the host has not acknowledged. Nothing was written or
        /// overwritten; the band keeps cueing, stops recording and reports "storage full".
        /// </summary>
        Full = 1,

        /// <summary>The payload is longer than <see cref="RecordFormat.MaxPayloadLength"/>.</summary>
        TooLarge = 2,

        /// <summary>The type is not an application type (<see cref="RecordTypes.IsApplication"/>).</summary>
        InvalidType = 3,

        /// <summary>Records need an open session; none is open.</summary>
        NoSession = 4,

        /// <summary>A session is open: it must end before a new one starts or before the host acknowledges it.</summary>
        SessionOpen = 5,

        /// <summary>The acknowledged session id is newer than any session the log has started.</summary>
        UnknownSession = 6,

        /// <summary>
        /// The storage holds segments of another format version; the log touches nothing until
        /// <see cref="RecordLog.Format"/> is called.
        /// </summary>
        UnsupportedFormat = 7,
    }
}
