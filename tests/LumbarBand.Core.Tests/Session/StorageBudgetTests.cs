using LumbarBand.Core.Session;
using LumbarBand.Core.Storage;
using Xunit.Abstractions;

namespace LumbarBand.Core.Tests.Session;

/// <summary>The storage budget: at most 2 KB of flash per walking hour, measured through the real recorder, writer and log.</summary>
public sealed class StorageBudgetTests(ITestOutputHelper output)
{
    /// <summary>The budget: 2 KB per walking hour, record overhead included.</summary>
    private const int BudgetBytesPerWalkingHour = 2048;

    [Fact]
    public void AWalkingHourTakesAtMostTwoKilobytes()
    {
        int bytes = SessionStorageFigures.MeasureBytesPerWalkingHour();
        int tenths = SessionStorageFigures.HoursInDefaultLogTenths(bytes);
        output.WriteLine($"storage_bytes_per_walking_hour = {bytes}");
        output.WriteLine($"storage_hours_in_256k = {tenths / 10}.{tenths % 10} (usable log {RecordLogCapacity.UsableBytes(RecordLogCapacity.DefaultSegmentCount, RecordLogCapacity.DefaultSegmentCapacity)} bytes)");
        Assert.InRange(bytes, 1000, BudgetBytesPerWalkingHour);
    }

    [Fact]
    public void TheDefaultLogHoldsTheWalkingHoursTheFigureSays()
    {
        int measured = SessionStorageFigures.MeasureWalkingHoursUntilFull();
        int computed = SessionStorageFigures.HoursInDefaultLogTenths(SessionStorageFigures.MeasureBytesPerWalkingHour()) / 10;
        output.WriteLine($"walking hours recorded before the default log is full: {measured} (computed {computed})");
        Assert.InRange(measured, computed - 3, computed + 1);
        Assert.True(measured >= 90, "fewer than 90 walking hours fit in the default log");
    }

    [Fact]
    public void TheSessionLayerStateIsSmall()
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var recorder = new SessionRecorder(null!, null!);
        long recorderBytes = GC.GetAllocatedBytesForCurrentThread() - before;
        output.WriteLine($"SessionRecorder state (CoreCLR x64 sizes, with its outbox): {recorderBytes} bytes");
        Assert.True(recorder.Outbox.Count == 0);
        Assert.InRange(recorderBytes, 1, 2048);
    }
}
