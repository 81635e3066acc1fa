using System;

namespace LumbarBand.Core.Storage
{
    /// <summary>
    /// Walks a <see cref="RecordLog"/>'s records in sequence order, for the download protocol: from the oldest, from a
    /// sequence number (to resume a transfer), or from the start of a session. Every record it returns has passed its
    /// CRC and sequence check; it never returns uncommitted records, whose sequence numbers a power cut could give to
    /// other records. Owns one record buffer (265 bytes), allocated once.
    /// </summary>
    /// <remarks>
    /// The reader may be used between appends: it picks up new committed records, and if the segment it was reading
    /// is reclaimed, it carries on from the oldest record still stored after the last one it returned.
    /// </remarks>
    public sealed class RecordReader
    {
        private readonly RecordLog _log;
        private readonly byte[] _record;

        /// <summary>The next sequence number to return: earlier records are walked over (for their session context) but not returned.</summary>
        private uint _wanted;

        private int _segment;
        private uint _segmentFirstSequence;
        private int _offset;
        private uint _expected;
        private uint _session;
        private bool _sessionOpen;

        private RecordHeader _current;
        private uint _currentSessionId;
        private bool _hasCurrent;

        /// <summary>Creates a reader of <paramref name="log"/>, positioned at its oldest record.</summary>
        public RecordReader(RecordLog log)
        {
            ArgumentNullException.ThrowIfNull(log, nameof(log));
            _log = log;
            _record = new byte[RecordFormat.MaxRecordLength];
            SeekToOldest();
        }

        /// <summary>Type of the current record.</summary>
        public byte Type { get { return _hasCurrent ? _current.Type : (byte)0; } }

        /// <summary>Sequence number of the current record.</summary>
        public uint Sequence { get { return _hasCurrent ? _current.Sequence : 0; } }

        /// <summary>
        /// The session the current record belongs to: for session start and end records the session they start or
        /// end, for application records the session open when they were written, 0 for acknowledgements.
        /// </summary>
        public uint SessionId { get { return _hasCurrent ? _currentSessionId : 0; } }

        /// <summary>Bytes of payload of the current record.</summary>
        public int PayloadLength { get { return _hasCurrent ? _current.PayloadLength : 0; } }

        /// <summary>Bytes of the current record as stored (header, payload, CRC).</summary>
        public int EncodedLength { get { return _hasCurrent ? _current.EncodedLength : 0; } }

        /// <summary>Positions the reader before the oldest record still stored.</summary>
        public void SeekToOldest()
        {
            _hasCurrent = false;
            _wanted = 0;
            Reposition();
        }

        /// <summary>
        /// Positions the reader before the first stored record with a sequence number at or after
        /// <paramref name="sequence"/>. False when records from <paramref name="sequence"/> on have been evicted (reading
        /// then starts at the oldest record still stored).
        /// </summary>
        public bool SeekToSequence(uint sequence)
        {
            _hasCurrent = false;
            _wanted = sequence;
            Reposition();
            return sequence >= _log.OldestSequence;
        }

        /// <summary>
        /// Positions the reader before the start record of session <paramref name="sessionId"/>. False when that record is
        /// no longer (or was never) stored; the reader is then at the end of the log.
        /// </summary>
        public bool SeekToSession(uint sessionId)
        {
            _hasCurrent = false;

            // The session's start record can only be in the last segment that opened before the session started.
            SegmentTable table = _log.Segments;
            int start = SegmentTable.None;
            for (int s = table.Oldest(); s != SegmentTable.None; s = table.Successor(s))
            {
                if (table.LastSessionId(s) < sessionId)
                {
                    start = s;
                }
            }

            if (start != SegmentTable.None)
            {
                _wanted = table.FirstSequence(start);
                Enter(start);
                while (Advance())
                {
                    if (_current.Type == RecordTypes.SessionStart && _currentSessionId >= sessionId)
                    {
                        if (_currentSessionId != sessionId)
                        {
                            break;
                        }

                        _hasCurrent = false;
                        _wanted = _current.Sequence;
                        Reposition();
                        return true;
                    }
                }
            }

            _hasCurrent = false;
            _wanted = _log.NextSequence;
            Reposition();
            return false;
        }

        /// <summary>Moves to the next committed record; false at the end of the log (call again after more commits).</summary>
        public bool ReadNext()
        {
            _hasCurrent = Advance();
            return _hasCurrent;
        }

        /// <summary>Copies the current record's payload into <paramref name="destination"/> at <paramref name="index"/>.</summary>
        public void CopyPayload(byte[] destination, int index)
        {
            RequireCurrent();
            Array.Copy(_record, RecordFormat.HeaderLength, destination, index, _current.PayloadLength);
        }

        /// <summary>Copies the current record as stored (<see cref="EncodedLength"/> bytes) into <paramref name="destination"/> at <paramref name="index"/>.</summary>
        public void CopyEncoded(byte[] destination, int index)
        {
            RequireCurrent();
            Array.Copy(_record, 0, destination, index, _current.EncodedLength);
        }

        private void RequireCurrent()
        {
            if (!_hasCurrent)
            {
                throw new InvalidOperationException("no current record: call ReadNext first");
            }
        }

        /// <summary>Reads on to the next record at or after <see cref="_wanted"/>; false at the end of committed data.</summary>
        private bool Advance()
        {
            SegmentTable table = _log.Segments;
            while (true)
            {
                if (_segment == SegmentTable.None || !table.IsValid(_segment) || table.FirstSequence(_segment) != _segmentFirstSequence)
                {
                    // Not positioned yet, or the segment was reclaimed since: find the place again.
                    if (!Reposition())
                    {
                        return false;
                    }
                }

                int end = _segment == _log.ActiveSegment ? _log.ActiveCommittedLength : table.Length(_segment);
                RecordHeader header;
                if (_offset < end
                    && RecordScanner.Read(_log.Storage, _segment, _offset, end, _record, out header) == DecodeResult.Ok
                    && header.Sequence == _expected)
                {
                    Take(header);
                    if (header.Sequence >= _wanted)
                    {
                        _wanted = header.Sequence + 1;
                        return true;
                    }

                    continue;
                }

                // The end of this segment's data (or bytes that do not verify, which end it just the same).
                int next = table.Successor(_segment);
                if (next == SegmentTable.None)
                {
                    return false;
                }

                Enter(next);
            }
        }

        /// <summary>Moves the cursor past the record just read, following session starts and ends.</summary>
        private void Take(RecordHeader header)
        {
            _current = header;
            if (header.Type == RecordTypes.SessionStart)
            {
                _session = RecordCodec.ReadControlSessionId(_record, 0);
                _sessionOpen = true;
                _currentSessionId = _session;
            }
            else if (header.Type == RecordTypes.SessionEnd)
            {
                _sessionOpen = false;
                _currentSessionId = RecordCodec.ReadControlSessionId(_record, 0);
            }
            else if (header.Type == RecordTypes.Acknowledge)
            {
                _currentSessionId = 0;
            }
            else
            {
                _currentSessionId = _sessionOpen ? _session : 0;
            }

            _offset += header.EncodedLength;
            _expected++;
        }

        /// <summary>Puts the cursor at the start of the segment that holds <see cref="_wanted"/> (or the oldest); false if the log is empty.</summary>
        private bool Reposition()
        {
            SegmentTable table = _log.Segments;
            int segment = table.Containing(_wanted);
            if (segment == SegmentTable.None)
            {
                segment = table.Oldest();
            }

            if (segment == SegmentTable.None)
            {
                _segment = SegmentTable.None;
                return false;
            }

            Enter(segment);
            return true;
        }

        private void Enter(int segment)
        {
            SegmentTable table = _log.Segments;
            _segment = segment;
            _segmentFirstSequence = table.FirstSequence(segment);
            _offset = SegmentHeader.EncodedLength;
            _expected = _segmentFirstSequence;
            _session = table.LastSessionId(segment);
            _sessionOpen = table.SessionOpen(segment);
        }
    }
}
