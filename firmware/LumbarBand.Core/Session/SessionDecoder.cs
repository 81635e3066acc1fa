using LumbarBand.Core.Storage;

namespace LumbarBand.Core.Session
{
    /// <summary>
    /// Reads a session's serialized form (its records exactly as the band stored and the protocol downloads them) back
    /// into header, settings, epochs, events and footer. Every record's CRC is checked. Never throws on bad bytes: it
    /// returns what is wrong (<see cref="SessionDecodeResult"/>) and where (<see cref="SessionContent.ErrorOffset"/>).
    /// </summary>
    /// <remarks>
    /// Rules (docs/sessions.md §7): the first record is the log's session start; the header (format version 1 to 4) comes
    /// before any other record of the session; sequence numbers increase; nothing follows the session end. A session
    /// of only a start and an end (storage ran full before its header) decodes, without a header. Records of unknown application types
    /// are skipped (a newer firmware's), acknowledgement records are ignored, and payloads longer than this version's
    /// layout are read as far as it goes. A session without a footer or end record (power lost, storage full) still
    /// decodes. Two passes: one to check and count, one to fill arrays sized by the first.
    /// </remarks>
    public static class SessionDecoder
    {
        /// <summary>Decodes <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="index"/> into <paramref name="content"/>.</summary>
        public static SessionDecodeResult Decode(byte[] data, int index, int count, SessionContent content)
        {
            if (content == null)
            {
                return SessionDecodeResult.InvalidArguments;
            }

            content.Reset();
            if (data == null || index < 0 || count < 0 || count > data.Length - index)
            {
                return SessionDecodeResult.InvalidArguments;
            }

            if (count == 0)
            {
                return SessionDecodeResult.Empty;
            }

            int epochs;
            int events;
            int settingsBytes;
            int stretches;
            int bouts;
            SessionDecodeResult result = Walk(data, index, count, content, false, out epochs, out events, out settingsBytes, out stretches, out bouts);
            if (result != SessionDecodeResult.Ok)
            {
                return result;
            }

            content.Allocate(epochs, events, settingsBytes, stretches, bouts);
            return Walk(data, index, count, content, true, out epochs, out events, out settingsBytes, out stretches, out bouts);
        }

        /// <summary>One pass over the records: checks them and counts (or, with <paramref name="fill"/>, stores) their contents.</summary>
        private static SessionDecodeResult Walk(
            byte[] data, int index, int count, SessionContent content, bool fill,
            out int epochs, out int events, out int settingsBytes, out int stretches, out int bouts)
        {
            stretches = 0;
            bouts = 0;
            epochs = 0;
            events = 0;
            settingsBytes = 0;
            int end = index + count;
            int at = index;
            int records = 0;
            uint lastSequence = 0;
            int lastEpochIndex = -1;
            while (at < end)
            {
                RecordHeader header;
                if (RecordCodec.Decode(data, at, end - at, out header) != DecodeResult.Ok)
                {
                    return Fail(content, at - index, SessionDecodeResult.BadRecord);
                }

                if (records > 0 && header.Sequence <= lastSequence)
                {
                    return Fail(content, at - index, SessionDecodeResult.OutOfOrder);
                }

                if (content.Ended)
                {
                    return Fail(content, at - index, SessionDecodeResult.OutOfOrder);
                }

                int payload = at + RecordFormat.HeaderLength;
                int length = header.PayloadLength;
                byte type = header.Type;
                if (records == 0)
                {
                    if (type != RecordTypes.SessionStart)
                    {
                        return Fail(content, 0, SessionDecodeResult.NotASession);
                    }

                    content.SessionId = LittleEndian.ReadUInt32(data, payload);
                }
                else if (!content.HasHeader && RecordTypes.IsApplication(type) && type != SessionRecordTypes.Header)
                {
                    return Fail(content, at - index, SessionDecodeResult.MissingHeader);
                }
                else
                {
                    SessionDecodeResult check = Take(
                        data, payload, length, type, content, fill, ref epochs, ref events, ref settingsBytes, ref stretches, ref bouts, ref lastEpochIndex);
                    if (check != SessionDecodeResult.Ok)
                    {
                        return Fail(content, at - index, check);
                    }
                }

                lastSequence = header.Sequence;
                records++;
                at += header.EncodedLength;
            }

            return SessionDecodeResult.Ok;
        }

        /// <summary>Checks (and with <paramref name="fill"/> stores) one record after the session start.</summary>
        private static SessionDecodeResult Take(
            byte[] data, int payload, int length, byte type, SessionContent content, bool fill,
            ref int epochs, ref int events, ref int settingsBytes, ref int stretches, ref int bouts, ref int lastEpochIndex)
        {
            switch (type)
            {
                case RecordTypes.SessionStart:
                    return SessionDecodeResult.OutOfOrder;
                case RecordTypes.SessionEnd:
                    if (LittleEndian.ReadUInt32(data, payload) != content.SessionId)
                    {
                        return SessionDecodeResult.WrongSession;
                    }

                    content.Ended = true;
                    return SessionDecodeResult.Ok;
                case RecordTypes.Acknowledge:
                    return SessionDecodeResult.Ok;
                case SessionRecordTypes.Header:
                    return TakeHeader(data, payload, length, content);
                case SessionRecordTypes.Settings:
                    if (fill)
                    {
                        System.Array.Copy(data, payload, content.SettingsBuffer, settingsBytes, length);
                    }

                    settingsBytes += length;
                    return SessionDecodeResult.Ok;
                case SessionRecordTypes.Epochs:
                    return TakeEpochs(data, payload, length, content, fill, ref epochs, ref lastEpochIndex);
                case SessionRecordTypes.Event:
                    if (length < SessionEventRecord.EventLength)
                    {
                        return SessionDecodeResult.InvalidPayload;
                    }

                    if (fill)
                    {
                        content.Event(events).DecodeEvent(data, payload);
                    }

                    events++;
                    return SessionDecodeResult.Ok;
                case SessionRecordTypes.Calibration:
                    if (length < SessionEventRecord.CalibrationLength)
                    {
                        return SessionDecodeResult.InvalidPayload;
                    }

                    if (fill)
                    {
                        content.Event(events).DecodeCalibration(data, payload);
                    }

                    events++;
                    return SessionDecodeResult.Ok;
                case SessionRecordTypes.Stretch:
                    if (length < SessionStretchRecord.EncodedLength)
                    {
                        return SessionDecodeResult.InvalidPayload;
                    }

                    if (fill)
                    {
                        content.Stretch(stretches).Decode(data, payload);
                    }

                    stretches++;
                    return SessionDecodeResult.Ok;
                case SessionRecordTypes.Bout:
                    if (length < SessionBoutRecord.EncodedLength)
                    {
                        return SessionDecodeResult.InvalidPayload;
                    }

                    if (fill)
                    {
                        content.Bout(bouts).Decode(data, payload);
                    }

                    bouts++;
                    return SessionDecodeResult.Ok;
                case SessionRecordTypes.Footer:
                    if (length < SessionFooter.EncodedLength || content.HasFooter)
                    {
                        return SessionDecodeResult.InvalidPayload;
                    }

                    content.Footer.Decode(data, payload);
                    content.HasFooter = true;
                    return SessionDecodeResult.Ok;
                default:
                    if (!fill)
                    {
                        content.SkippedRecords++;
                    }

                    return SessionDecodeResult.Ok;
            }
        }

        private static SessionDecodeResult TakeHeader(byte[] data, int payload, int length, SessionContent content)
        {
            if (length < 1)
            {
                return SessionDecodeResult.InvalidPayload;
            }

            int version = SessionHeader.ReadFormatVersion(data, payload);
            if (version < SessionHeader.OldestReadableFormatVersion || version > SessionHeader.CurrentFormatVersion)
            {
                return SessionDecodeResult.UnsupportedVersion;
            }

            if (length < SessionHeader.MinEncodedLength || content.HasHeader)
            {
                return SessionDecodeResult.InvalidPayload;
            }

            SessionHeader header = content.Header;
            header.Decode(data, payload, length);
            content.HasHeader = true;
            if (header.SessionId != content.SessionId)
            {
                return SessionDecodeResult.WrongSession;
            }

            return header.EpochSeconds == 0 ? SessionDecodeResult.InvalidPayload : SessionDecodeResult.Ok;
        }

        private static SessionDecodeResult TakeEpochs(
            byte[] data, int payload, int length, SessionContent content, bool fill, ref int epochs, ref int lastEpochIndex)
        {
            // The epoch's length is its session's format's (26 bytes from format 4, 24 before).
            int epochLength = EpochSummary.EncodedLengthOf(content.Header.FormatVersion);
            if (length == 0 || length % epochLength != 0)
            {
                return SessionDecodeResult.InvalidPayload;
            }

            for (int at = payload; at < payload + length; at += epochLength)
            {
                int epochIndex = LittleEndian.ReadUInt16(data, at);
                if (epochIndex <= lastEpochIndex)
                {
                    return SessionDecodeResult.InvalidPayload;
                }

                lastEpochIndex = epochIndex;
                if (fill)
                {
                    content.Epoch(epochs).Decode(data, at, epochLength);
                }

                epochs++;
            }

            return SessionDecodeResult.Ok;
        }

        private static SessionDecodeResult Fail(SessionContent content, int offset, SessionDecodeResult result)
        {
            content.ErrorOffset = offset;
            return result;
        }
    }
}
