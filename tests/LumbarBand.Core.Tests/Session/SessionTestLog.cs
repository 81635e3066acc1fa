using LumbarBand.Core.Session;
using LumbarBand.Core.Storage;

namespace LumbarBand.Core.Tests.Session;

/// <summary>Reads sessions straight from a record log, as stored, for comparing with what the port and the decoder give.</summary>
public static class SessionTestLog
{
    /// <summary>The serialized form of session <paramref name="sessionId"/>: its records as stored, acknowledgements skipped.</summary>
    public static byte[] StoredBytes(RecordLog log, uint sessionId)
    {
        var reader = new RecordReader(log);
        Assert.True(reader.SeekToSession(sessionId), $"session {sessionId} is not stored");
        var bytes = new List<byte>();
        var record = new byte[RecordFormat.MaxRecordLength];
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

            reader.CopyEncoded(record, 0);
            bytes.AddRange(record.AsSpan(0, reader.EncodedLength).ToArray());
            if (reader.Type == RecordTypes.SessionEnd)
            {
                break;
            }
        }

        return [.. bytes];
    }

    /// <summary>Decodes <paramref name="bytes"/>, asserting success.</summary>
    public static SessionContent Decode(byte[] bytes)
    {
        var content = new SessionContent();
        SessionDecodeResult result = SessionDecoder.Decode(bytes, 0, bytes.Length, content);
        Assert.True(result == SessionDecodeResult.Ok, $"decoding failed: {result} at byte {content.ErrorOffset}");
        return content;
    }

    /// <summary>A new log over <paramref name="segments"/> in-memory segments of <paramref name="capacity"/> bytes.</summary>
    public static RecordLog NewLog(int segments = RecordLogCapacity.DefaultSegmentCount, int capacity = RecordLogCapacity.DefaultSegmentCapacity) =>
        new(new MemoryRecordStorage(segments, capacity));
}
