namespace LumbarBand.Core.Protocol
{
    /// <summary>
    /// The status byte of a response: <see cref="None"/> for success, otherwise why the request was refused. A refused
    /// request changes nothing on the band. Values are stable; clients treat an unknown code as a generic failure.
    /// The detail byte after it is explained per code.
    /// </summary>
    public enum ErrorCode : byte
    {
        /// <summary>Success.</summary>
        None = 0x00,

        /// <summary>The opcode is not one this band knows (detail 0). Also the answer to an empty frame.</summary>
        UnknownOpcode = 0x01,

        /// <summary>The frame's length is wrong for its opcode (detail: the length expected, or the minimum for variable ones).</summary>
        BadLength = 0x02,

        /// <summary>A parameter is out of range (detail: the offset of the offending field in the request).</summary>
        InvalidParameter = 0x03,

        /// <summary>The request needs an encrypted link, and this one is not (detail 0).</summary>
        NotEncrypted = 0x04,

        /// <summary>
        /// The request needs a trusted host, and this one has not proven its key on this link (detail 0): answer a
        /// <see cref="Opcode.Challenge"/>, or enroll inside a pairing window.
        /// </summary>
        NotTrusted = 0x05,

        /// <summary>No stored session has this id (detail 0).</summary>
        SessionNotFound = 0x06,

        /// <summary>The session is still being recorded; it can be read and acknowledged once it ends (detail 0).</summary>
        SessionOpen = 0x07,

        /// <summary>The offset lies beyond the end of the session or of the configuration (detail 0).</summary>
        OffsetOutOfRange = 0x08,

        /// <summary>The CRC-32 given does not match (the session's, or the staged configuration's) (detail 0).</summary>
        CrcMismatch = 0x09,

        /// <summary>
        /// The settings were rejected by their codec and validator; the old ones stay. Detail: the
        /// <see cref="Configuration.SettingsErrorCode"/>, followed by 16 more bytes (docs/protocol.md).
        /// </summary>
        InvalidConfiguration = 0x0A,

        /// <summary>The band cannot do this now (e.g. a calibration is already running) (detail 0).</summary>
        Busy = 0x0B,

        /// <summary>Flash could not be read or written; nothing was changed (detail 0).</summary>
        StorageError = 0x0C,

        /// <summary>The confirmation key of a destructive request is wrong (detail 0).</summary>
        BadConfirmation = 0x0D,

        /// <summary>A configuration write is not at the end of the staged bytes, or the commit's length differs (detail 0).</summary>
        OutOfSequence = 0x0E,

        /// <summary>The band lacks the hardware for this request (e.g. no motor for a test cue) (detail 0).</summary>
        Unsupported = 0x0F,

        /// <summary>Enroll on a link that was not encrypted while the pairing window was open, or after this link enrolled (detail 0).</summary>
        PairingWindowClosed = 0x10,

        /// <summary>Prove refused: unknown host, no challenge outstanding (each takes one answer), or a wrong MAC (detail 0).</summary>
        ProofRefused = 0x11,

        /// <summary>
        /// Never sent: an <see cref="IBandPort"/> answer meaning the band's owner (the sampling thread) will apply the
        /// request and the answer comes later from <see cref="IBandPort.TryTakeAnswer"/>; the handler then sends the
        /// response (<see cref="CommandHandler.CompletePending"/>).
        /// </summary>
        Pending = 0xFF,
    }
}
