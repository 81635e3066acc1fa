using LumbarBand.Core.Storage;
using Xunit.Abstractions;

namespace LumbarBand.Core.Tests.Storage;

/// <summary>
/// A week of walks on a log of 10 KB (8 segments of 1.25 KB, a nineteenth of the band's), so that the week fills it:
/// the host downloads and acknowledges on the first two evenings (the second time only part), is away for four days,
/// and comes back on the last morning. Stand-in session records (a header, one epoch a walking minute, pain markers, a footer)
/// until the session format lands.
/// </summary>
public sealed class WeekSimulationTests
{
    private const int Segments = 8;
    private const int SegmentBytes = 1280;

    private const byte HeaderType = 0x10;
    private const byte FooterType = 0x11;
    private const byte EpochType = 0x20;
    private const byte PainMarkerType = 0x21;
    private const int HeaderBytes = 64;
    private const int FooterBytes = 32;
    private const int EpochBytes = 24;
    private const int PainMarkerBytes = 4;

    private readonly ITestOutputHelper _output;

    public WeekSimulationTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void AWeekOfWalksFillsAcknowledgesAndEvictsWithoutLosingAnythingUnacknowledged()
    {
        var storage = new MemoryRecordStorage(Segments, SegmentBytes);
        var week = new Week(storage, new Random(2024));

        for (int day = 1; day <= 7; day++)
        {
            if (day == 7)
            {
                week.HostSyncs(partially: false);
                Assert.False(week.Log.IsFull);
            }

            week.Walk(day);
            if (day <= 2)
            {
                week.HostSyncs(partially: day == 2);

                // Acknowledged sessions stay until their room is needed.
                week.CheckAcknowledgedStillStored();
            }
        }

        _output.WriteLine($"{week.Sessions.Count} walks recorded, {week.WalkingMinutes} walking minutes, {week.PainMarkers} pain markers; "
            + $"{week.FullResults} appends refused as full, {week.SessionsNotStarted} walks not recorded (full), "
            + $"{week.EvictedSessions} acknowledged sessions evicted, {week.Reboots} reboots");
        Assert.True(week.FullResults > 0, "the week never filled the log");
        Assert.True(week.SessionsNotStarted > 0, "the full log never refused a session");
        Assert.True(week.EvictedSessions > 0, "nothing was evicted");
        Assert.True(week.Log.LastSessionId > week.Log.AcknowledgedThrough, "day 7's walks are unacknowledged");
        week.CheckUnacknowledgedIntact();
    }

    /// <summary>The band's log, the host's view of it, and what every session recorded.</summary>
    private sealed class Week
    {
        private readonly MemoryRecordStorage _storage;
        private readonly Random _random;
        private readonly HashSet<uint> _downloaded = [];
        private readonly HashSet<uint> _evicted = [];

        public Week(MemoryRecordStorage storage, Random random)
        {
            _storage = storage;
            _random = random;
            Log = new RecordLog(storage);
        }

        public RecordLog Log { get; private set; }

        /// <summary>Application records each session got stored (type, payload), in order.</summary>
        public Dictionary<uint, List<(byte Type, byte[] Payload)>> Sessions { get; } = [];

        public int WalkingMinutes { get; private set; }

        public int PainMarkers { get; private set; }

        public int FullResults { get; private set; }

        public int SessionsNotStarted { get; private set; }

        public int EvictedSessions { get; private set; }

        public int Reboots { get; private set; }

        public void Walk(int day)
        {
            int walks = _random.Next(2, 6);
            for (int w = 0; w < walks; w++)
            {
                int minutes = _random.Next(5, 91);
                WalkingMinutes += minutes;
                LogResult started = Log.StartSession();
                if (started != LogResult.Ok)
                {
                    // Storage full: the band keeps cueing, records nothing, and says so.
                    Assert.Equal(LogResult.Full, started);
                    Assert.True(Log.IsFull);
                    SessionsNotStarted++;
                    continue;
                }

                uint id = Log.CurrentSessionId;
                Sessions[id] = [];
                Record(id, HeaderType, HeaderBytes, day);
                int painMinute = _random.Next(2) == 0 ? _random.Next(minutes) : -1;
                for (int minute = 0; minute < minutes; minute++)
                {
                    Record(id, EpochType, EpochBytes, minute);
                    if (minute == painMinute)
                    {
                        Record(id, PainMarkerType, PainMarkerBytes, minute);
                        PainMarkers++;
                    }

                    if (minute % 5 == 4)
                    {
                        Log.Commit();
                    }
                }

                Record(id, FooterType, FooterBytes, minutes);
                Assert.Equal(LogResult.Ok, Log.EndSession());
                CheckUnacknowledgedIntact();

                if (_random.Next(6) == 0)
                {
                    Log = new RecordLog(_storage);
                    Reboots++;
                    Assert.Equal(0, Log.RecoveredTornBytes);
                }
            }
        }

        /// <summary>The host downloads every closed session it lacks, checks it, and acknowledges (all, or all but the newest).</summary>
        public void HostSyncs(bool partially)
        {
            uint newest = Log.IsSessionOpen ? Log.LastSessionId - 1 : Log.LastSessionId;
            for (uint id = Log.AcknowledgedThrough + 1; id <= newest; id++)
            {
                CheckSession(id);
                _downloaded.Add(id);
            }

            uint through = partially && newest > Log.AcknowledgedThrough + 1 ? newest - 1 : newest;
            Assert.Equal(LogResult.Ok, Log.Acknowledge(through));
        }

        /// <summary>Every session the host has not acknowledged is stored, complete and intact; only downloaded ones were evicted.</summary>
        public void CheckUnacknowledgedIntact()
        {
            // One pass over the whole log, grouped by session (seeking each session separately is the slow way).
            ILookup<uint, StoredRecord> bySession = StorageTestKit.ReadAll(Log).ToLookup(r => r.SessionId);
            foreach (uint id in Sessions.Keys)
            {
                if (id > Log.AcknowledgedThrough)
                {
                    CheckRecords(id, bySession[id].ToList());
                }
                else if (!bySession[id].Any(r => r.Type == RecordTypes.SessionStart) && _evicted.Add(id))
                {
                    Assert.Contains(id, _downloaded);
                    EvictedSessions++;
                }
            }
        }

        /// <summary>Acknowledged sessions are evicted only to make room: right after a sync, all of them are still there.</summary>
        public void CheckAcknowledgedStillStored()
        {
            var started = StorageTestKit.ReadAll(Log).Where(r => r.Type == RecordTypes.SessionStart).Select(r => r.SessionId).ToHashSet();
            Assert.All(Sessions.Keys, id => Assert.Contains(id, started));
        }

        private void Record(uint session, byte type, int length, int stamp)
        {
            byte[] payload = StorageTestKit.RandomBytes(_random, length);
            payload[0] = (byte)stamp;
            LogResult result = Log.Append(type, payload, 0, length);
            if (result == LogResult.Full)
            {
                FullResults++;
                Assert.True(Log.IsFull);
                byte[][] before = StorageTestKit.Snapshot(_storage);
                Assert.Equal(LogResult.Full, Log.Append(type, payload, 0, length));
                Assert.Equal(before, StorageTestKit.Snapshot(_storage));
                return;
            }

            Assert.Equal(LogResult.Ok, result);
            Sessions[session].Add((type, payload));
        }

        private void CheckSession(uint id)
        {
            Log.Commit();
            List<StoredRecord>? stored = StorageTestKit.ReadSession(Log, id);
            Assert.True(stored is not null, $"unacknowledged session {id} is lost");
            CheckRecords(id, stored!);
        }

        private void CheckRecords(uint id, List<StoredRecord> stored)
        {
            Assert.True(stored.Count >= 2, $"unacknowledged session {id} is lost");
            Assert.Equal(RecordTypes.SessionStart, stored[0].Type);
            Assert.Equal(RecordTypes.SessionEnd, stored[^1].Type);
            var records = stored.Where(r => RecordTypes.IsApplication(r.Type)).ToList();
            List<(byte Type, byte[] Payload)> expected = Sessions[id];
            Assert.Equal(expected.Count, records.Count);
            for (int i = 0; i < expected.Count; i++)
            {
                Assert.Equal(expected[i].Type, records[i].Type);
                Assert.True(expected[i].Payload.AsSpan().SequenceEqual(records[i].Payload), $"session {id} record {i} differs");
            }
        }
    }
}
