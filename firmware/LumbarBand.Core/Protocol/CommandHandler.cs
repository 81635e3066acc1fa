using LumbarBand.Core.Storage;
using LumbarBand.Core.Configuration;
using LumbarBand.Core.Cueing;

namespace LumbarBand.Core.Protocol
{
    /// <summary>
    /// The band's protocol engine: takes a control-point write (a request frame), checks it, acts on the band through
    /// <see cref="IBandPort"/>, and writes the response frame that the GATT adapter notifies back on the control
    /// point; pumps download chunks for the data characteristic; serves the status characteristic. Byte arrays in and
    /// out, so the firmware's adapter is a thin shell and host tests drive every path.
    /// </summary>
    /// <remarks>
    /// <para>Every frame gets exactly one response. A refused frame (unknown opcode, insecure link, wrong length, bad
    /// parameter, or refused by the band) gets an error response — status ≠ 0, the opcode and request id it answers
    /// — and changes nothing: neither the band (the port's methods are atomic) nor the transfer or upload state.</para>
    /// <para>Order of checks: opcode known → link trusted (every opcode but <see cref="Opcode.GetDeviceInfo"/>) →
    /// length → parameters → the band. An untrusted peer thus learns nothing but "pair first".</para>
    /// <para>Not thread-safe: the adapter serializes <see cref="OnControlWrite(byte[], int, byte[])"/>, <see cref="NextDataChunk"/> and
    /// the link events (one lock held across a call and the notification it produces). Nothing is allocated per
    /// message; the state is two settings buffers of <see cref="SettingsCodec.MaxEncodedLength"/> bytes and a few
    /// dozen bytes more.</para>
    /// </remarks>
    public sealed class CommandHandler
    {
        private readonly IBandPort _band;
        private readonly DownloadTransfer _transfer = new DownloadTransfer();
        private readonly ConfigurationUpload _upload = new ConfigurationUpload(SettingsCodec.MaxEncodedLength);
        private readonly byte[] _configuration = new byte[SettingsCodec.MaxEncodedLength];
        private readonly SessionInfo _session = new SessionInfo();
        private readonly DeviceInfo _deviceInfo = new DeviceInfo();
        private readonly StatusMessage _status = new StatusMessage();
        private readonly LinkTrust _trust;
        private int _maxPayload = ProtocolConstants.DefaultPayloadBytes;
        private Opcode _pendingOpcode = Opcode.None;
        private byte _pendingRequestId;
        private int _pendingUnknownSkipped;
        private bool _pendingOrphaned;

        /// <summary>
        /// Creates a handler acting on <paramref name="band"/>, whose link requests (Enroll, Challenge, Prove) are
        /// answered by <paramref name="trust"/> (null: refused as unsupported; for tests of the other requests).
        /// </summary>
        public CommandHandler(IBandPort band, LinkTrust trust)
        {
            if (band == null)
            {
                throw new System.ArgumentException("must not be null", nameof(band));
            }

            _band = band;
            _trust = trust;
        }

        /// <summary>Creates a handler acting on <paramref name="band"/> without link requests (tests of the others).</summary>
        public CommandHandler(IBandPort band)
            : this(band, null)
        {
        }

        /// <summary>The link's trust controller, or null.</summary>
        public LinkTrust Trust { get { return _trust; } }

        /// <summary>Largest payload of a response or chunk on the current link (20 until a larger MTU is negotiated).</summary>
        public int MaxPayload { get { return _maxPayload; } }

        /// <summary>The download in progress, if any.</summary>
        public DownloadTransfer Transfer { get { return _transfer; } }

        /// <summary>The settings being staged, if any.</summary>
        public ConfigurationUpload Upload { get { return _upload; } }

        /// <summary>
        /// True while a request waits for the band's owner to apply it (the port answered <see cref="ErrorCode.Pending"/>):
        /// its response comes from <see cref="CompletePending"/>; the adapter holds further writes back meanwhile
        /// (one that arrives anyway is answered <see cref="ErrorCode.Busy"/>).
        /// </summary>
        public bool IsAwaitingBand { get { return _pendingOpcode != Opcode.None; } }

        /// <summary>
        /// The response to the request that was pending, once the band answered it: written into
        /// <paramref name="response"/>, its length returned; 0 while the answer has not come (or nothing is pending,
        /// or the link that asked has gone: the request took effect, the response is dropped).
        /// </summary>
        public int CompletePending(byte[] response)
        {
            ErrorCode result;
            if (_pendingOpcode == Opcode.None || !_band.TryTakeAnswer(out result))
            {
                return 0;
            }

            Opcode opcode = _pendingOpcode;
            _pendingOpcode = Opcode.None;
            int length = Finish(opcode, _pendingRequestId, result == ErrorCode.Pending ? ErrorCode.Busy : result, response);
            return _pendingOrphaned ? 0 : length;
        }

        /// <summary>A central connected: a new link starts at the default MTU with no transfer and nothing staged.</summary>
        public void OnConnected()
        {
            ResetLink();
            if (_trust != null)
            {
                _trust.OnConnected();
            }
        }

        /// <summary>The central disconnected: the transfer stops (the host resumes it from an offset) and staging is dropped.</summary>
        public void OnDisconnected()
        {
            ResetLink();
            if (_trust != null)
            {
                _trust.OnDisconnected();
            }
        }

        /// <summary>
        /// The stack reported a new ATT MTU (<c>GattSession.MaxPduSizeChanged</c>, <c>MaxMtuSize</c>): responses and
        /// chunks may now carry up to MTU − 3 bytes (clamped to 20..244).
        /// </summary>
        public void OnMtuChanged(int attMtu)
        {
            _maxPayload = ProtocolConstants.PayloadForMtu(attMtu);
        }

        /// <summary>
        /// Handles one control-point write of <paramref name="length"/> bytes of <paramref name="frame"/> on a link
        /// protected by <paramref name="link"/>; writes the response into <paramref name="response"/> (at least
        /// <see cref="ProtocolConstants.DefaultPayloadBytes"/> long; <see cref="ProtocolConstants.MaxPayloadBytes"/>
        /// to use large MTUs) and returns its length; 0 only when the band's owner will apply the request first
        /// (<see cref="IsAwaitingBand"/>: the response then comes from <see cref="CompletePending"/>). Never throws for
        /// any frame content.
        /// </summary>
        public int OnControlWrite(byte[] frame, int length, LinkSecurity link, byte[] response)
        {
            return Handle(frame, length, link, response);
        }

        /// <summary>
        /// Handles one control-point write on the link as <see cref="Trust"/> sees it (what the firmware's adapter and
        /// the virtual band call); otherwise as <see cref="OnControlWrite(byte[], int, LinkSecurity, byte[])"/>.
        /// </summary>
        public int OnControlWrite(byte[] frame, int length, byte[] response)
        {
            return Handle(frame, length, _trust == null ? LinkSecurity.None : _trust.Security, response);
        }

        /// <summary>The status value on the link as <see cref="Trust"/> sees it (0 when untrusted).</summary>
        public int ReadStatus(byte[] buffer)
        {
            return ReadStatus(_trust == null ? LinkSecurity.None : _trust.Security, buffer);
        }

        private int Handle(byte[] frame, int length, LinkSecurity link, byte[] response)
        {
            if (response == null || response.Length < ProtocolConstants.DefaultPayloadBytes)
            {
                throw new System.ArgumentException("the response buffer must hold at least the default payload", nameof(response));
            }

            if (frame == null || length < 1 || length > frame.Length)
            {
                return Error(response, Opcode.None, 0, ErrorCode.BadLength, ProtocolConstants.RequestHeaderBytes);
            }

            Opcode opcode = (Opcode)frame[ProtocolConstants.OpcodeOffset];
            byte requestId = length > ProtocolConstants.RequestIdOffset ? frame[ProtocolConstants.RequestIdOffset] : (byte)0;
            if (!MessageLayout.IsKnown(opcode))
            {
                return Error(response, opcode, requestId, ErrorCode.UnknownOpcode, 0);
            }

            if (MessageLayout.RequiresTrustedLink(opcode))
            {
                if ((link & LinkSecurity.Encrypted) == 0)
                {
                    return Error(response, opcode, requestId, ErrorCode.NotEncrypted, 0);
                }

                if ((link & LinkSecurity.Proven) == 0)
                {
                    return Error(response, opcode, requestId, ErrorCode.NotTrusted, 0);
                }
            }

            int expected = MessageLayout.RequestLength(opcode);
            bool lengthOk = MessageLayout.HasVariableLength(opcode) ? length >= expected : length == expected;
            if (!lengthOk)
            {
                return Error(response, opcode, requestId, ErrorCode.BadLength, expected);
            }

            if (_pendingOpcode != Opcode.None)
            {
                return Error(response, opcode, requestId, ErrorCode.Busy, 0);
            }

            int capacity = _maxPayload < response.Length ? _maxPayload : response.Length;
            return Dispatch(opcode, requestId, frame, length, response, capacity);
        }

        /// <summary>
        /// The next download chunk for the data characteristic, written into <paramref name="chunk"/> (up to the
        /// link's payload); returns its length, or 0 when nothing is to be sent. The adapter calls it while
        /// notifications go through, and resends the same buffer if a notification fails.
        /// </summary>
        public int NextDataChunk(byte[] chunk)
        {
            if (chunk == null)
            {
                return 0;
            }

            int capacity = _maxPayload < chunk.Length ? _maxPayload : chunk.Length;
            return _transfer.NextChunk(_band, chunk, capacity);
        }

        /// <summary>
        /// The status characteristic's value, written into <paramref name="buffer"/> (at least
        /// <see cref="StatusMessage.EncodedBytes"/>); returns its length, or 0 on an untrusted link (the adapter then
        /// answers a read with ATT error 0x05, Insufficient Authentication, and sends no notification).
        /// </summary>
        public int ReadStatus(LinkSecurity link, byte[] buffer)
        {
            if ((link & LinkSecurity.Trusted) != LinkSecurity.Trusted || buffer == null || buffer.Length < StatusMessage.EncodedBytes)
            {
                return 0;
            }

            _status.Clear();
            _band.GetStatus(_status);
            return _status.Write(buffer, 0);
        }

        private void ResetLink()
        {
            _pendingOrphaned = _pendingOpcode != Opcode.None;
            _transfer.Cancel();
            _upload.Clear();
            _maxPayload = ProtocolConstants.DefaultPayloadBytes;
        }

        private int Dispatch(Opcode opcode, byte requestId, byte[] frame, int length, byte[] response, int capacity)
        {
            switch (opcode)
            {
                case Opcode.GetDeviceInfo:
                    return GetDeviceInfo(requestId, response);
                case Opcode.SetTime:
                    return SetTime(requestId, frame, response);
                case Opcode.GetConfiguration:
                    return GetConfiguration(requestId, frame, response, capacity);
                case Opcode.WriteConfiguration:
                    return WriteConfiguration(requestId, frame, length, response);
                case Opcode.CommitConfiguration:
                    return CommitConfiguration(requestId, frame, response);
                case Opcode.ListSessions:
                    return ListSessions(requestId, frame, response, capacity);
                case Opcode.ReadSession:
                    return ReadSession(requestId, frame, response);
                case Opcode.AcknowledgeSessions:
                    return AcknowledgeSessions(requestId, frame, response);
                case Opcode.EraseSessions:
                    return EraseSessions(requestId, frame, response);
                case Opcode.StartCalibration:
                    return Finish(opcode, requestId, _band.StartCalibration(), response);
                case Opcode.TestCue:
                    return Finish(opcode, requestId, _band.TestCue(frame[MessageLayout.ParameterOffset]), response);
                case Opcode.SetMode:
                    return SetMode(requestId, frame, response);
                case Opcode.FactoryReset:
                    return FactoryReset(requestId, frame, response);
                case Opcode.Enroll:
                case Opcode.Challenge:
                case Opcode.Prove:
                    return LinkRequest(opcode, requestId, frame, response);
                case Opcode.CancelRead:
                    _transfer.Cancel();
                    return Ok(response, Opcode.CancelRead, requestId);
                default:
                    return Error(response, opcode, requestId, ErrorCode.UnknownOpcode, 0);
            }
        }

        private int GetDeviceInfo(byte requestId, byte[] response)
        {
            DeviceInfo info = _deviceInfo;
            _band.GetDeviceInfo(info);
            info.ProtocolMajor = ProtocolConstants.VersionMajor;
            info.ProtocolMinor = ProtocolConstants.VersionMinor;
            info.MaxConfigurationBytes = _upload.Capacity;
            int at = Ok(response, Opcode.GetDeviceInfo, requestId);
            return at + info.Write(response, at);
        }

        private int SetTime(byte requestId, byte[] frame, byte[] response)
        {
            uint utc = LittleEndian.ReadUInt32(frame, MessageLayout.ParameterOffset);
            if (utc < ProtocolConstants.EarliestUtcSeconds)
            {
                return Error(response, Opcode.SetTime, requestId, ErrorCode.InvalidParameter, MessageLayout.ParameterOffset);
            }

            return Finish(Opcode.SetTime, requestId, _band.SetUtcTime(utc), response);
        }

        private int GetConfiguration(byte requestId, byte[] frame, byte[] response, int capacity)
        {
            int offset = LittleEndian.ReadUInt16(frame, MessageLayout.ParameterOffset);
            int total = _band.GetConfiguration(_configuration);
            if (total <= 0 || total > _configuration.Length)
            {
                return Error(response, Opcode.GetConfiguration, requestId, ErrorCode.StorageError, 0);
            }

            if (offset > total)
            {
                return Error(response, Opcode.GetConfiguration, requestId, ErrorCode.OffsetOutOfRange, 0);
            }

            int count = total - offset;
            int room = capacity - MessageLayout.ConfigurationPageDataOffset;
            if (count > room)
            {
                count = room;
            }

            Ok(response, Opcode.GetConfiguration, requestId);
            LittleEndian.WriteUInt16(response, MessageLayout.ConfigurationTotalOffset, total);
            System.Array.Copy(_configuration, offset, response, MessageLayout.ConfigurationPageDataOffset, count);
            return MessageLayout.ConfigurationPageDataOffset + count;
        }

        private int WriteConfiguration(byte requestId, byte[] frame, int length, byte[] response)
        {
            int offset = LittleEndian.ReadUInt16(frame, MessageLayout.ParameterOffset);
            int dataIndex = MessageLayout.WriteConfigurationDataOffset;
            ErrorCode result = _upload.Write(offset, frame, dataIndex, length - dataIndex);
            if (result != ErrorCode.None)
            {
                return Error(response, Opcode.WriteConfiguration, requestId, result, 0);
            }

            int at = Ok(response, Opcode.WriteConfiguration, requestId);
            LittleEndian.WriteUInt16(response, at, _upload.StagedLength);
            return MessageLayout.WriteConfigurationResponseBytes;
        }

        private int CommitConfiguration(byte requestId, byte[] frame, byte[] response)
        {
            int length = LittleEndian.ReadUInt16(frame, MessageLayout.ParameterOffset);
            uint crc = LittleEndian.ReadUInt32(frame, MessageLayout.CommitCrcOffset);
            ErrorCode check = _upload.CheckCommit(length, crc);
            if (check != ErrorCode.None)
            {
                return Error(response, Opcode.CommitConfiguration, requestId, check, 0);
            }

            SettingsError rejection;
            int unknownSkipped;
            ErrorCode result = _band.SetConfiguration(_upload.Buffer, 0, length, out rejection, out unknownSkipped);
            if (result == ErrorCode.InvalidConfiguration)
            {
                return ConfigurationError(response, requestId, rejection);
            }

            _pendingUnknownSkipped = unknownSkipped;
            return Finish(Opcode.CommitConfiguration, requestId, result, response);
        }

        private int ListSessions(byte requestId, byte[] frame, byte[] response, int capacity)
        {
            uint afterId = LittleEndian.ReadUInt32(frame, MessageLayout.ParameterOffset);
            int at = Ok(response, Opcode.ListSessions, requestId);
            int count = _band.SessionCount;
            for (int position = 0; position < count && at + SessionInfo.EncodedBytes <= capacity; position++)
            {
                if (_band.GetSession(position, _session) && _session.Id > afterId)
                {
                    at += _session.Write(response, at);
                }
            }

            return at;
        }

        private int ReadSession(byte requestId, byte[] frame, byte[] response)
        {
            uint sessionId = LittleEndian.ReadUInt32(frame, MessageLayout.ParameterOffset);
            uint offset = LittleEndian.ReadUInt32(frame, MessageLayout.ReadSessionOffsetOffset);
            ErrorCode found = FindClosedSession(sessionId);
            if (found != ErrorCode.None)
            {
                return Error(response, Opcode.ReadSession, requestId, found, 0);
            }

            if (offset > (uint)_session.Length)
            {
                return Error(response, Opcode.ReadSession, requestId, ErrorCode.OffsetOutOfRange, 0);
            }

            _transfer.Start(sessionId, _session.Length, (int)offset);
            int at = Ok(response, Opcode.ReadSession, requestId);
            LittleEndian.WriteUInt32(response, at, (uint)_session.Length);
            LittleEndian.WriteUInt32(response, MessageLayout.ReadSessionCrcOffset, _session.Crc);
            return MessageLayout.ReadSessionResponseBytes;
        }

        private int AcknowledgeSessions(byte requestId, byte[] frame, byte[] response)
        {
            uint sessionId = LittleEndian.ReadUInt32(frame, MessageLayout.ParameterOffset);
            uint crc = LittleEndian.ReadUInt32(frame, MessageLayout.AcknowledgeCrcOffset);
            ErrorCode found = FindClosedSession(sessionId);
            if (found != ErrorCode.None)
            {
                return Error(response, Opcode.AcknowledgeSessions, requestId, found, 0);
            }

            if (crc != _session.Crc)
            {
                return Error(response, Opcode.AcknowledgeSessions, requestId, ErrorCode.CrcMismatch, 0);
            }

            return Result(response, Opcode.AcknowledgeSessions, requestId, _band.AcknowledgeSessions(sessionId));
        }

        private int EraseSessions(byte requestId, byte[] frame, byte[] response)
        {
            if (LittleEndian.ReadUInt32(frame, MessageLayout.ParameterOffset) != ProtocolConstants.EraseConfirmKey)
            {
                return Error(response, Opcode.EraseSessions, requestId, ErrorCode.BadConfirmation, 0);
            }

            return Finish(Opcode.EraseSessions, requestId, _band.EraseSessions(), response);
        }

        private int SetMode(byte requestId, byte[] frame, byte[] response)
        {
            byte mode = frame[MessageLayout.ParameterOffset];
            if (mode != (byte)CueMode.Tracking && mode != (byte)CueMode.Training)
            {
                return Error(response, Opcode.SetMode, requestId, ErrorCode.InvalidParameter, MessageLayout.ParameterOffset);
            }

            return Finish(Opcode.SetMode, requestId, _band.SetCueMode((CueMode)mode), response);
        }

        private int FactoryReset(byte requestId, byte[] frame, byte[] response)
        {
            if (LittleEndian.ReadUInt32(frame, MessageLayout.ParameterOffset) != ProtocolConstants.FactoryResetConfirmKey)
            {
                return Error(response, Opcode.FactoryReset, requestId, ErrorCode.BadConfirmation, 0);
            }

            return Finish(Opcode.FactoryReset, requestId, _band.FactoryReset(), response);
        }

        /// <summary>
        /// The response to a request the band answered with <paramref name="result"/>, with what success means for the
        /// link's own state; or, for <see cref="ErrorCode.Pending"/>, nothing yet (0): the request is remembered and
        /// answered by <see cref="CompletePending"/>.
        /// </summary>
        private int Finish(Opcode opcode, byte requestId, ErrorCode result, byte[] response)
        {
            if (result == ErrorCode.Pending)
            {
                _pendingOpcode = opcode;
                _pendingRequestId = requestId;
                _pendingOrphaned = false;
                return 0;
            }

            if (result != ErrorCode.None)
            {
                // A commit's refusal carries no detail (its own layout); the others say where a bad parameter was.
                return opcode == Opcode.CommitConfiguration ? Error(response, opcode, requestId, result, 0) : Result(response, opcode, requestId, result);
            }

            switch (opcode)
            {
                case Opcode.CommitConfiguration:
                    _upload.Clear();
                    int at = Ok(response, Opcode.CommitConfiguration, requestId);
                    int skipped = _pendingUnknownSkipped;
                    response[at] = (byte)(skipped < 0 ? 0 : (skipped > byte.MaxValue ? byte.MaxValue : skipped));
                    return MessageLayout.CommitConfigurationResponseBytes;
                case Opcode.EraseSessions:
                    _transfer.Cancel();
                    break;
                case Opcode.FactoryReset:
                    _transfer.Cancel();
                    _upload.Clear();
                    break;
                default:
                    break;
            }

            return Ok(response, opcode, requestId);
        }

        /// <summary>Loads session <paramref name="sessionId"/> into <see cref="_session"/>; it must exist and be closed.</summary>
        private ErrorCode FindClosedSession(uint sessionId)
        {
            int count = _band.SessionCount;
            for (int position = 0; position < count; position++)
            {
                if (_band.GetSession(position, _session) && _session.Id == sessionId)
                {
                    return _session.Open ? ErrorCode.SessionOpen : ErrorCode.None;
                }
            }

            return ErrorCode.SessionNotFound;
        }

        /// <summary>The response to a request the band answered with <paramref name="result"/> and no payload.</summary>
        private static int Result(byte[] response, Opcode opcode, byte requestId, ErrorCode result)
        {
            if (result == ErrorCode.None)
            {
                return Ok(response, opcode, requestId);
            }

            int detail = result == ErrorCode.InvalidParameter ? MessageLayout.ParameterOffset : 0;
            return Error(response, opcode, requestId, result, detail);
        }

        private int LinkRequest(Opcode opcode, byte requestId, byte[] frame, byte[] response)
        {
            if (_trust == null)
            {
                return Error(response, opcode, requestId, ErrorCode.Unsupported, 0);
            }

            ErrorCode result;
            int length;
            if (opcode == Opcode.Enroll)
            {
                result = _trust.Enroll(SipHash24.ReadUInt64(frame, MessageLayout.ParameterOffset), response, MessageLayout.PayloadOffset);
                length = MessageLayout.EnrollResponseBytes;
            }
            else if (opcode == Opcode.Challenge)
            {
                result = _trust.Challenge(response, MessageLayout.PayloadOffset);
                length = MessageLayout.ChallengeResponseBytes;
            }
            else
            {
                ulong hostId = SipHash24.ReadUInt64(frame, MessageLayout.ParameterOffset);
                result = _trust.Prove(hostId, SipHash24.ReadUInt64(frame, MessageLayout.ProveMacOffset));
                length = MessageLayout.EmptyResponseBytes;
            }

            if (result != ErrorCode.None)
            {
                return Error(response, opcode, requestId, result, 0);
            }

            Ok(response, opcode, requestId);
            return length;
        }

        /// <summary>Writes a success header; returns the offset of the payload.</summary>
        private static int Ok(byte[] response, Opcode opcode, byte requestId)
        {
            response[ProtocolConstants.OpcodeOffset] = (byte)opcode;
            response[ProtocolConstants.RequestIdOffset] = requestId;
            response[ProtocolConstants.StatusOffset] = (byte)ErrorCode.None;
            return ProtocolConstants.ResponseHeaderBytes;
        }

        /// <summary>Writes an error response (header and detail byte); returns its length.</summary>
        private static int Error(byte[] response, Opcode opcode, byte requestId, ErrorCode error, int detail)
        {
            response[ProtocolConstants.OpcodeOffset] = (byte)opcode;
            response[ProtocolConstants.RequestIdOffset] = requestId;
            response[ProtocolConstants.StatusOffset] = (byte)error;
            response[ProtocolConstants.ErrorDetailOffset] = (byte)detail;
            return ProtocolConstants.ErrorResponseBytes;
        }

        /// <summary>The 20-byte <see cref="ErrorCode.InvalidConfiguration"/> response carrying the codec's verdict.</summary>
        private static int ConfigurationError(byte[] response, byte requestId, SettingsError rejection)
        {
            Error(response, Opcode.CommitConfiguration, requestId, ErrorCode.InvalidConfiguration, (int)rejection.Code);
            response[MessageLayout.ConfigurationErrorSettingOffset] = (byte)rejection.Setting;
            response[MessageLayout.ConfigurationErrorOtherOffset] = (byte)rejection.Other;
            LittleEndian.WriteInt32(response, MessageLayout.ConfigurationErrorValueOffset, rejection.Value);
            LittleEndian.WriteInt32(response, MessageLayout.ConfigurationErrorMinOffset, rejection.Min);
            LittleEndian.WriteInt32(response, MessageLayout.ConfigurationErrorMaxOffset, rejection.Max);
            LittleEndian.WriteUInt16(response, MessageLayout.ConfigurationErrorByteOffset, Saturation.ToUInt16(rejection.ByteOffset));
            return MessageLayout.ConfigurationErrorResponseBytes;
        }
    }
}
