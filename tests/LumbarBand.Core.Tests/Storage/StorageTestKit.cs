using LumbarBand.Core.Storage;

namespace LumbarBand.Core.Tests.Storage;

/// <summary>One record as a <see cref="RecordReader"/> returned it.</summary>
public sealed record StoredRecord(uint Sequence, byte Type, uint SessionId, byte[] Payload);

/// <summary>Small helpers the storage tests share.</summary>
public static class StorageTestKit
{
    /// <summary>Every record the log returns from its oldest, in order.</summary>
    public static List<StoredRecord> ReadAll(RecordLog log)
    {
        var reader = new RecordReader(log);
        var records = new List<StoredRecord>();
        while (reader.ReadNext())
        {
            records.Add(Current(reader));
        }

        return records;
    }

    /// <summary>The reader's current record.</summary>
    public static StoredRecord Current(RecordReader reader)
    {
        var payload = new byte[reader.PayloadLength];
        reader.CopyPayload(payload, 0);
        return new StoredRecord(reader.Sequence, reader.Type, reader.SessionId, payload);
    }

    /// <summary>The records of session <paramref name="sessionId"/> from its start record to its end record (or the log's end).</summary>
    public static List<StoredRecord>? ReadSession(RecordLog log, uint sessionId)
    {
        var reader = new RecordReader(log);
        if (!reader.SeekToSession(sessionId))
        {
            return null;
        }

        var records = new List<StoredRecord>();
        while (reader.ReadNext())
        {
            if (reader.Type == RecordTypes.Acknowledge)
            {
                continue;
            }

            if (reader.SessionId != sessionId)
            {
                break;
            }

            records.Add(Current(reader));
            if (reader.Type == RecordTypes.SessionEnd)
            {
                break;
            }
        }

        return records;
    }

    /// <summary>A payload of <paramref name="length"/> random bytes.</summary>
    public static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>A random application record type.</summary>
    public static byte RandomApplicationType(Random random) =>
        (byte)random.Next(RecordTypes.FirstApplication, RecordTypes.LastApplication + 1);

    /// <summary>Every segment's bytes, to compare a storage before and after.</summary>
    public static byte[][] Snapshot(IRecordStorage storage)
    {
        var segments = new byte[storage.SegmentCount][];
        for (int s = 0; s < storage.SegmentCount; s++)
        {
            segments[s] = new byte[storage.GetLength(s)];
            storage.Read(s, 0, segments[s], 0, segments[s].Length);
        }

        return segments;
    }

    /// <summary>The session id a control record's payload carries.</summary>
    public static uint ControlSessionId(StoredRecord record) => LittleEndian.ReadUInt32(record.Payload, 0);
}
