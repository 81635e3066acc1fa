using LumbarBand.Core.Storage;
using Xunit.Abstractions;

namespace LumbarBand.Core.Tests.Storage;

/// <summary>The capacity figures the bench will use match what the log really stores.</summary>
public sealed class RecordLogCapacityTests
{
    private readonly ITestOutputHelper _output;

    public RecordLogCapacityTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void OverheadFiguresAreTheFormatsOwn()
    {
        Assert.Equal(10, RecordLogCapacity.BytesPerRecordOverhead);
        Assert.Equal(34, RecordLogCapacity.RecordBytes(24));
        Assert.Equal(28, RecordLogCapacity.BytesPerSessionOverhead);
        Assert.Equal(14, RecordLogCapacity.BytesPerAcknowledgement);
        Assert.Equal(24 + 28, RecordLogCapacity.BytesPerSegmentOverhead);
        Assert.Equal(192 * 1024, RecordLogCapacity.DefaultSegmentCount * RecordLogCapacity.DefaultSegmentCapacity);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(24)]
    [InlineData(100)]
    [InlineData(255)]
    public void RecordsThatFitIsExact(int payloadLength)
    {
        const int Segments = 4;
        const int Capacity = 2048;
        var log = new RecordLog(new MemoryRecordStorage(Segments, Capacity));
        Assert.Equal(LogResult.Ok, log.StartSession());
        var payload = new byte[payloadLength];
        int stored = 0;
        while (stored < 100_000 && log.Append(0x20, payload, 0, payloadLength) == LogResult.Ok)
        {
            stored++;
        }

        // The session start takes room from the first segment only when it leaves too little for a record there.
        int predicted = RecordLogCapacity.RecordsThatFit(Segments, Capacity, payloadLength);
        Assert.InRange(stored, predicted - 1, predicted);
    }

    [Fact]
    public void AWalkingHourOfMinuteEpochsCostsWhatTheFiguresSay()
    {
        const int EpochPayload = 24;
        const int Minutes = 60;
        var log = new RecordLog(new MemoryRecordStorage(RecordLogCapacity.DefaultSegmentCount, RecordLogCapacity.DefaultSegmentCapacity));
        int before = log.UsedBytes;
        Assert.Equal(LogResult.Ok, log.StartSession());
        for (int minute = 0; minute < Minutes; minute++)
        {
            Assert.Equal(LogResult.Ok, log.Append(0x20, new byte[EpochPayload], 0, EpochPayload));
        }

        Assert.Equal(LogResult.Ok, log.EndSession());
        int used = log.UsedBytes - before;
        int predicted = (Minutes * RecordLogCapacity.RecordBytes(EpochPayload)) + RecordLogCapacity.BytesPerSessionOverhead;
        Assert.InRange(used - predicted, 0, SegmentHeader.EncodedLength);
        int hoursIn192K = RecordLogCapacity.UsableBytes(RecordLogCapacity.DefaultSegmentCount, RecordLogCapacity.DefaultSegmentCapacity) / predicted;
        _output.WriteLine($"one walking hour of {EpochPayload}-byte minute epochs: {predicted} bytes, of which "
            + $"{(Minutes * RecordLogCapacity.BytesPerRecordOverhead) + RecordLogCapacity.BytesPerSessionOverhead} log overhead; "
            + $"about {hoursIn192K} such hours fit in the default 192 KB log");
    }
}
