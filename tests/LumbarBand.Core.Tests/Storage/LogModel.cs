using LumbarBand.Core.Storage;

namespace LumbarBand.Core.Tests.Storage;

/// <summary>A record the test asked the log to write. <paramref name="Owner"/>: the session whose eviction may take it.</summary>
public sealed record ExpectedRecord(byte Type, uint Owner, uint ReaderSession, byte[] Payload);

/// <summary>
/// What the test knows independently of the log: every record it asked for by sequence number, which ones were
/// committed (their call and a later commit returned), and what the host acknowledged. <see cref="Verify"/> holds a
/// recovered log to it.
/// </summary>
public sealed class LogModel
{
    private readonly Dictionary<uint, ExpectedRecord> _records = new();
    private uint _lastWritten;

    /// <summary>Every record up to this sequence number was committed.</summary>
    public uint CommittedThrough { get; private set; }

    /// <summary>The newest acknowledgement that returned Ok.</summary>
    public uint AcknowledgedDurably { get; private set; }

    /// <summary>The newest session id the host ever acknowledged (Ok or not): nothing newer may be evicted.</summary>
    public uint AcknowledgedRequested { get; private set; }

    /// <summary>The newest session whose start returned Ok.</summary>
    public uint SessionsStartedDurably { get; private set; }

    /// <summary>The newest session whose start was attempted.</summary>
    public uint SessionsStartAttempted { get; private set; }

    /// <summary>Calls that returned Full.</summary>
    public int FullResults { get; private set; }

    public LogResult Append(RecordLog log, byte type, byte[] payload)
    {
        Expect(log, type, log.LastSessionId, log.LastSessionId, payload);
        return Done(log, log.Append(type, payload, 0, payload.Length), commits: false);
    }

    public void Commit(RecordLog log)
    {
        log.Commit();
        CommittedThrough = _lastWritten;
    }

    public LogResult StartSession(RecordLog log)
    {
        uint id = log.LastSessionId + 1;
        SessionsStartAttempted = Math.Max(SessionsStartAttempted, id);
        Expect(log, RecordTypes.SessionStart, id, id, Id(id));
        LogResult result = Done(log, log.StartSession(), commits: true);
        if (result == LogResult.Ok)
        {
            SessionsStartedDurably = id;
        }

        return result;
    }

    public LogResult EndSession(RecordLog log)
    {
        uint id = log.LastSessionId;
        Expect(log, RecordTypes.SessionEnd, id, id, Id(id));
        return Done(log, log.EndSession(), commits: true);
    }

    public LogResult Acknowledge(RecordLog log, uint sessionId)
    {
        // The record carries the log's whole watermark, which is at least this id.
        uint watermark = Math.Max(sessionId, log.AcknowledgedThrough);
        if (sessionId <= log.LastSessionId && !(log.IsSessionOpen && sessionId == log.LastSessionId))
        {
            AcknowledgedRequested = Math.Max(AcknowledgedRequested, sessionId);
        }

        Expect(log, RecordTypes.Acknowledge, log.LastSessionId, 0, Id(watermark));
        LogResult result = Done(log, log.Acknowledge(sessionId), commits: true);
        if (result == LogResult.Ok)
        {
            AcknowledgedDurably = Math.Max(AcknowledgedDurably, sessionId);
        }

        return result;
    }

    /// <summary>
    /// Holds a freshly recovered log to the model: records come back in unbroken sequence, each exactly as asked for;
    /// every committed record of a session the host never acknowledged is there; the watermark and session ids are
    /// within what was durably done and what was asked. Then takes the survivors as the new truth.
    /// </summary>
    public List<StoredRecord> Verify(RecordLog log)
    {
        // Plain comparisons, asserting only on failure: this runs some 30,000 times per test run.
        List<StoredRecord> stored = StorageTestKit.ReadAll(log);
        uint first = stored.Count > 0 ? stored[0].Sequence : log.NextSequence;
        for (int i = 0; i < stored.Count; i++)
        {
            StoredRecord record = stored[i];
            if (record.Sequence != first + (uint)i)
            {
                Assert.Fail($"record {record.Sequence} follows {stored[i - 1].Sequence}");
            }

            if (!_records.TryGetValue(record.Sequence, out ExpectedRecord? expected))
            {
                Assert.Fail($"record {record.Sequence} was never written");
            }

            if (expected.Type != record.Type || expected.ReaderSession != record.SessionId || !expected.Payload.AsSpan().SequenceEqual(record.Payload))
            {
                Assert.Fail($"record {record.Sequence} differs from what was written");
            }
        }

        foreach (KeyValuePair<uint, ExpectedRecord> entry in _records)
        {
            bool present = entry.Key >= first && entry.Key < first + (uint)stored.Count;
            if (!present && entry.Key <= CommittedThrough && entry.Value.Owner > AcknowledgedRequested)
            {
                Assert.Fail($"committed record {entry.Key} of unacknowledged session {entry.Value.Owner} is lost");
            }
        }

        uint next = stored.Count > 0 ? stored[^1].Sequence + 1 : log.NextSequence;
        Assert.Equal(next, log.NextSequence);
        Assert.InRange(log.AcknowledgedThrough, AcknowledgedDurably, AcknowledgedRequested);
        Assert.InRange(log.LastSessionId, SessionsStartedDurably, SessionsStartAttempted);

        // What survived is durable now; what did not will never come back, and its sequence numbers are free again.
        foreach (uint lost in _records.Keys.Where(s => s >= log.NextSequence).ToList())
        {
            _records.Remove(lost);
        }

        _lastWritten = log.NextSequence - 1;
        CommittedThrough = _lastWritten;
        AcknowledgedDurably = log.AcknowledgedThrough;
        SessionsStartedDurably = log.LastSessionId;
        SessionsStartAttempted = log.LastSessionId;
        return stored;
    }

    private void Expect(RecordLog log, byte type, uint owner, uint readerSession, byte[] payload) =>
        _records[log.NextSequence] = new ExpectedRecord(type, owner, readerSession, payload);

    private LogResult Done(RecordLog log, LogResult result, bool commits)
    {
        uint sequence = log.NextSequence - 1;
        if (_records.ContainsKey(log.NextSequence))
        {
            _records.Remove(log.NextSequence); // nothing was written: the sequence number was not used
        }
        else
        {
            _lastWritten = sequence;
        }

        if (result == LogResult.Full)
        {
            FullResults++;
        }

        if (commits && result == LogResult.Ok)
        {
            CommittedThrough = _lastWritten;
        }

        return result;
    }

    private static byte[] Id(uint id)
    {
        var bytes = new byte[4];
        LittleEndian.WriteUInt32(bytes, 0, id);
        return bytes;
    }
}
