using LumbarBand.Core.Configuration;
using LumbarBand.Core.Storage;

namespace LumbarBand.Core.Session
{
    /// <summary>
    /// Puts the <see cref="SessionRecorder"/>'s finished records into the <see cref="RecordLog"/>: starts and ends the
    /// log's sessions, writes the header with the settings snapshot after it, batches epochs
    /// (<see cref="EpochsPerRecord"/> to a record), commits, and stops recording when the log is full.
    /// </summary>
    /// <remarks>
    /// <para>Runs where flash work belongs: on the device, the control thread, which takes entries from the lock-free
    /// outbox (<see cref="SessionOutbox.TryTake"/>, through <see cref="BandPort.MoveRecords"/>) and writes each with
    /// <see cref="Write"/>; on a PC, <see cref="Flush"/> after each sample. What ends up in the log depends only on the entries, not on when
    /// they are written.</para>
    /// <para>Commits (each closes a littlefs file and rewrites its last block) happen after a session's header and
    /// settings, after each epoch record (every <see cref="EpochsPerRecord"/> epochs), after each event, and with the
    /// log's session end. A power cut therefore loses at most the epochs not yet in a record (5 minutes at the
    /// default epoch) and the open session's footer; the session stays readable without it.</para>
    /// <para>Storage full: if the log refuses a session start, that session is not recorded; if it refuses a record
    /// mid-session, the log's session is ended there (ending always has room) and the rest of the session is
    /// dropped. Cueing goes on regardless (it never waits for storage); <see cref="StorageFull"/> reports it until a
    /// later session starts again.</para>
    /// </remarks>
    public sealed class SessionWriter
    {
        /// <summary>
        /// Epochs written in one record: 5. A record costs 10 bytes besides its payload; one epoch a record at the
        /// default 60 s epoch would cost 600 bytes an hour in record overhead alone, five to a record 120 (four, as in
        /// session formats 1–3, cost 150: format 4's speed, stride length and bout records needed the 30). The price
        /// is that a power cut loses up to five epochs not yet written.
        /// </summary>
        public const int EpochsPerRecord = 5;

        private readonly RecordLog _log;
        private readonly BandSettings _settings;
        private readonly SessionCatalog _catalog;
        private readonly SessionOutboxEntry _entry = new SessionOutboxEntry();
        private readonly byte[] _batch = new byte[EpochsPerRecord * EpochSummary.EncodedLength];
        private readonly byte[] _snapshot = new byte[SettingsCodec.MaxEncodedLength];
        private int _batchCount;
        private bool _recording;
        private uint _sessionId;

        /// <summary>
        /// Creates a writer into <paramref name="log"/>, taking each session's settings snapshot from
        /// <paramref name="settings"/> and telling <paramref name="catalog"/> (may be null) when a session closes.
        /// </summary>
        public SessionWriter(RecordLog log, BandSettings settings, SessionCatalog catalog)
        {
            if (log == null || settings == null)
            {
                throw new System.ArgumentException("the writer needs a log and the settings", nameof(log));
            }

            _log = log;
            _settings = settings;
            _catalog = catalog;
        }

        /// <summary>True while the recorder's session is going into the log.</summary>
        public bool IsRecording { get { return _recording; } }

        /// <summary>The log's id of the session being recorded (0 when none is).</summary>
        public uint SessionId { get { return _recording ? _sessionId : 0; } }

        /// <summary>True after the log refused a session or a record for lack of room, until a session starts again.</summary>
        public bool StorageFull { get; private set; }

        /// <summary>Records (or session starts) the log refused.</summary>
        public int RefusedRecords { get; private set; }

        /// <summary>
        /// At boot, before anything is written: ends a session a power cut or crash left open in the log. It keeps the
        /// records that were committed; it has no footer (readers compute the totals from its epochs).
        /// </summary>
        public void EndInterruptedSession()
        {
            if (_log.IsSessionOpen)
            {
                uint id = _log.CurrentSessionId;
                _log.EndSession();
                OnClosed(id);
            }
        }

        /// <summary>Writes every entry waiting in <paramref name="outbox"/>; returns how many. For single-threaded use (PC, tests).</summary>
        public int Flush(SessionOutbox outbox)
        {
            int written = 0;
            while (outbox != null && outbox.TryTake(_entry))
            {
                Write(_entry);
                written++;
            }

            return written;
        }

        /// <summary>Writes one entry taken from the recorder's outbox.</summary>
        public void Write(SessionOutboxEntry entry)
        {
            if (entry == null)
            {
                return;
            }

            switch (entry.Operation)
            {
                case SessionOperation.StartSession:
                    Start();
                    break;
                case SessionOperation.Append:
                    Append(entry);
                    break;
                case SessionOperation.EndSession:
                    End();
                    break;
                default:
                    break;
            }
        }

        /// <summary>Forgets the session being written without touching the log (the log is about to be formatted).</summary>
        public void Reset()
        {
            _recording = false;
            _batchCount = 0;
            _sessionId = 0;
            StorageFull = false;
        }

        private void Start()
        {
            WriteBatch();
            if (_log.IsSessionOpen)
            {
                // The previous session's end was lost (its entry dropped): end it before the new one.
                uint stale = _log.CurrentSessionId;
                _log.EndSession();
                OnClosed(stale);
            }

            if (_log.IsFull)
            {
                // Still full since a record was refused (only an acknowledgement makes room): starting would record
                // a session of a start and an end, nothing else.
                _recording = false;
                _sessionId = 0;
                RefusedRecords++;
                StorageFull = true;
                return;
            }

            LogResult result = _log.StartSession();
            _recording = result == LogResult.Ok;
            _sessionId = _recording ? _log.CurrentSessionId : 0;
            if (_recording)
            {
                StorageFull = false;
            }
            else
            {
                RefusedRecords++;
                StorageFull = result == LogResult.Full;
            }
        }

        private void Append(SessionOutboxEntry entry)
        {
            if (!_recording)
            {
                return;
            }

            if (entry.Type == SessionRecordTypes.Epochs)
            {
                if (entry.Length == EpochSummary.EncodedLength)
                {
                    System.Array.Copy(entry.Payload, 0, _batch, _batchCount * EpochSummary.EncodedLength, EpochSummary.EncodedLength);
                    _batchCount++;
                    if (_batchCount == EpochsPerRecord)
                    {
                        WriteBatch();
                    }
                }

                return;
            }

            WriteBatch();
            if (!_recording)
            {
                return;
            }

            if (entry.Type == SessionRecordTypes.Header)
            {
                LittleEndian.WriteUInt32(entry.Payload, SessionHeader.SessionIdOffset, _sessionId);
                if (AppendRecord(SessionRecordTypes.Header, entry.Payload, 0, entry.Length))
                {
                    WriteSettingsSnapshot();
                }

                return;
            }

            if (AppendRecord(entry.Type, entry.Payload, 0, entry.Length) && entry.Type != SessionRecordTypes.Footer)
            {
                // The footer is made durable by the session end right after it.
                _log.Commit();
            }
        }

        private void End()
        {
            WriteBatch();
            if (!_recording)
            {
                return;
            }

            _recording = false;
            _log.EndSession();
            OnClosed(_sessionId);
        }

        /// <summary>The settings in force, as <see cref="SettingsCodec"/> bytes, split over records of at most 255 bytes.</summary>
        private void WriteSettingsSnapshot()
        {
            int length = SettingsCodec.Encode(_settings, _snapshot, 0);
            for (int at = 0; at < length && _recording; at += RecordFormat.MaxPayloadLength)
            {
                int count = length - at < RecordFormat.MaxPayloadLength ? length - at : RecordFormat.MaxPayloadLength;
                AppendRecord(SessionRecordTypes.Settings, _snapshot, at, count);
            }

            if (_recording)
            {
                _log.Commit();
            }
        }

        private void WriteBatch()
        {
            int count = _batchCount;
            _batchCount = 0;
            if (count > 0 && _recording && AppendRecord(SessionRecordTypes.Epochs, _batch, 0, count * EpochSummary.EncodedLength))
            {
                _log.Commit();
            }
        }

        /// <summary>Appends one record; when the log is full, ends the log's session there and stops recording.</summary>
        private bool AppendRecord(byte type, byte[] payload, int index, int count)
        {
            LogResult result = _log.Append(type, payload, index, count);
            if (result == LogResult.Ok)
            {
                return true;
            }

            RefusedRecords++;
            if (result == LogResult.Full)
            {
                StorageFull = true;
            }

            // Whatever the reason, nothing more of this session can be written: close what is there.
            _recording = false;
            _batchCount = 0;
            if (_log.IsSessionOpen)
            {
                _log.EndSession();
                OnClosed(_sessionId);
            }

            return false;
        }

        private void OnClosed(uint sessionId)
        {
            if (_catalog != null)
            {
                _catalog.OnSessionClosed(sessionId);
            }
        }
    }
}
