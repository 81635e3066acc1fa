using System;

namespace LumbarBand.Core.Storage
{
    /// <summary>
    /// An append-only, power-loss-safe log of records grouped in sessions, over an <see cref="IRecordStorage"/> of a few
    /// fixed-size segments used as a ring. The newest segment takes appends; when it is full the log seals it and
    /// opens the next: an empty segment if there is one, else the oldest, but only if every session in it has been
    /// acknowledged by the host. Otherwise the log is full: appends return <see cref="LogResult.Full"/> and nothing is
    /// overwritten. Acknowledgement is cumulative (the host confirms "every session up to N"), so acknowledged data
    /// is always the oldest and segments are reclaimed strictly oldest first. Format and algorithms: docs/storage.md.
    /// </summary>
    /// <remarks>
    /// Appends are not durable until <see cref="Commit"/> (on the band, closing the file stream); batch them. Starting
    /// and ending sessions, acknowledging, and opening a segment commit by themselves. Nothing is allocated after
    /// construction; the log holds one record buffer (265 bytes) and about 14 bytes per segment.
    /// </remarks>
    public sealed class RecordLog
    {
        /// <summary>Fewest segments: eviction needs one segment to reclaim while another holds the newest data.</summary>
        public const int MinimumSegmentCount = 2;

        /// <summary>
        /// Room an open session keeps free in the active segment, so that it can always end: application records and
        /// acknowledgements never use it. Without it a full log could hold a session that can neither end nor (being
        /// open) be acknowledged and evicted.
        /// </summary>
        public const int SessionEndReserve = RecordFormat.ControlRecordLength;

        /// <summary>
        /// Room application records and session starts leave free at the end of each segment: one session end and one
        /// acknowledgement, so that a full log can still close its session and durably take the host's acknowledgement.
        /// </summary>
        public const int ControlReserve = SessionEndReserve + RecordFormat.ControlRecordLength;

        /// <summary>Smallest segment: a header, the largest record and the control reserve.</summary>
        public const int MinimumSegmentCapacity = SegmentHeader.EncodedLength + RecordFormat.MaxRecordLength + ControlReserve;

        private readonly IRecordStorage _storage;
        private readonly SegmentTable _segments;
        private readonly LogRecovery _recovery;

        /// <summary>Holds the record being written (and, during recovery, the one being read).</summary>
        private readonly byte[] _record;

        /// <summary>Payload of a control record: one session id.</summary>
        private readonly byte[] _controlPayload;

        private int _active;
        private int _activeCommittedLength;
        private uint _nextSequence;
        private uint _committedNextSequence;
        private uint _lastSessionId;
        private bool _sessionOpen;
        private uint _acknowledgedThrough;
        private uint _acknowledgedDurably;
        private bool _formatSupported;

        /// <summary>
        /// Opens the log on <paramref name="storage"/> and runs the recovery scan: torn tails are cut off, and the
        /// sequence numbers, sessions and acknowledgements carry on from what survived.
        /// </summary>
        public RecordLog(IRecordStorage storage)
        {
            ArgumentNullException.ThrowIfNull(storage, nameof(storage));
            if (storage.SegmentCount < MinimumSegmentCount || storage.SegmentCapacity < MinimumSegmentCapacity)
            {
                throw new ArgumentException("too few or too small segments for a record log", nameof(storage));
            }

            _storage = storage;
            _segments = new SegmentTable(storage.SegmentCount);
            _recovery = new LogRecovery();
            _record = new byte[RecordFormat.MaxRecordLength];
            _controlPayload = new byte[RecordFormat.ControlPayloadLength];
            Recover();
        }

        /// <summary>
        /// "Storage full": true after an append or session start found no room; false again once one succeeds or an
        /// acknowledgement makes room.
        /// </summary>
        public bool IsFull { get; private set; }

        /// <summary>False when the storage holds segments of another format version; the log then writes nothing.</summary>
        public bool IsFormatSupported { get { return _formatSupported; } }

        /// <summary>Whether a session is open (records can be appended).</summary>
        public bool IsSessionOpen { get { return _sessionOpen; } }

        /// <summary>The open session's id, or 0 when none is open.</summary>
        public uint CurrentSessionId { get { return _sessionOpen ? _lastSessionId : 0; } }

        /// <summary>The newest session id ever started (0: none). Session ids start at 1 and never repeat.</summary>
        public uint LastSessionId { get { return _lastSessionId; } }

        /// <summary>The host's acknowledgement watermark: every session up to this id may be evicted.</summary>
        public uint AcknowledgedThrough { get { return _acknowledgedThrough; } }

        /// <summary>Sequence number the next record will get.</summary>
        public uint NextSequence { get { return _nextSequence; } }

        /// <summary>Sequence number of the newest committed record (0: none). Readers see records up to this one.</summary>
        public uint CommittedSequence { get { return _committedNextSequence - 1; } }

        /// <summary>Sequence number of the oldest record still stored (equals <see cref="NextSequence"/> when none is).</summary>
        public uint OldestSequence
        {
            get
            {
                int oldest = _segments.Oldest();
                return oldest == SegmentTable.None ? _nextSequence : _segments.FirstSequence(oldest);
            }
        }

        /// <summary>Bytes the segments hold, headers included.</summary>
        public int UsedBytes { get { return _segments.TotalLength(); } }

        /// <summary>Bytes all segments can hold.</summary>
        public int CapacityBytes { get { return _storage.SegmentCount * _storage.SegmentCapacity; } }

        /// <summary>Bytes the last recovery cut off a torn tail.</summary>
        public int RecoveredTornBytes { get { return _recovery.TornBytes; } }

        /// <summary>Segments the last recovery emptied because their header did not verify.</summary>
        public int RecoveredErasedSegments { get { return _recovery.ErasedSegments; } }

        internal IRecordStorage Storage { get { return _storage; } }

        internal SegmentTable Segments { get { return _segments; } }

        internal int ActiveSegment { get { return _active; } }

        internal int ActiveCommittedLength { get { return _activeCommittedLength; } }

        /// <summary>
        /// Starts a session with the next session id (<see cref="CurrentSessionId"/>) and commits. Returns
        /// <see cref="LogResult.SessionOpen"/> if one is open, <see cref="LogResult.Full"/> if there is no room.
        /// </summary>
        public LogResult StartSession()
        {
            if (!_formatSupported)
            {
                return LogResult.UnsupportedFormat;
            }

            if (_sessionOpen)
            {
                return LogResult.SessionOpen;
            }

            uint id = _lastSessionId + 1;
            LogResult result = WriteControl(RecordTypes.SessionStart, id, ControlReserve);
            IsFull = result == LogResult.Full;
            if (result == LogResult.Ok)
            {
                _lastSessionId = id;
                _sessionOpen = true;
                Commit();
            }

            return result;
        }

        /// <summary>
        /// Ends the open session and commits. Possible even when the log is full: an open session always keeps
        /// <see cref="SessionEndReserve"/> free.
        /// </summary>
        public LogResult EndSession()
        {
            if (!_formatSupported)
            {
                return LogResult.UnsupportedFormat;
            }

            if (!_sessionOpen)
            {
                return LogResult.NoSession;
            }

            LogResult result = WriteControl(RecordTypes.SessionEnd, _lastSessionId, 0);
            if (result == LogResult.Ok)
            {
                _sessionOpen = false;
                Commit();
            }

            return result;
        }

        /// <summary>
        /// Appends a record of application <paramref name="type"/> with <paramref name="count"/> bytes of
        /// <paramref name="payload"/> from <paramref name="index"/> to the open session. Not durable until
        /// <see cref="Commit"/>. Returns <see cref="LogResult.Full"/>, writing nothing, when every segment holds
        /// unacknowledged data.
        /// </summary>
        public LogResult Append(byte type, byte[] payload, int index, int count)
        {
            ArgumentNullException.ThrowIfNull(payload, nameof(payload));
            if (index < 0 || count < 0 || count > payload.Length - index)
            {
                throw new ArgumentOutOfRangeException(nameof(count));
            }

            if (!_formatSupported)
            {
                return LogResult.UnsupportedFormat;
            }

            if (!RecordTypes.IsApplication(type))
            {
                return LogResult.InvalidType;
            }

            if (count > RecordFormat.MaxPayloadLength)
            {
                return LogResult.TooLarge;
            }

            if (!_sessionOpen)
            {
                return LogResult.NoSession;
            }

            LogResult result = Write(type, payload, index, count, ControlReserve);
            IsFull = result == LogResult.Full;
            return result;
        }

        /// <summary>
        /// Records that the host holds every session up to and including <paramref name="sessionId"/>, and commits. Those
        /// sessions may then be evicted, oldest first, when room is needed. Acknowledging an open session, or one never
        /// started, is refused. If the acknowledgement cannot be written (<see cref="LogResult.Full"/>), it still
        /// applies until the next reboot and becomes durable with the next segment the log opens.
        /// </summary>
        public LogResult Acknowledge(uint sessionId)
        {
            if (!_formatSupported)
            {
                return LogResult.UnsupportedFormat;
            }

            if (sessionId > _lastSessionId)
            {
                return LogResult.UnknownSession;
            }

            if (_sessionOpen && sessionId == _lastSessionId)
            {
                return LogResult.SessionOpen;
            }

            if (sessionId <= _acknowledgedDurably)
            {
                // Nothing new to write, but the caller may rely on the commit every acknowledgement makes.
                Commit();
                return LogResult.Ok;
            }

            if (sessionId > _acknowledgedThrough)
            {
                _acknowledgedThrough = sessionId;

                // "Storage full" ends when the acknowledgement makes a segment reclaimable.
                IsFull = IsFull && ChooseNextSegment() == SegmentTable.None;
            }

            // The record carries the whole watermark, which may be ahead of this call's id if an earlier one was not durable.
            LogResult result = WriteControl(RecordTypes.Acknowledge, _acknowledgedThrough, _sessionOpen ? SessionEndReserve : 0);
            if (result == LogResult.Ok)
            {
                Commit();
                _acknowledgedDurably = _acknowledgedThrough;
            }

            return result;
        }

        /// <summary>Makes every record appended so far durable (on the band: closes and reopens the segment file).</summary>
        public void Commit()
        {
            if (!_formatSupported)
            {
                return;
            }

            _storage.Commit();
            _committedNextSequence = _nextSequence;
            _activeCommittedLength = _active == SegmentTable.None ? 0 : _segments.Length(_active);
        }

        /// <summary>
        /// Empties every segment and starts a new log (session ids and sequence numbers start again at 1). For a factory
        /// reset, or to replace a log of an unsupported format version.
        /// </summary>
        public void Format()
        {
            for (int s = 0; s < _storage.SegmentCount; s++)
            {
                if (_storage.GetLength(s) > 0)
                {
                    _storage.Truncate(s, 0);
                }
            }

            _storage.Commit();
            Recover();
        }

        private void Recover()
        {
            _recovery.Run(_storage, _segments, _record);
            _formatSupported = _recovery.FormatSupported;
            _active = _recovery.ActiveSegment;
            _nextSequence = _recovery.NextSequence;
            _committedNextSequence = _nextSequence;
            _lastSessionId = _recovery.LastSessionId;
            _sessionOpen = _recovery.SessionOpen;
            _acknowledgedThrough = _recovery.AcknowledgedThrough;
            _acknowledgedDurably = _acknowledgedThrough;
            _activeCommittedLength = _active == SegmentTable.None ? 0 : _segments.Length(_active);
            IsFull = false;
        }

        private LogResult WriteControl(byte type, uint sessionId, int reserve)
        {
            LittleEndian.WriteUInt32(_controlPayload, 0, sessionId);
            return Write(type, _controlPayload, 0, RecordFormat.ControlPayloadLength, reserve);
        }

        /// <summary>Writes one record, opening a segment first if the active one lacks room for it plus <paramref name="reserve"/>.</summary>
        private LogResult Write(byte type, byte[] payload, int index, int count, int reserve)
        {
            int needed = RecordFormat.EncodedLength(count) + reserve;
            if (_active == SegmentTable.None || _segments.Length(_active) + needed > _storage.SegmentCapacity)
            {
                int next = ChooseNextSegment();
                if (next == SegmentTable.None)
                {
                    return LogResult.Full;
                }

                OpenSegment(next);
            }

            int length = RecordCodec.Encode(type, _nextSequence, payload, index, count, _record, 0);
            _storage.Append(_active, _record, 0, length);
            _segments.SetLength(_active, _segments.Length(_active) + length);
            _nextSequence++;
            return LogResult.Ok;
        }

        /// <summary>
        /// The segment to open next: an empty one (the first after the active one, round the ring), else the oldest if
        /// every session in it is acknowledged, else none (the log is full). The newest segment is never reclaimed: its
        /// header and records hold the log's latest state.
        /// </summary>
        private int ChooseNextSegment()
        {
            int empty = _segments.EmptyAfter(_active);
            if (empty != SegmentTable.None)
            {
                return empty;
            }

            int oldest = _segments.Oldest();
            int successor = _segments.Successor(oldest);
            if (successor == SegmentTable.None)
            {
                return SegmentTable.None;
            }

            // The oldest segment's newest session is the last one started before its successor opened, which the
            // successor's header records.
            return _segments.LastSessionId(successor) <= _acknowledgedThrough ? oldest : SegmentTable.None;
        }

        /// <summary>Seals the active segment, starts <paramref name="segment"/> over with a header of the current state, and commits.</summary>
        private void OpenSegment(int segment)
        {
            _storage.Commit();
            if (_storage.GetLength(segment) > 0)
            {
                _storage.Truncate(segment, 0);
            }

            var header = new SegmentHeader
            {
                FirstSequence = _nextSequence,
                LastSessionId = _lastSessionId,
                SessionOpen = _sessionOpen,
                AcknowledgedThrough = _acknowledgedThrough,
            };
            header.Encode(_record, 0);
            _storage.Append(segment, _record, 0, SegmentHeader.EncodedLength);
            _storage.Commit();

            _segments.Set(segment, header, SegmentHeader.EncodedLength);
            _active = segment;
            _activeCommittedLength = SegmentHeader.EncodedLength;
            _committedNextSequence = _nextSequence;
            _acknowledgedDurably = _acknowledgedThrough;
        }
    }
}
