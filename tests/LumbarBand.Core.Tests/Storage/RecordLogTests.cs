using LumbarBand.Core.Storage;
using Xunit.Abstractions;

namespace LumbarBand.Core.Tests.Storage;

public sealed class RecordLogTests
{
    private const int SmallSegments = 4;
    private const int SmallCapacity = 1024;

    private static readonly byte[] Epoch = [1, 2, 3, 4, 5, 6, 7, 8];

    private readonly ITestOutputHelper _output;

    public RecordLogTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void AppendNeedsAnOpenSessionAnApplicationTypeAndAFittingPayload()
    {
        var log = new RecordLog(new MemoryRecordStorage(SmallSegments, SmallCapacity));
        Assert.Equal(LogResult.NoSession, log.Append(0x20, Epoch, 0, Epoch.Length));
        Assert.Equal(LogResult.Ok, log.StartSession());
        Assert.Equal(LogResult.SessionOpen, log.StartSession());
        Assert.Equal(LogResult.InvalidType, log.Append(RecordTypes.SessionEnd, Epoch, 0, 4));
        Assert.Equal(LogResult.InvalidType, log.Append(0x0F, Epoch, 0, 4));
        Assert.Equal(LogResult.InvalidType, log.Append(0xFF, Epoch, 0, 4));
        Assert.Equal(LogResult.TooLarge, log.Append(0x20, new byte[256], 0, 256));
        Assert.Equal(LogResult.Ok, log.Append(0x20, new byte[255], 0, 255));
        Assert.Equal(LogResult.Ok, log.Append(0x20, Epoch, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => log.Append(0x20, Epoch, 4, 5));
        Assert.Equal(LogResult.Ok, log.EndSession());
        Assert.Equal(LogResult.NoSession, log.EndSession());
    }

    [Fact]
    public void RejectsStoragesTooSmallForALog()
    {
        Assert.Throws<ArgumentException>(() => new RecordLog(new MemoryRecordStorage(1, 4096)));
        Assert.Throws<ArgumentException>(() => new RecordLog(new MemoryRecordStorage(4, RecordLog.MinimumSegmentCapacity - 1)));
        _ = new RecordLog(new MemoryRecordStorage(RecordLog.MinimumSegmentCount, RecordLog.MinimumSegmentCapacity));
    }

    [Fact]
    public void SessionIdsSequencesAndAcknowledgementsCarryOnAcrossReboots()
    {
        var storage = new MemoryRecordStorage(SmallSegments, SmallCapacity);
        var log = new RecordLog(storage);
        for (int s = 0; s < 3; s++)
        {
            Assert.Equal(LogResult.Ok, log.StartSession());
            Assert.Equal(LogResult.Ok, log.Append(0x20, Epoch, 0, Epoch.Length));
            Assert.Equal(LogResult.Ok, log.EndSession());
        }

        Assert.Equal(LogResult.Ok, log.Acknowledge(2));
        Assert.Equal(LogResult.Ok, log.StartSession());
        log.Commit();

        var rebooted = new RecordLog(storage);
        Assert.Equal(4u, rebooted.LastSessionId);
        Assert.True(rebooted.IsSessionOpen);
        Assert.Equal(4u, rebooted.CurrentSessionId);
        Assert.Equal(2u, rebooted.AcknowledgedThrough);
        Assert.Equal(log.NextSequence, rebooted.NextSequence);
        Assert.Equal(0, rebooted.RecoveredTornBytes);
        Assert.Equal(LogResult.Ok, rebooted.EndSession());
        Assert.Equal(LogResult.Ok, rebooted.StartSession());
        Assert.Equal(5u, rebooted.CurrentSessionId);
    }

    [Fact]
    public void AcknowledgementIsCumulativeAndOnlyForClosedSessions()
    {
        var log = new RecordLog(new MemoryRecordStorage(SmallSegments, SmallCapacity));
        Assert.Equal(LogResult.UnknownSession, log.Acknowledge(1));
        Assert.Equal(LogResult.Ok, log.StartSession());
        Assert.Equal(LogResult.SessionOpen, log.Acknowledge(1));
        Assert.Equal(LogResult.Ok, log.EndSession());
        Assert.Equal(LogResult.Ok, log.StartSession());
        Assert.Equal(LogResult.Ok, log.Acknowledge(1));
        uint next = log.NextSequence;
        Assert.Equal(LogResult.Ok, log.Acknowledge(1));
        Assert.Equal(next, log.NextSequence); // repeated acknowledgement writes nothing
        Assert.Equal(LogResult.Ok, log.Acknowledge(0));
        Assert.Equal(1u, log.AcknowledgedThrough);
    }

    [Fact]
    public void ReaderReturnsOnlyCommittedRecordsWithTheirSessions()
    {
        var log = new RecordLog(new MemoryRecordStorage(SmallSegments, SmallCapacity));
        Assert.Equal(LogResult.Ok, log.StartSession());
        Assert.Equal(LogResult.Ok, log.Append(0x20, Epoch, 0, 3));
        var reader = new RecordReader(log);
        Assert.True(reader.ReadNext());
        Assert.Equal(RecordTypes.SessionStart, reader.Type);
        Assert.Equal(1u, reader.SessionId);
        Assert.False(reader.ReadNext()); // the epoch is not committed yet

        log.Commit();
        Assert.True(reader.ReadNext());
        Assert.Equal(0x20, reader.Type);
        Assert.Equal(1u, reader.SessionId);
        Assert.Equal(2u, reader.Sequence);
        Assert.Equal(3, reader.PayloadLength);

        var encoded = new byte[reader.EncodedLength];
        reader.CopyEncoded(encoded, 0);
        Assert.Equal(DecodeResult.Ok, RecordCodec.Decode(encoded, 0, encoded.Length, out RecordHeader header));
        Assert.Equal(2u, header.Sequence);
        Assert.False(reader.ReadNext());
        Assert.Throws<InvalidOperationException>(() => reader.CopyPayload(new byte[8], 0));
    }

    [Fact]
    public void ReaderSeeksBySequenceAndSessionAndResumesAfterEviction()
    {
        var log = new RecordLog(new MemoryRecordStorage(SmallSegments, SmallCapacity));
        var random = new Random(3);
        for (int s = 1; s <= 6; s++)
        {
            Assert.Equal(LogResult.Ok, log.StartSession());
            for (int r = 0; r < 10; r++)
            {
                Assert.Equal(LogResult.Ok, log.Append(0x20, StorageTestKit.RandomBytes(random, 40), 0, 40));
            }

            Assert.Equal(LogResult.Ok, log.EndSession());
        }

        List<StoredRecord> all = StorageTestKit.ReadAll(log);
        Assert.Equal(72, all.Count);
        var reader = new RecordReader(log);
        Assert.True(reader.SeekToSequence(30));
        Assert.True(reader.ReadNext());
        Assert.Equal(30u, reader.Sequence);

        Assert.True(reader.SeekToSession(4));
        Assert.True(reader.ReadNext());
        Assert.Equal(RecordTypes.SessionStart, reader.Type);
        Assert.Equal(4u, reader.SessionId);
        Assert.Equal(all.Single(r => r.Type == RecordTypes.SessionStart && r.SessionId == 4).Sequence, reader.Sequence);
        Assert.False(reader.SeekToSession(7));
        Assert.False(reader.ReadNext());

        // A reader part-way through; the host acknowledges everything; the band records on and evicts the segment
        // the reader is in: the reader carries on at the oldest record still stored.
        Assert.True(reader.SeekToSequence(2));
        Assert.True(reader.ReadNext());
        Assert.Equal(2u, reader.Sequence);
        Assert.Equal(LogResult.Ok, log.Acknowledge(6));
        Assert.Equal(LogResult.Ok, log.StartSession());
        for (int r = 0; r < 40; r++)
        {
            Assert.Equal(LogResult.Ok, log.Append(0x20, Epoch, 0, Epoch.Length));
        }

        log.Commit();
        Assert.True(log.OldestSequence > 3);
        Assert.True(reader.ReadNext());
        Assert.Equal(log.OldestSequence, reader.Sequence);

        Assert.False(reader.SeekToSession(1));
        Assert.False(reader.SeekToSequence(3));
        Assert.True(reader.ReadNext());
        Assert.Equal(log.OldestSequence, reader.Sequence);
        Assert.True(new RecordReader(log).SeekToSession(7));
    }

    [Fact]
    public void AFullLogRefusesRecordsOverwritesNothingAndFreesRoomWhenAcknowledged()
    {
        var storage = new MemoryRecordStorage(SmallSegments, SmallCapacity);
        var log = new RecordLog(storage);
        Assert.Equal(LogResult.Ok, log.StartSession());
        int appended = FillUntilFull(log);
        Assert.True(log.IsFull);
        Assert.True(appended > 30);
        var payload = new byte[100];
        byte[][] before = StorageTestKit.Snapshot(storage);
        for (int size = 0; size <= payload.Length; size++)
        {
            Assert.Equal(LogResult.Full, log.Append(0x20, payload, 0, size));
        }

        Assert.Equal(before, StorageTestKit.Snapshot(storage));

        // The open session can always end, but a new one cannot start, and the open one cannot be acknowledged.
        Assert.Equal(LogResult.SessionOpen, log.Acknowledge(1));
        Assert.Equal(LogResult.Ok, log.EndSession());
        Assert.Equal(LogResult.Full, log.StartSession());
        Assert.True(log.IsFull);

        Assert.Equal(LogResult.Ok, log.Acknowledge(1));
        Assert.Equal(LogResult.Ok, log.StartSession());
        Assert.False(log.IsFull);
        Assert.Equal(LogResult.Ok, log.Append(0x20, payload, 0, payload.Length));
    }

    [Fact]
    public void AcknowledgementsNeverTakeTheRoomTheOpenSessionNeedsToEnd()
    {
        // Sessions 1 and 2 share the first segment with the start of session 3, which fills the log.
        var log = new RecordLog(new MemoryRecordStorage(SmallSegments, SmallCapacity));
        for (int s = 0; s < 2; s++)
        {
            Assert.Equal(LogResult.Ok, log.StartSession());
            Assert.Equal(LogResult.Ok, log.Append(0x20, Epoch, 0, Epoch.Length));
            Assert.Equal(LogResult.Ok, log.EndSession());
        }

        Assert.Equal(LogResult.Ok, log.StartSession());
        FillUntilFull(log);

        // The host acknowledges the closed sessions one at a time: that frees no segment, so the second
        // acknowledgement finds no room (it holds in RAM only), and session 3 can still end.
        Assert.Equal(LogResult.Ok, log.Acknowledge(1));
        Assert.Equal(LogResult.Full, log.Acknowledge(2));
        Assert.Equal(2u, log.AcknowledgedThrough);
        Assert.Equal(LogResult.Ok, log.EndSession());
        Assert.Equal(LogResult.Ok, log.Acknowledge(3));
        Assert.Equal(LogResult.Ok, log.StartSession());
    }

    [Fact]
    public void AStaleRecordPastTheEndOfASealedSegmentIsNeverReturned()
    {
        var storage = new MemoryRecordStorage(SmallSegments, SmallCapacity);
        var log = new RecordLog(storage);
        Assert.Equal(LogResult.Ok, log.StartSession());
        for (int r = 0; r < 30; r++)
        {
            Assert.Equal(LogResult.Ok, log.Append(0x20, new byte[60], 0, 60));
        }

        Assert.Equal(LogResult.Ok, log.EndSession());
        List<StoredRecord> before = StorageTestKit.ReadAll(log);

        // A file system exposes well-formed, CRC-correct records past the end of the oldest segment (which always has
        // the 28-byte reserve free): one with an older sequence number, one with a newer.
        int[] used = Enumerable.Range(0, SmallSegments).Where(s => storage.GetLength(s) > 0).OrderBy(s => FirstSequence(storage, s)).ToArray();
        Assert.True(used.Length >= 3);
        var stale = new byte[RecordFormat.MaxRecordLength];
        foreach (uint sequence in new[] { 2u, log.NextSequence - 2 })
        {
            int length = RecordCodec.Encode(0x20, sequence, stale, 0, 0, stale, 0);
            storage.Append(used[0], stale, 0, length);
        }

        Assert.Equal(before, StorageTestKit.ReadAll(log), new StoredRecordComparer());
        Assert.Equal(before, StorageTestKit.ReadAll(new RecordLog(storage)), new StoredRecordComparer());
    }

    [Fact]
    public void RecoveryCutsATornTailAndErasesATornSegmentHeader()
    {
        var storage = new MemoryRecordStorage(SmallSegments, SmallCapacity);
        var log = new RecordLog(storage);
        Assert.Equal(LogResult.Ok, log.StartSession());
        Assert.Equal(LogResult.Ok, log.Append(0x20, Epoch, 0, Epoch.Length));
        log.Commit();
        List<StoredRecord> committed = StorageTestKit.ReadAll(log);

        // Half a record after the last commit, and half a header in an unused segment.
        int newest = Enumerable.Range(0, SmallSegments).Single(s => storage.GetLength(s) > 0);
        var record = new byte[RecordFormat.MaxRecordLength];
        int length = RecordCodec.Encode(0x20, log.NextSequence, Epoch, 0, Epoch.Length, record, 0);
        storage.Append(newest, record, 0, length - 3);
        var header = new byte[SegmentHeader.EncodedLength];
        new SegmentHeader { FirstSequence = log.NextSequence + 1 }.Encode(header, 0);
        storage.Append((newest + 1) % SmallSegments, header, 0, 10);

        var rebooted = new RecordLog(storage);
        Assert.Equal(length - 3, rebooted.RecoveredTornBytes);
        Assert.Equal(1, rebooted.RecoveredErasedSegments);
        Assert.Equal(0, storage.GetLength((newest + 1) % SmallSegments));
        Assert.Equal(committed, StorageTestKit.ReadAll(rebooted), new StoredRecordComparer());
        Assert.Equal(log.NextSequence, rebooted.NextSequence);
    }

    [Fact]
    public void AnotherFormatVersionIsLeftUntouchedUntilFormatted()
    {
        var storage = new MemoryRecordStorage(SmallSegments, SmallCapacity);
        var header = new byte[SegmentHeader.EncodedLength];
        new SegmentHeader { FirstSequence = 1 }.Encode(header, 0);
        header[4] = 2;
        LittleEndian.WriteUInt32(header, 20, Crc32.Compute(header, 0, 20));
        storage.Append(2, header, 0, header.Length);
        storage.Append(2, new byte[100], 0, 100);
        storage.Append(0, new byte[30], 0, 30);

        var log = new RecordLog(storage);
        Assert.False(log.IsFormatSupported);
        Assert.Equal(LogResult.UnsupportedFormat, log.StartSession());
        Assert.Equal(LogResult.UnsupportedFormat, log.Acknowledge(0));
        Assert.Equal(124, storage.GetLength(2));
        Assert.Equal(30, storage.GetLength(0));

        log.Format();
        Assert.True(log.IsFormatSupported);
        Assert.Equal(LogResult.Ok, log.StartSession());
        Assert.Equal(1u, log.CurrentSessionId);
    }

    [Fact]
    public void RecoveryOverRandomGarbageNeverThrowsNorReturnsARecord()
    {
        var random = new Random(404);
        for (int trial = 0; trial < 1000; trial++)
        {
            var storage = new MemoryRecordStorage(SmallSegments, SmallCapacity);
            for (int s = 0; s < SmallSegments; s++)
            {
                int length = random.Next(0, SmallCapacity + 1);
                byte[] bytes = StorageTestKit.RandomBytes(random, length);
                if (length >= SegmentHeader.EncodedLength && random.Next(2) == 0)
                {
                    // A valid header over random records.
                    new SegmentHeader { FirstSequence = (uint)random.Next(1, 1000), LastSessionId = (uint)random.Next(0, 5) }.Encode(bytes, 0);
                }

                storage.Append(s, bytes, 0, length);
            }

            var log = new RecordLog(storage);
            Assert.Empty(StorageTestKit.ReadAll(log));
            Assert.Equal(LogResult.Ok, log.StartSession());
            Assert.Equal(LogResult.Ok, log.Append(0x20, Epoch, 0, Epoch.Length));
            log.Commit();
            Assert.Equal(2, StorageTestKit.ReadAll(new RecordLog(storage)).Count(r => r.SessionId == log.CurrentSessionId));
        }
    }

    [Fact]
    public void AppendingCommittingEvictingAndReadingAllocateNothing()
    {
        var log = new RecordLog(new MemoryRecordStorage(SmallSegments, SmallCapacity));
        var reader = new RecordReader(log);
        var payload = new byte[40];
        RecordSessions(log, reader, payload, 5); // warm up: every path runs once before measuring

        long before = GC.GetAllocatedBytesForCurrentThread();
        RecordSessions(log, reader, payload, 200);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void StateOfALogAndAReaderFitsTheBudget()
    {
        var storage = new MemoryRecordStorage(RecordLogCapacity.DefaultSegmentCount, RecordLogCapacity.DefaultSegmentCapacity);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var log = new RecordLog(storage);
        var reader = new RecordReader(log);
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        _output.WriteLine($"RecordLog + RecordReader over {RecordLogCapacity.DefaultSegmentCount} segments: {bytes} bytes on the PC heap");
        Assert.True(bytes <= 1536, $"{bytes} bytes");
        GC.KeepAlive(reader);
    }

    /// <summary>Appends records of ever smaller size until not even an empty one fits (bounded, in case it never fills).</summary>
    private static int FillUntilFull(RecordLog log)
    {
        var payload = new byte[100];
        int appended = 0;
        for (int size = payload.Length; size >= 0; size--)
        {
            while (appended < 10_000 && log.Append(0x20, payload, 0, size) == LogResult.Ok)
            {
                appended++;
            }
        }

        Assert.True(appended < 10_000, "the log never filled");
        return appended;
    }

    private static uint FirstSequence(MemoryRecordStorage storage, int segment)
    {
        var header = new byte[SegmentHeader.EncodedLength];
        storage.Read(segment, 0, header, 0, header.Length);
        Assert.Equal(DecodeResult.Ok, SegmentHeader.Decode(header, 0, header.Length, out SegmentHeader decoded));
        return decoded.FirstSequence;
    }

    /// <summary>Sessions of records, acknowledged and read back, checked without xunit's asserts (which allocate).</summary>
    private static void RecordSessions(RecordLog log, RecordReader reader, byte[] payload, int sessions)
    {
        for (int s = 0; s < sessions; s++)
        {
            Check(log.StartSession());
            for (int r = 0; r < 12; r++)
            {
                Check(log.Append(0x20, payload, 0, payload.Length));
                if (r % 4 == 3)
                {
                    log.Commit();
                }
            }

            Check(log.EndSession());
            Check(log.Acknowledge(log.LastSessionId));
            while (reader.ReadNext())
            {
            }
        }
    }

    private static void Check(LogResult result)
    {
        if (result != LogResult.Ok)
        {
            throw new InvalidOperationException(result.ToString());
        }
    }

    private sealed class StoredRecordComparer : IEqualityComparer<StoredRecord>
    {
        public bool Equals(StoredRecord? x, StoredRecord? y) =>
            x is not null && y is not null && x.Sequence == y.Sequence && x.Type == y.Type && x.SessionId == y.SessionId && x.Payload.SequenceEqual(y.Payload);

        public int GetHashCode(StoredRecord obj) => (int)obj.Sequence;
    }
}
