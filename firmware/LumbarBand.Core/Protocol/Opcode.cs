namespace LumbarBand.Core.Protocol
{
    /// <summary>
    /// The first byte of every request, echoed in its response. Values are stable; new opcodes take new values (a
    /// band that does not know one answers <see cref="ErrorCode.UnknownOpcode"/>). Layouts: docs/protocol.md and
    /// <see cref="MessageLayout"/>.
    /// </summary>
    public enum Opcode : byte
    {
        /// <summary>Not a request: used in the error response to an empty frame.</summary>
        None = 0x00,

        /// <summary>Protocol and firmware versions, serial, capabilities. Allowed on any link.</summary>
        GetDeviceInfo = 0x01,

        /// <summary>Sets the band's UTC clock (seconds since 1970).</summary>
        SetTime = 0x02,

        /// <summary>Reads one page of the encoded settings from an offset.</summary>
        GetConfiguration = 0x03,

        /// <summary>Stages bytes of new encoded settings at an offset (sequential).</summary>
        WriteConfiguration = 0x04,

        /// <summary>Validates and applies the staged settings atomically (length and CRC-32 must match).</summary>
        CommitConfiguration = 0x05,

        /// <summary>Lists stored sessions with ids greater than a given one, as many as fit the payload.</summary>
        ListSessions = 0x06,

        /// <summary>Starts (or resumes) the download of a session from a byte offset; chunks follow on the data characteristic.</summary>
        ReadSession = 0x07,

        /// <summary>Acknowledges every session up to and including an id (makes them evictable).</summary>
        AcknowledgeSessions = 0x08,

        /// <summary>Erases every stored session (with a confirmation key).</summary>
        EraseSessions = 0x09,

        /// <summary>Asks for a new neutral-posture capture at the next moment of standing still.</summary>
        StartCalibration = 0x0A,

        /// <summary>Plays a cue pattern on the motor.</summary>
        TestCue = 0x0B,

        /// <summary>Sets the cue mode: tracking (record only) or training (cues vibrate).</summary>
        SetMode = 0x0C,

        /// <summary>Restores default settings, erases sessions and bonds (with a confirmation key).</summary>
        FactoryReset = 0x0D,

        /// <summary>Stops the running download, if any.</summary>
        CancelRead = 0x0E,

        /// <summary>
        /// Asks for this host's key (8-byte host id in, 16-byte key out): only on a link encrypted while the pairing
        /// window was open; the window then closes and the link is trusted (<see cref="LinkTrust"/>).
        /// </summary>
        Enroll = 0x0F,

        /// <summary>Asks for a fresh 8-byte challenge, to be answered by <see cref="Prove"/> (allowed on any encrypted link).</summary>
        Challenge = 0x10,

        /// <summary>Answers the outstanding challenge with the host id and its 8-byte MAC; trusted on a match.</summary>
        Prove = 0x11,
    }
}
