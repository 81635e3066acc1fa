using LumbarBand.Core.Storage;
using LumbarBand.Core.Cueing;

namespace LumbarBand.Core.Protocol
{
    /// <summary>
    /// The host's side of the requests: each method writes one request frame at the start of
    /// <c>frame</c> and returns its length, ready for a write with response to the control point. The
    /// same <see cref="MessageLayout"/> the band parses with, so there is one implementation of the wire format.
    /// Throws <see cref="System.ArgumentException"/> when the frame buffer is too small.
    /// </summary>
    public static class RequestBuilder
    {
        /// <summary><see cref="Opcode.GetDeviceInfo"/>.</summary>
        public static int GetDeviceInfo(byte[] frame, byte requestId)
        {
            return Header(frame, Opcode.GetDeviceInfo, requestId, MessageLayout.EmptyRequestBytes);
        }

        /// <summary><see cref="Opcode.SetTime"/> to <paramref name="utcSeconds"/> since 1970.</summary>
        public static int SetTime(byte[] frame, byte requestId, uint utcSeconds)
        {
            return UInt32Request(frame, Opcode.SetTime, requestId, utcSeconds);
        }

        /// <summary><see cref="Opcode.GetConfiguration"/>: the page of encoded settings starting at <paramref name="offset"/>.</summary>
        public static int GetConfiguration(byte[] frame, byte requestId, int offset)
        {
            int length = Header(frame, Opcode.GetConfiguration, requestId, MessageLayout.GetConfigurationRequestBytes);
            LittleEndian.WriteUInt16(frame, MessageLayout.ParameterOffset, offset);
            return length;
        }

        /// <summary>
        /// <see cref="Opcode.WriteConfiguration"/>: stages <paramref name="count"/> bytes of <paramref name="data"/>
        /// from <paramref name="index"/> at <paramref name="offset"/> of the new encoding. At most
        /// <see cref="MaxConfigurationChunk"/> bytes fit one request.
        /// </summary>
        public static int WriteConfiguration(byte[] frame, byte requestId, int offset, byte[] data, int index, int count)
        {
            if (data == null || count < 1 || index < 0 || index + count > data.Length)
            {
                throw new System.ArgumentException("no such data range", nameof(data));
            }

            int length = Header(frame, Opcode.WriteConfiguration, requestId, MessageLayout.WriteConfigurationDataOffset + count);
            LittleEndian.WriteUInt16(frame, MessageLayout.ParameterOffset, offset);
            System.Array.Copy(data, index, frame, MessageLayout.WriteConfigurationDataOffset, count);
            return length;
        }

        /// <summary>Settings bytes one <see cref="Opcode.WriteConfiguration"/> can carry at <paramref name="maxPayload"/>.</summary>
        public static int MaxConfigurationChunk(int maxPayload)
        {
            return maxPayload - MessageLayout.WriteConfigurationDataOffset;
        }

        /// <summary><see cref="Opcode.CommitConfiguration"/> of <paramref name="length"/> staged bytes whose CRC-32 is <paramref name="crc"/>.</summary>
        public static int CommitConfiguration(byte[] frame, byte requestId, int length, uint crc)
        {
            int frameLength = Header(frame, Opcode.CommitConfiguration, requestId, MessageLayout.CommitConfigurationRequestBytes);
            LittleEndian.WriteUInt16(frame, MessageLayout.ParameterOffset, length);
            LittleEndian.WriteUInt32(frame, MessageLayout.CommitCrcOffset, crc);
            return frameLength;
        }

        /// <summary><see cref="Opcode.ListSessions"/> with ids greater than <paramref name="afterSessionId"/> (0 for the first page).</summary>
        public static int ListSessions(byte[] frame, byte requestId, uint afterSessionId)
        {
            return UInt32Request(frame, Opcode.ListSessions, requestId, afterSessionId);
        }

        /// <summary><see cref="Opcode.ReadSession"/> <paramref name="sessionId"/> from byte <paramref name="offset"/> (0, or where a dropped download stopped).</summary>
        public static int ReadSession(byte[] frame, byte requestId, uint sessionId, int offset)
        {
            int length = Header(frame, Opcode.ReadSession, requestId, MessageLayout.ReadSessionRequestBytes);
            LittleEndian.WriteUInt32(frame, MessageLayout.ParameterOffset, sessionId);
            LittleEndian.WriteUInt32(frame, MessageLayout.ReadSessionOffsetOffset, (uint)offset);
            return length;
        }

        /// <summary>
        /// <see cref="Opcode.AcknowledgeSessions"/> through <paramref name="sessionId"/>, proving the host holds it
        /// with its CRC-32 <paramref name="crc"/>. Cumulative: send it only when every older session is held too.
        /// </summary>
        public static int AcknowledgeSessions(byte[] frame, byte requestId, uint sessionId, uint crc)
        {
            int length = Header(frame, Opcode.AcknowledgeSessions, requestId, MessageLayout.AcknowledgeRequestBytes);
            LittleEndian.WriteUInt32(frame, MessageLayout.ParameterOffset, sessionId);
            LittleEndian.WriteUInt32(frame, MessageLayout.AcknowledgeCrcOffset, crc);
            return length;
        }

        /// <summary><see cref="Opcode.EraseSessions"/>, with its confirmation key.</summary>
        public static int EraseSessions(byte[] frame, byte requestId)
        {
            return UInt32Request(frame, Opcode.EraseSessions, requestId, ProtocolConstants.EraseConfirmKey);
        }

        /// <summary><see cref="Opcode.StartCalibration"/>.</summary>
        public static int StartCalibration(byte[] frame, byte requestId)
        {
            return Header(frame, Opcode.StartCalibration, requestId, MessageLayout.EmptyRequestBytes);
        }

        /// <summary><see cref="Opcode.TestCue"/> playing <paramref name="pattern"/>.</summary>
        public static int TestCue(byte[] frame, byte requestId, byte pattern)
        {
            int length = Header(frame, Opcode.TestCue, requestId, MessageLayout.ByteRequestBytes);
            frame[MessageLayout.ParameterOffset] = pattern;
            return length;
        }

        /// <summary><see cref="Opcode.SetMode"/> to <paramref name="mode"/>.</summary>
        public static int SetMode(byte[] frame, byte requestId, CueMode mode)
        {
            int length = Header(frame, Opcode.SetMode, requestId, MessageLayout.ByteRequestBytes);
            frame[MessageLayout.ParameterOffset] = (byte)mode;
            return length;
        }

        /// <summary><see cref="Opcode.FactoryReset"/>, with its confirmation key.</summary>
        public static int FactoryReset(byte[] frame, byte requestId)
        {
            return UInt32Request(frame, Opcode.FactoryReset, requestId, ProtocolConstants.FactoryResetConfirmKey);
        }

        /// <summary><see cref="Opcode.CancelRead"/>.</summary>
        public static int CancelRead(byte[] frame, byte requestId)
        {
            return Header(frame, Opcode.CancelRead, requestId, MessageLayout.EmptyRequestBytes);
        }

        /// <summary><see cref="Opcode.Enroll"/> for host <paramref name="hostId"/>.</summary>
        public static int Enroll(byte[] frame, byte requestId, ulong hostId)
        {
            int length = Header(frame, Opcode.Enroll, requestId, MessageLayout.EnrollRequestBytes);
            SipHash24.WriteUInt64(frame, MessageLayout.ParameterOffset, hostId);
            return length;
        }

        /// <summary><see cref="Opcode.Challenge"/>.</summary>
        public static int Challenge(byte[] frame, byte requestId)
        {
            return Header(frame, Opcode.Challenge, requestId, MessageLayout.EmptyRequestBytes);
        }

        /// <summary><see cref="Opcode.Prove"/>: host <paramref name="hostId"/> answers with <paramref name="mac"/> (<see cref="LinkTrust.ProofMac"/>).</summary>
        public static int Prove(byte[] frame, byte requestId, ulong hostId, ulong mac)
        {
            int length = Header(frame, Opcode.Prove, requestId, MessageLayout.ProveRequestBytes);
            SipHash24.WriteUInt64(frame, MessageLayout.ParameterOffset, hostId);
            SipHash24.WriteUInt64(frame, MessageLayout.ProveMacOffset, mac);
            return length;
        }

        private static int UInt32Request(byte[] frame, Opcode opcode, byte requestId, uint value)
        {
            int length = Header(frame, opcode, requestId, MessageLayout.UInt32RequestBytes);
            LittleEndian.WriteUInt32(frame, MessageLayout.ParameterOffset, value);
            return length;
        }

        private static int Header(byte[] frame, Opcode opcode, byte requestId, int length)
        {
            if (frame == null || frame.Length < length)
            {
                throw new System.ArgumentException("frame buffer too small for the request", nameof(frame));
            }

            frame[ProtocolConstants.OpcodeOffset] = (byte)opcode;
            frame[ProtocolConstants.RequestIdOffset] = requestId;
            return length;
        }
    }
}
