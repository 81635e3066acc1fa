using LumbarBand.Core.Storage;

namespace LumbarBand.Core.Session
{
    /// <summary>
    /// Reads one stored session's serialized form: its records exactly as stored (header, payload and CRC of each),
    /// from its <see cref="RecordTypes.SessionStart"/> to its <see cref="RecordTypes.SessionEnd"/>, skipping the host
    /// acknowledgements the log may have written in between (they belong to no session). Keeps its place, so a
    /// download reading chunk after chunk walks each record once.
    /// </summary>
    /// <remarks>Owns one record buffer (265 bytes) besides its <see cref="RecordReader"/>; allocates nothing after construction.</remarks>
    public sealed class SessionReadCursor
    {
        private readonly RecordReader _reader;
        private readonly byte[] _record = new byte[RecordFormat.MaxRecordLength];
        private uint _sessionId;
        private bool _positioned;
        private bool _ended;
        private int _recordStart;
        private int _recordLength;
        private byte _recordType;
        private uint _recordSequence;
        private uint _recordSessionId;

        /// <summary>Creates a cursor over <paramref name="log"/>.</summary>
        public SessionReadCursor(RecordLog log)
        {
            _reader = new RecordReader(log);
        }

        /// <summary>The session the cursor is in (0 when not positioned).</summary>
        public uint SessionId { get { return _positioned ? _sessionId : 0; } }

        /// <summary>Offset of the current record within the session's serialized form.</summary>
        public int RecordStart { get { return _recordStart; } }

        /// <summary>Bytes of the current record as stored.</summary>
        public int RecordLength { get { return _recordLength; } }

        /// <summary>Type of the current record.</summary>
        public byte RecordType { get { return _recordType; } }

        /// <summary>Sequence number of the current record.</summary>
        public uint RecordSequence { get { return _recordSequence; } }

        /// <summary>The session the current record belongs to (0 for an acknowledgement), as the log's reader reports it.</summary>
        public uint RecordSessionId { get { return _recordSessionId; } }

        /// <summary>True when the current record is the session's end record.</summary>
        public bool AtEnd { get { return _ended; } }

        /// <summary>The current record as stored (<see cref="RecordLength"/> bytes from 0); valid until the next move.</summary>
        public byte[] Record { get { return _record; } }

        /// <summary>Forgets the position (after someone else moved the log, e.g. a format).</summary>
        public void Invalidate()
        {
            _positioned = false;
        }

        /// <summary>
        /// Positions before the oldest stored record, for a pass over every record with <see cref="ScanNext"/> (the
        /// catalog's rebuild). Leaves any session read.
        /// </summary>
        public void BeginScan()
        {
            _positioned = false;
            _ended = false;
            _reader.SeekToOldest();
        }

        /// <summary>Loads the next stored record of any session; false at the end of the log.</summary>
        public bool ScanNext()
        {
            if (!_reader.ReadNext())
            {
                return false;
            }

            Load();
            return true;
        }

        /// <summary>Moves to the start record of session <paramref name="sessionId"/>; false if it is not (or no longer) stored.</summary>
        public bool Seek(uint sessionId)
        {
            _positioned = false;
            _ended = false;
            if (sessionId == 0 || !_reader.SeekToSession(sessionId) || !_reader.ReadNext())
            {
                return false;
            }

            if (_reader.Type != RecordTypes.SessionStart || _reader.SessionId != sessionId)
            {
                return false;
            }

            _sessionId = sessionId;
            _recordStart = 0;
            _recordLength = 0;
            Load();
            _positioned = true;
            return true;
        }

        /// <summary>Moves to the session's next record; false after its end record, or if the rest is not readable.</summary>
        public bool Next()
        {
            if (!_positioned || _ended)
            {
                return false;
            }

            while (_reader.ReadNext())
            {
                if (_reader.Type == RecordTypes.Acknowledge)
                {
                    continue;
                }

                if (_reader.SessionId != _sessionId)
                {
                    // The session's records stop without its end (evicted under us, or never ended): unreadable.
                    _positioned = false;
                    return false;
                }

                _recordStart += _recordLength;
                Load();
                return true;
            }

            return false;
        }

        /// <summary>
        /// Copies up to <paramref name="count"/> bytes of session <paramref name="sessionId"/>'s serialized form from
        /// <paramref name="offset"/> into <paramref name="buffer"/> at <paramref name="index"/>. Returns the bytes copied
        /// (fewer only at the session's end), or -1 when the session or that part of it is not readable.
        /// </summary>
        public int Read(uint sessionId, int offset, byte[] buffer, int index, int count)
        {
            if (buffer == null || offset < 0 || count < 0 || index < 0 || count > buffer.Length - index)
            {
                return -1;
            }

            if (!_positioned || _sessionId != sessionId || offset < _recordStart)
            {
                if (!Seek(sessionId))
                {
                    return -1;
                }
            }

            while (offset >= _recordStart + _recordLength)
            {
                if (!Next())
                {
                    // Past the end record: nothing more to read there; anything else is unreadable.
                    return _ended && offset == _recordStart + _recordLength ? 0 : -1;
                }
            }

            int copied = 0;
            while (copied < count)
            {
                int inRecord = offset - _recordStart;
                int n = _recordLength - inRecord;
                if (n > count - copied)
                {
                    n = count - copied;
                }

                System.Array.Copy(_record, inRecord, buffer, index + copied, n);
                copied += n;
                offset += n;
                if (copied < count && !Next())
                {
                    if (!_ended)
                    {
                        return -1;
                    }

                    break;
                }
            }

            return copied;
        }

        private void Load()
        {
            _recordLength = _reader.EncodedLength;
            _recordType = _reader.Type;
            _recordSequence = _reader.Sequence;
            _recordSessionId = _reader.SessionId;
            _reader.CopyEncoded(_record, 0);
            _ended = _recordType == RecordTypes.SessionEnd;
        }
    }
}
