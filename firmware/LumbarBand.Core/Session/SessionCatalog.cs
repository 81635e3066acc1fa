using LumbarBand.Core.Protocol;
using LumbarBand.Core.Storage;

namespace LumbarBand.Core.Session
{
    /// <summary>
    /// What the session list says about each stored, closed session: id, length and CRC-32 of its serialized form,
    /// start UTC. Computed once per session (when it closes, or at boot) by reading it through, and kept, so that
    /// listing sessions never reads flash. Oldest first.
    /// </summary>
    /// <remarks>
    /// <para>Bounded: <see cref="Capacity"/> sessions, 20 bytes each. The catalog always holds the oldest stored
    /// sessions, so the host, which downloads oldest first and acknowledges cumulatively ("everything up to N"), is
    /// never asked to acknowledge past a session it was not shown. When more closed sessions are stored than fit, the
    /// newer ones wait (<see cref="Waiting"/>); acknowledged sessions at the front make room for them, and
    /// <see cref="CatalogNext"/> (called regularly, one session a call) takes them in.</para>
    /// <para>A session leaves the catalog when the log evicts its start record (only acknowledged sessions are ever
    /// evicted), or, acknowledged, when its place is needed.</para>
    /// </remarks>
    public sealed class SessionCatalog
    {
        /// <summary>
        /// Sessions listed at most: 48, a week of six or seven walks a day, in 960 bytes of RAM. A band holding more
        /// closed, unacknowledged sessions lists the oldest 48 until the host acknowledges some.
        /// </summary>
        public const int DefaultCapacity = 48;

        private readonly RecordLog _log;
        private readonly SessionReadCursor _cursor;
        private readonly uint[] _id;
        private readonly uint[] _startSequence;
        private readonly int[] _length;
        private readonly uint[] _crc;
        private readonly uint[] _startUtc;
        private int _head;
        private int _count;

        /// <summary>The oldest closed session id not yet taken in (listed or found unreadable).</summary>
        private uint _nextId = 1;

        /// <summary>Creates an empty catalog of <paramref name="log"/> for up to <paramref name="capacity"/> sessions, reading them through <paramref name="cursor"/>.</summary>
        public SessionCatalog(RecordLog log, SessionReadCursor cursor, int capacity)
        {
            if (log == null || cursor == null || capacity < 1)
            {
                throw new System.ArgumentException("the catalog needs a log, a cursor and room for a session", nameof(log));
            }

            _log = log;
            _cursor = cursor;
            _id = new uint[capacity];
            _startSequence = new uint[capacity];
            _length = new int[capacity];
            _crc = new uint[capacity];
            _startUtc = new uint[capacity];
        }

        /// <summary>Sessions the catalog can hold.</summary>
        public int Capacity { get { return _id.Length; } }

        /// <summary>Sessions listed now (evicted ones dropped).</summary>
        public int Count
        {
            get
            {
                Prune();
                return _count;
            }
        }

        /// <summary>Closed sessions stored but not listed yet (more than <see cref="Capacity"/> unacknowledged).</summary>
        public int Waiting
        {
            get
            {
                uint last = LastClosedId;
                return last >= _nextId ? (int)(last - _nextId + 1) : 0;
            }
        }

        /// <summary>Id of the newest closed session in the log (0: none).</summary>
        private uint LastClosedId
        {
            get { return _log.IsSessionOpen ? _log.LastSessionId - 1 : _log.LastSessionId; }
        }

        /// <summary>
        /// Fills <paramref name="info"/> with the session at <paramref name="position"/> (0 = oldest); false when out of
        /// range. The acknowledgement flag is the log's current one.
        /// </summary>
        public bool Get(int position, SessionInfo info)
        {
            Prune();
            if (info == null || position < 0 || position >= _count)
            {
                return false;
            }

            int slot = Slot(position);
            info.Id = _id[slot];
            info.Length = _length[slot];
            info.Crc = _crc[slot];
            info.StartUtcSeconds = _startUtc[slot];
            info.Acknowledged = info.Id <= _log.AcknowledgedThrough;
            info.Open = false;
            return true;
        }

        /// <summary>True when session <paramref name="sessionId"/> is listed; then <paramref name="length"/> is its length.</summary>
        public bool TryGetLength(uint sessionId, out int length)
        {
            Prune();
            for (int position = 0; position < _count; position++)
            {
                int slot = Slot(position);
                if (_id[slot] == sessionId)
                {
                    length = _length[slot];
                    return true;
                }
            }

            length = 0;
            return false;
        }

        /// <summary>
        /// Lists every stored session from scratch, in one pass over the log (at boot, and after the log was
        /// formatted): each closed session whose start record is still stored, oldest first, as far as room allows.
        /// Reads the whole log once (CRC-checked): seconds on the band for a full 192 KB log, so only at boot.
        /// </summary>
        public void Rebuild()
        {
            Clear();
            _nextId = LastClosedId + 1;
            SessionReadCursor cursor = _cursor;
            cursor.BeginScan();
            uint building = 0;
            uint startSequence = 0;
            uint crc = Crc32C.Initial;
            int length = 0;
            uint startUtc = 0;
            bool first = true;
            while (cursor.ScanNext())
            {
                byte type = cursor.RecordType;
                if (type == RecordTypes.Acknowledge)
                {
                    continue;
                }

                if (type == RecordTypes.SessionStart)
                {
                    building = cursor.RecordSessionId;
                    startSequence = cursor.RecordSequence;
                    crc = Crc32C.Initial;
                    length = 0;
                    startUtc = 0;
                    if (first)
                    {
                        _nextId = building;
                        first = false;
                    }
                }
                else if (building == 0 || cursor.RecordSessionId != building)
                {
                    // Records of a session whose start was evicted: not listed.
                    continue;
                }

                crc = Crc32C.Update(crc, cursor.Record, 0, cursor.RecordLength);
                length += cursor.RecordLength;
                startUtc = StartUtcOf(type, startUtc);
                if (type == RecordTypes.SessionEnd)
                {
                    if (_count == Capacity)
                    {
                        break;
                    }

                    Add(building, startSequence, length, Crc32C.Finish(crc), startUtc);
                    building = 0;
                }
            }

            _cursor.Invalidate();
        }

        /// <summary>The writer closed session <paramref name="sessionId"/>: list it now if it is next and there is room.</summary>
        public void OnSessionClosed(uint sessionId)
        {
            if (sessionId == _nextId)
            {
                CatalogNext();
            }
        }

        /// <summary>
        /// Takes in the oldest waiting session (one read through it), if there is one and room; returns true if it
        /// listed one. The firmware calls this regularly; each call reads at most one session.
        /// </summary>
        public bool CatalogNext()
        {
            Prune();
            if (_nextId > LastClosedId || _count == Capacity)
            {
                return false;
            }

            uint id = _nextId;
            SessionReadCursor cursor = _cursor;
            if (!cursor.Seek(id))
            {
                // Not stored (evicted, or lost with a torn segment): nothing to list.
                _nextId = id + 1;
                return false;
            }

            uint startSequence = cursor.RecordSequence;
            uint crc = Crc32C.Initial;
            int length = 0;
            uint startUtc = 0;
            while (true)
            {
                crc = Crc32C.Update(crc, cursor.Record, 0, cursor.RecordLength);
                length += cursor.RecordLength;
                startUtc = StartUtcOf(cursor.RecordType, startUtc);
                if (cursor.AtEnd)
                {
                    break;
                }

                if (!cursor.Next())
                {
                    // Its end is not readable: a session that never closed properly cannot be listed.
                    cursor.Invalidate();
                    _nextId = id + 1;
                    return false;
                }
            }

            cursor.Invalidate();
            Add(id, startSequence, length, Crc32C.Finish(crc), startUtc);
            return true;
        }

        /// <summary>Empties the catalog (before a rebuild, or once the log is formatted).</summary>
        public void Clear()
        {
            _head = 0;
            _count = 0;
            _nextId = 1;
            _cursor.Invalidate();
        }

        /// <summary>The start UTC in the cursor's record if it is a session header, else <paramref name="known"/>.</summary>
        private uint StartUtcOf(byte type, uint known)
        {
            if (type != SessionRecordTypes.Header || _cursor.RecordLength < RecordFormat.OverheadLength + SessionHeader.EncodedLength)
            {
                return known;
            }

            return SessionHeader.ReadStartUtcSeconds(_cursor.Record, RecordFormat.HeaderLength);
        }

        /// <summary>Drops evicted sessions from the front, and acknowledged ones when room is needed for waiting ones.</summary>
        private void Prune()
        {
            uint oldest = _log.OldestSequence;
            while (_count > 0 && _startSequence[_head] < oldest)
            {
                DropFront();
            }

            while (_count == Capacity && _nextId <= LastClosedId && _id[_head] <= _log.AcknowledgedThrough)
            {
                DropFront();
            }
        }

        private void DropFront()
        {
            _head = _head + 1 == Capacity ? 0 : _head + 1;
            _count--;
        }

        private void Add(uint id, uint startSequence, int length, uint crc, uint startUtc)
        {
            int slot = Slot(_count);
            _id[slot] = id;
            _startSequence[slot] = startSequence;
            _length[slot] = length;
            _crc[slot] = crc;
            _startUtc[slot] = startUtc;
            _count++;
            _nextId = id + 1;
        }

        private int Slot(int position)
        {
            int slot = _head + position;
            return slot >= Capacity ? slot - Capacity : slot;
        }
    }
}
