using LumbarBand.Analysis.Storage;
using LumbarBand.Core.Storage;

namespace LumbarBand.Core.Tests.Storage;

/// <summary>The log over segment files, as on the band: it survives closing and reopening, and a torn file tail.</summary>
public sealed class FileRecordStorageTests : IDisposable
{
    private const int Segments = 4;
    private const int Capacity = 1024;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "lumbarband-log-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void RecordsSurviveReopeningAndATornTailIsCut()
    {
        var random = new Random(9);
        List<StoredRecord> written;
        int newest;
        using (var storage = new FileRecordStorage(_directory, Segments, Capacity))
        {
            var log = new RecordLog(storage);
            for (int s = 0; s < 12; s++)
            {
                Assert.Equal(LogResult.Ok, log.StartSession());
                for (int r = 0; r < 8; r++)
                {
                    byte[] payload = StorageTestKit.RandomBytes(random, random.Next(0, 90));
                    Assert.Equal(LogResult.Ok, log.Append(0x20, payload, 0, payload.Length));
                }

                Assert.Equal(LogResult.Ok, log.EndSession());
                Assert.Equal(LogResult.Ok, log.Acknowledge(log.LastSessionId - 1));
            }

            written = StorageTestKit.ReadAll(log);
            Assert.True(log.OldestSequence > 1, "the test should wrap the segment files");
        }

        using (var storage = new FileRecordStorage(_directory, Segments, Capacity))
        {
            var log = new RecordLog(storage);
            Assert.Equal(0, log.RecoveredTornBytes);
            Assert.Equal(Serialize(written), Serialize(StorageTestKit.ReadAll(log)));
            newest = Enumerable.Range(0, Segments).Where(s => storage.GetLength(s) > 0)
                .OrderByDescending(s => SegmentFirstSequence(storage, s)).First();
        }

        File.AppendAllBytes(Path.Combine(_directory, $"segment-{newest:D2}.lbl"), [0x20, 5, 0xAA, 0xBB]);
        using (var storage = new FileRecordStorage(_directory, Segments, Capacity))
        {
            var log = new RecordLog(storage);
            Assert.Equal(4, log.RecoveredTornBytes);
            Assert.Equal(Serialize(written), Serialize(StorageTestKit.ReadAll(log)));
            Assert.Equal(LogResult.Ok, log.StartSession());
        }
    }

    private static uint SegmentFirstSequence(FileRecordStorage storage, int segment)
    {
        var bytes = new byte[SegmentHeader.EncodedLength];
        storage.Read(segment, 0, bytes, 0, bytes.Length);
        Assert.Equal(DecodeResult.Ok, SegmentHeader.Decode(bytes, 0, bytes.Length, out SegmentHeader header));
        return header.FirstSequence;
    }

    private static List<string> Serialize(List<StoredRecord> records) =>
        records.Select(r => $"{r.Sequence}:{r.Type}:{r.SessionId}:{Convert.ToHexString(r.Payload)}").ToList();
}
