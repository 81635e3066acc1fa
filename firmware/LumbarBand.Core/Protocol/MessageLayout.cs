namespace LumbarBand.Core.Protocol
{
    /// <summary>
    /// Byte layout of every request and response (docs/protocol.md, "Messages"): lengths and field offsets, shared by
    /// the band's <see cref="CommandHandler"/> and the host's <see cref="RequestBuilder"/> and
    /// <see cref="ResponseParser"/>, so the wire format is written down in code exactly once.
    /// </summary>
    /// <remarks>
    /// Request: <c>opcode:u8 | requestId:u8 | parameters</c>. Response (a notification on the control point):
    /// <c>opcode:u8 | requestId:u8 | status:u8 | payload</c>. Offsets below count from the first byte of the frame.
    /// </remarks>
    public static class MessageLayout
    {
        /// <summary>Offset of the first parameter of a request.</summary>
        public const int ParameterOffset = ProtocolConstants.RequestHeaderBytes;

        /// <summary>Offset of the first payload byte of a response.</summary>
        public const int PayloadOffset = ProtocolConstants.ResponseHeaderBytes;

        /// <summary>Requests without parameters: header only.</summary>
        public const int EmptyRequestBytes = ProtocolConstants.RequestHeaderBytes;

        /// <summary>Requests with one byte parameter (<see cref="Opcode.TestCue"/>, <see cref="Opcode.SetMode"/>).</summary>
        public const int ByteRequestBytes = ParameterOffset + 1;

        /// <summary>Requests with one 32-bit parameter (<see cref="Opcode.SetTime"/>, <see cref="Opcode.ListSessions"/>, the confirmed ones).</summary>
        public const int UInt32RequestBytes = ParameterOffset + 4;

        /// <summary>
        /// <see cref="Opcode.GetConfiguration"/>: <c>offset:u16</c>. Response: <c>total:u16 | bytes</c>, as many bytes
        /// as fit.
        /// </summary>
        public const int GetConfigurationRequestBytes = ParameterOffset + 2;

        /// <summary>Offset of the total encoded length in a <see cref="Opcode.GetConfiguration"/> response.</summary>
        public const int ConfigurationTotalOffset = PayloadOffset;

        /// <summary>Offset of the first settings byte in a <see cref="Opcode.GetConfiguration"/> response.</summary>
        public const int ConfigurationPageDataOffset = PayloadOffset + 2;

        /// <summary>Offset of the data in a <see cref="Opcode.WriteConfiguration"/> request (<c>offset:u16 | bytes</c>).</summary>
        public const int WriteConfigurationDataOffset = ParameterOffset + 2;

        /// <summary>Shortest <see cref="Opcode.WriteConfiguration"/> request: one data byte.</summary>
        public const int WriteConfigurationMinRequestBytes = WriteConfigurationDataOffset + 1;

        /// <summary><see cref="Opcode.WriteConfiguration"/> response: <c>staged:u16</c>, the bytes staged so far.</summary>
        public const int WriteConfigurationResponseBytes = PayloadOffset + 2;

        /// <summary><see cref="Opcode.CommitConfiguration"/>: <c>length:u16 | crc32:u32</c> of the staged bytes.</summary>
        public const int CommitConfigurationRequestBytes = ParameterOffset + 6;

        /// <summary>Offset of the CRC-32 in a <see cref="Opcode.CommitConfiguration"/> request.</summary>
        public const int CommitCrcOffset = ParameterOffset + 2;

        /// <summary>
        /// <see cref="Opcode.CommitConfiguration"/> response: <c>unknownSkipped:u8</c>, settings ids this firmware
        /// does not know (skipped; saturates at 255).
        /// </summary>
        public const int CommitConfigurationResponseBytes = PayloadOffset + 1;

        /// <summary><see cref="Opcode.ReadSession"/>: <c>sessionId:u32 | offset:u32</c>.</summary>
        public const int ReadSessionRequestBytes = ParameterOffset + 8;

        /// <summary>Offset of the start offset in a <see cref="Opcode.ReadSession"/> request.</summary>
        public const int ReadSessionOffsetOffset = ParameterOffset + 4;

        /// <summary><see cref="Opcode.ReadSession"/> response: <c>length:u32 | crc32:u32</c> of the whole session.</summary>
        public const int ReadSessionResponseBytes = PayloadOffset + 8;

        /// <summary>Offset of the session CRC-32 in a <see cref="Opcode.ReadSession"/> response.</summary>
        public const int ReadSessionCrcOffset = PayloadOffset + 4;

        /// <summary><see cref="Opcode.AcknowledgeSessions"/>: <c>throughSessionId:u32 | crc32:u32</c> of that session.</summary>
        public const int AcknowledgeRequestBytes = ParameterOffset + 8;

        /// <summary>Offset of the CRC-32 in an <see cref="Opcode.AcknowledgeSessions"/> request.</summary>
        public const int AcknowledgeCrcOffset = ParameterOffset + 4;

        /// <summary>A response with no payload: header only.</summary>
        public const int EmptyResponseBytes = ProtocolConstants.ResponseHeaderBytes;

        /// <summary><see cref="Opcode.GetDeviceInfo"/> response: header and <see cref="DeviceInfo.EncodedBytes"/>.</summary>
        public const int DeviceInfoResponseBytes = PayloadOffset + DeviceInfo.EncodedBytes;

        /// <summary>
        /// Offsets of the extension of an <see cref="ErrorCode.InvalidConfiguration"/> response, after its detail
        /// byte (the settings error code): <c>setting:u8 | other:u8 | value:i32 | min:i32 | max:i32 | byteOffset:u16</c>.
        /// </summary>
        public const int ConfigurationErrorSettingOffset = ProtocolConstants.ErrorDetailOffset + 1;

        /// <summary>Offset of the setting the rejected one contradicts.</summary>
        public const int ConfigurationErrorOtherOffset = ConfigurationErrorSettingOffset + 1;

        /// <summary>Offset of the rejected value.</summary>
        public const int ConfigurationErrorValueOffset = ConfigurationErrorOtherOffset + 1;

        /// <summary>Offset of the smallest value that would have been accepted.</summary>
        public const int ConfigurationErrorMinOffset = ConfigurationErrorValueOffset + 4;

        /// <summary>Offset of the largest value that would have been accepted.</summary>
        public const int ConfigurationErrorMaxOffset = ConfigurationErrorMinOffset + 4;

        /// <summary>Offset of the byte offset in the encoding where a decoding error was found.</summary>
        public const int ConfigurationErrorByteOffset = ConfigurationErrorMaxOffset + 4;

        /// <summary>Length of an <see cref="ErrorCode.InvalidConfiguration"/> response (20: exactly the default payload).</summary>
        public const int ConfigurationErrorResponseBytes = ConfigurationErrorByteOffset + 2;

        /// <summary>Highest opcode of this protocol version.</summary>
        public const Opcode LastOpcode = Opcode.Prove;

        /// <summary>Length of an Enroll request: header and the 8-byte host id.</summary>
        public const int EnrollRequestBytes = ParameterOffset + LinkTrust.HostIdBytes;

        /// <summary>Length of an Enroll response: header and the 16-byte key.</summary>
        public const int EnrollResponseBytes = PayloadOffset + SipHash24.KeyBytes;

        /// <summary>Length of a Challenge response: header and the 8-byte challenge.</summary>
        public const int ChallengeResponseBytes = PayloadOffset + LinkTrust.ChallengeBytes;

        /// <summary>Length of a Prove request: header, the 8-byte host id and the 8-byte MAC.</summary>
        public const int ProveRequestBytes = ParameterOffset + LinkTrust.HostIdBytes + LinkTrust.MacBytes;

        /// <summary>Offset of the MAC in a Prove request.</summary>
        public const int ProveMacOffset = ParameterOffset + LinkTrust.HostIdBytes;

        /// <summary>True for the opcodes of this protocol version.</summary>
        public static bool IsKnown(Opcode opcode)
        {
            return opcode >= Opcode.GetDeviceInfo && opcode <= LastOpcode;
        }

        /// <summary>
        /// True for requests that need a trusted link (encrypted, key proven): every one but
        /// <see cref="Opcode.GetDeviceInfo"/>, which a client needs before pairing (to check the protocol version),
        /// and the link requests that establish trust (<see cref="IsLinkRequest"/>).
        /// </summary>
        public static bool RequiresTrustedLink(Opcode opcode)
        {
            return opcode != Opcode.GetDeviceInfo && !IsLinkRequest(opcode);
        }

        /// <summary>True for the requests <see cref="LinkTrust"/> answers: Enroll, Challenge, Prove.</summary>
        public static bool IsLinkRequest(Opcode opcode)
        {
            return opcode == Opcode.Enroll || opcode == Opcode.Challenge || opcode == Opcode.Prove;
        }

        /// <summary>True for the one request whose length varies (<see cref="Opcode.WriteConfiguration"/>).</summary>
        public static bool HasVariableLength(Opcode opcode)
        {
            return opcode == Opcode.WriteConfiguration;
        }

        /// <summary>
        /// The length of a request with <paramref name="opcode"/>: exact, or for a variable-length one its minimum;
        /// 0 for an unknown opcode.
        /// </summary>
        public static int RequestLength(Opcode opcode)
        {
            switch (opcode)
            {
                case Opcode.GetDeviceInfo:
                case Opcode.StartCalibration:
                case Opcode.CancelRead:
                case Opcode.Challenge:
                    return EmptyRequestBytes;
                case Opcode.Enroll:
                    return EnrollRequestBytes;
                case Opcode.Prove:
                    return ProveRequestBytes;
                case Opcode.TestCue:
                case Opcode.SetMode:
                    return ByteRequestBytes;
                case Opcode.SetTime:
                case Opcode.ListSessions:
                case Opcode.EraseSessions:
                case Opcode.FactoryReset:
                    return UInt32RequestBytes;
                case Opcode.GetConfiguration:
                    return GetConfigurationRequestBytes;
                case Opcode.WriteConfiguration:
                    return WriteConfigurationMinRequestBytes;
                case Opcode.CommitConfiguration:
                    return CommitConfigurationRequestBytes;
                case Opcode.ReadSession:
                    return ReadSessionRequestBytes;
                case Opcode.AcknowledgeSessions:
                    return AcknowledgeRequestBytes;
                default:
                    return 0;
            }
        }
    }
}
