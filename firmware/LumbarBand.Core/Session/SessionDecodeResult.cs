namespace LumbarBand.Core.Session
{
    /// <summary>What <see cref="SessionDecoder"/> made of a session's bytes. Bad input gives an error, never an exception.</summary>
    public enum SessionDecodeResult : byte
    {
        /// <summary>A well-formed session (possibly without a footer: see <see cref="SessionContent.HasFooter"/>).</summary>
        Ok = 0,

        /// <summary>No buffer, a range outside it, or no content object.</summary>
        InvalidArguments = 1,

        /// <summary>No bytes.</summary>
        Empty = 2,

        /// <summary>A record is truncated, of an unknown control type, or fails its CRC (<see cref="SessionContent.ErrorOffset"/> says where).</summary>
        BadRecord = 3,

        /// <summary>The first record is not a session start.</summary>
        NotASession = 4,

        /// <summary>Sequence numbers do not increase, or a record follows the session's end.</summary>
        OutOfOrder = 5,

        /// <summary>A start or end record, or the header, names another session.</summary>
        WrongSession = 6,

        /// <summary>A record of the session comes before its header (or there is none, though the session has records).</summary>
        MissingHeader = 7,

        /// <summary>A session format version this decoder does not read.</summary>
        UnsupportedVersion = 8,

        /// <summary>A known record with a payload too short for its type, or epochs out of order.</summary>
        InvalidPayload = 9,
    }
}
