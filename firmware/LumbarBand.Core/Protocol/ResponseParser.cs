using LumbarBand.Core.Storage;
using LumbarBand.Core.Configuration;

namespace LumbarBand.Core.Protocol
{
    /// <summary>
    /// The host's side of the responses (control-point notifications): header and payload readers over the same
    /// <see cref="MessageLayout"/> the band writes with. Each reader returns false for a frame that is not a success
    /// response of the expected opcode and length; bytes beyond the fields of this version are ignored.
    /// </summary>
    public static class ResponseParser
    {
        /// <summary>Reads the header of any response; false when shorter than a header.</summary>
        public static bool ReadHeader(byte[] response, int length, ResponseHeader header)
        {
            if (header == null || response == null || length < ProtocolConstants.ResponseHeaderBytes || length > response.Length)
            {
                return false;
            }

            header.Opcode = (Opcode)response[ProtocolConstants.OpcodeOffset];
            header.RequestId = response[ProtocolConstants.RequestIdOffset];
            header.Status = (ErrorCode)response[ProtocolConstants.StatusOffset];
            bool hasDetail = header.Status != ErrorCode.None && length > ProtocolConstants.ErrorDetailOffset;
            header.Detail = hasDetail ? response[ProtocolConstants.ErrorDetailOffset] : (byte)0;
            header.PayloadOffset = MessageLayout.PayloadOffset;
            header.PayloadLength = length - MessageLayout.PayloadOffset;
            return true;
        }

        /// <summary>The key of a successful Enroll response; false when it is too short or refused.</summary>
        public static bool ReadEnrollKey(byte[] response, int length, out ulong key0, out ulong key1)
        {
            bool ok = response != null && length >= MessageLayout.EnrollResponseBytes && response[ProtocolConstants.StatusOffset] == (byte)ErrorCode.None;
            key0 = ok ? SipHash24.ReadUInt64(response, MessageLayout.PayloadOffset) : 0;
            key1 = ok ? SipHash24.ReadUInt64(response, MessageLayout.PayloadOffset + 8) : 0;
            return ok;
        }

        /// <summary>The challenge of a successful Challenge response; false when it is too short or refused.</summary>
        public static bool ReadChallenge(byte[] response, int length, out ulong challenge)
        {
            bool ok = response != null && length >= MessageLayout.ChallengeResponseBytes && response[ProtocolConstants.StatusOffset] == (byte)ErrorCode.None;
            challenge = ok ? SipHash24.ReadUInt64(response, MessageLayout.PayloadOffset) : 0;
            return ok;
        }

        /// <summary>Reads a <see cref="Opcode.GetDeviceInfo"/> response into <paramref name="info"/>.</summary>
        public static bool ReadDeviceInfo(byte[] response, int length, DeviceInfo info)
        {
            return info != null
                && IsOk(response, length, Opcode.GetDeviceInfo, MessageLayout.DeviceInfoResponseBytes)
                && info.Read(response, MessageLayout.PayloadOffset, length - MessageLayout.PayloadOffset);
        }

        /// <summary>
        /// Reads a <see cref="Opcode.GetConfiguration"/> response: the encoding's <paramref name="total"/> length and
        /// this page's <paramref name="dataCount"/> bytes at <paramref name="dataOffset"/> of the response.
        /// </summary>
        public static bool ReadConfigurationPage(byte[] response, int length, out int total, out int dataOffset, out int dataCount)
        {
            total = 0;
            dataOffset = MessageLayout.ConfigurationPageDataOffset;
            dataCount = 0;
            if (!IsOk(response, length, Opcode.GetConfiguration, MessageLayout.ConfigurationPageDataOffset))
            {
                return false;
            }

            total = LittleEndian.ReadUInt16(response, MessageLayout.ConfigurationTotalOffset);
            dataCount = length - MessageLayout.ConfigurationPageDataOffset;
            return true;
        }

        /// <summary>Reads a <see cref="Opcode.WriteConfiguration"/> response: bytes staged so far.</summary>
        public static bool ReadStagedLength(byte[] response, int length, out int staged)
        {
            staged = 0;
            if (!IsOk(response, length, Opcode.WriteConfiguration, MessageLayout.WriteConfigurationResponseBytes))
            {
                return false;
            }

            staged = LittleEndian.ReadUInt16(response, MessageLayout.PayloadOffset);
            return true;
        }

        /// <summary>Reads a successful <see cref="Opcode.CommitConfiguration"/> response: setting ids the band skipped as unknown.</summary>
        public static bool ReadCommit(byte[] response, int length, out int unknownSkipped)
        {
            unknownSkipped = 0;
            if (!IsOk(response, length, Opcode.CommitConfiguration, MessageLayout.CommitConfigurationResponseBytes))
            {
                return false;
            }

            unknownSkipped = response[MessageLayout.PayloadOffset];
            return true;
        }

        /// <summary>
        /// Reads an <see cref="ErrorCode.InvalidConfiguration"/> response into <paramref name="error"/>: what the
        /// band's settings codec and validator said, for the host to explain to the therapist.
        /// </summary>
        public static bool ReadConfigurationError(byte[] response, int length, out SettingsError error)
        {
            error = new SettingsError();
            if (response == null || length < MessageLayout.ConfigurationErrorResponseBytes || length > response.Length
                || response[ProtocolConstants.StatusOffset] != (byte)ErrorCode.InvalidConfiguration)
            {
                return false;
            }

            error.Code = (SettingsErrorCode)response[ProtocolConstants.ErrorDetailOffset];
            error.Setting = (SettingId)response[MessageLayout.ConfigurationErrorSettingOffset];
            error.Other = (SettingId)response[MessageLayout.ConfigurationErrorOtherOffset];
            error.Value = LittleEndian.ReadInt32(response, MessageLayout.ConfigurationErrorValueOffset);
            error.Min = LittleEndian.ReadInt32(response, MessageLayout.ConfigurationErrorMinOffset);
            error.Max = LittleEndian.ReadInt32(response, MessageLayout.ConfigurationErrorMaxOffset);
            error.ByteOffset = LittleEndian.ReadUInt16(response, MessageLayout.ConfigurationErrorByteOffset);
            return true;
        }

        /// <summary>
        /// Entries in a <see cref="Opcode.ListSessions"/> response (0: the list is complete), or -1 when it is not a
        /// well-formed success response.
        /// </summary>
        public static int SessionEntryCount(byte[] response, int length)
        {
            if (!IsOk(response, length, Opcode.ListSessions, MessageLayout.EmptyResponseBytes))
            {
                return -1;
            }

            int payload = length - MessageLayout.PayloadOffset;
            return payload % SessionInfo.EncodedBytes == 0 ? payload / SessionInfo.EncodedBytes : -1;
        }

        /// <summary>Reads entry <paramref name="entry"/> (0-based, below <see cref="SessionEntryCount"/>) into <paramref name="info"/>.</summary>
        public static void ReadSessionEntry(byte[] response, int entry, SessionInfo info)
        {
            if (info == null)
            {
                throw new System.ArgumentException("must not be null", nameof(info));
            }

            info.Read(response, MessageLayout.PayloadOffset + (entry * SessionInfo.EncodedBytes));
        }

        /// <summary>Reads a <see cref="Opcode.ReadSession"/> response: the whole session's length and CRC-32.</summary>
        public static bool ReadSessionHeader(byte[] response, int length, out int sessionLength, out uint crc)
        {
            sessionLength = 0;
            crc = 0;
            if (!IsOk(response, length, Opcode.ReadSession, MessageLayout.ReadSessionResponseBytes))
            {
                return false;
            }

            sessionLength = (int)LittleEndian.ReadUInt32(response, MessageLayout.PayloadOffset);
            crc = LittleEndian.ReadUInt32(response, MessageLayout.ReadSessionCrcOffset);
            return sessionLength >= 0;
        }

        private static bool IsOk(byte[] response, int length, Opcode opcode, int minimumLength)
        {
            return response != null
                && length >= minimumLength
                && length <= response.Length
                && response[ProtocolConstants.OpcodeOffset] == (byte)opcode
                && response[ProtocolConstants.StatusOffset] == (byte)ErrorCode.None;
        }
    }
}
