using LumbarBand.Core.Configuration;
using LumbarBand.Core.Cueing;

namespace LumbarBand.Core.Protocol
{
    /// <summary>
    /// Everything the <see cref="CommandHandler"/> needs from the band: implemented on the device over
    /// <see cref="Band"/>, the record log and the settings store, and in tests by a fake.
    /// </summary>
    /// <remarks>
    /// Contract for every member:
    /// <list type="bullet">
    /// <item>Atomic: a method that returns an error (or false, or a negative count) has changed nothing.</item>
    /// <item>Never throws: flash failures come back as <see cref="ErrorCode.StorageError"/>.</item>
    /// <item>Fast: the handler answers inside the BLE stack's 2 s deadline
    /// (<see cref="ProtocolConstants.StackResponseDeadlineMs"/>); anything slower (a factory reset's reboot) is
    /// scheduled to run after the response has been sent.</item>
    /// <item>Allocation-free on the device where it can be: the handler passes its own buffers.</item>
    /// <item>A request that changes the band itself (<see cref="SetUtcTime"/>, <see cref="SetConfiguration"/>,
    /// <see cref="StartCalibration"/>, <see cref="TestCue"/>, <see cref="SetCueMode"/>, <see cref="EraseSessions"/>)
    /// may answer <see cref="ErrorCode.Pending"/>: the band's owner applies it on its own thread and the answer comes
    /// from <see cref="TryTakeAnswer"/>. One request is pending at a time.</item>
    /// </list>
    /// Sessions are listed oldest first (ascending id); a session's "serialized form" is the exact byte sequence the
    /// host receives, and <see cref="SessionInfo.Crc"/> is the CRC-32 of all of it.
    /// </remarks>
    public interface IBandPort
    {
        /// <summary>
        /// Fills the firmware version, hardware revision, serial, capabilities and storage capacity of
        /// <paramref name="info"/> (the handler fills in the protocol version and configuration limit).
        /// </summary>
        void GetDeviceInfo(DeviceInfo info);

        /// <summary>Sets the UTC clock to <paramref name="utcSeconds"/> since 1970 (already checked to be plausible).</summary>
        ErrorCode SetUtcTime(uint utcSeconds);

        /// <summary>
        /// Writes the current settings, encoded by <see cref="SettingsCodec"/>, at the start of
        /// <paramref name="buffer"/> (<see cref="SettingsCodec.MaxEncodedLength"/> bytes long); returns the length.
        /// </summary>
        int GetConfiguration(byte[] buffer);

        /// <summary>
        /// Decodes <paramref name="count"/> bytes at <paramref name="index"/> onto the current settings
        /// (<see cref="SettingsCodec.Decode"/>), and if valid applies and persists them, all or nothing. Returns
        /// <see cref="ErrorCode.None"/>; <see cref="ErrorCode.InvalidConfiguration"/> with the codec's
        /// <paramref name="rejection"/>; or <see cref="ErrorCode.StorageError"/> when they could not be persisted (the
        /// old settings then stay in force too). <paramref name="unknownSkipped"/>: setting ids the firmware does not know.
        /// </summary>
        ErrorCode SetConfiguration(byte[] data, int index, int count, out SettingsError rejection, out int unknownSkipped);

        /// <summary>Sessions stored now (including an open one).</summary>
        int SessionCount { get; }

        /// <summary>Fills <paramref name="info"/> with the session at <paramref name="position"/> (0 = oldest); false when out of range.</summary>
        bool GetSession(int position, SessionInfo info);

        /// <summary>
        /// Copies up to <paramref name="count"/> bytes of session <paramref name="sessionId"/>'s serialized form, from
        /// <paramref name="offset"/>, into <paramref name="buffer"/> at <paramref name="index"/>. Returns the bytes
        /// copied (fewer only at the end), or -1 when the session is gone or unreadable.
        /// </summary>
        int ReadSession(uint sessionId, int offset, byte[] buffer, int index, int count);

        /// <summary>
        /// Records, durably, that the host holds every session up to and including <paramref name="sessionId"/>, so
        /// they may be evicted, oldest first, when room is needed (the log's acknowledgement is cumulative).
        /// </summary>
        ErrorCode AcknowledgeSessions(uint sessionId);

        /// <summary>Erases every stored session (an open one ends first).</summary>
        ErrorCode EraseSessions();

        /// <summary>Asks for a new neutral-posture capture (<see cref="ErrorCode.Busy"/> when one is pending).</summary>
        ErrorCode StartCalibration();

        /// <summary>
        /// Plays cue <paramref name="pattern"/> on the motor (<see cref="ErrorCode.InvalidParameter"/> for a pattern
        /// the band does not have, <see cref="ErrorCode.Unsupported"/> without a motor).
        /// </summary>
        ErrorCode TestCue(byte pattern);

        /// <summary>Sets the cue mode (the <see cref="SettingId.CueMode"/> setting), persisted.</summary>
        ErrorCode SetCueMode(CueMode mode);

        /// <summary>
        /// Schedules a factory reset (default settings, log formatted, bonds deleted, reboot) to run after the
        /// response has been sent.
        /// </summary>
        ErrorCode FactoryReset();

        /// <summary>Fills the live summary; every field is set (see <see cref="StatusMessage.Clear"/>).</summary>
        void GetStatus(StatusMessage status);

        /// <summary>
        /// The answer to the request that returned <see cref="ErrorCode.Pending"/>, once the band's owner applied it;
        /// false while it is still on its way (or when nothing is pending).
        /// </summary>
        bool TryTakeAnswer(out ErrorCode result);
    }
}
