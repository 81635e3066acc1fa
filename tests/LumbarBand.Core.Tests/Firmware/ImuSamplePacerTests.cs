using LumbarBand.Core.Sensing;

namespace LumbarBand.Core.Tests.Firmware;

/// <summary>The firmware's 50 Hz sample schedule (<see cref="ImuSamplePacer"/>) on a simulated microsecond clock.</summary>
public sealed class ImuSamplePacerTests
{
    private const long Period = ImuFormat.SamplePeriodUs;
    private const long Start = 5_000_000;

    [Fact]
    public void OnTimeWakeUpsTakeOneSlotEachOnTheGrid()
    {
        var pacer = new ImuSamplePacer();
        pacer.Start(Start);
        for (int n = 1; n <= 100; n++)
        {
            long now = Start + (n * Period);
            Assert.True(pacer.TryTakeSlot(now, out long slot));
            Assert.Equal(Start + (n * Period), slot);
            Assert.False(pacer.TryTakeSlot(now, out _));
        }

        Assert.Equal(100, pacer.SlotsTaken);
        Assert.Equal(0, pacer.SkippedSlots);
        Assert.Equal(0, pacer.MaxLatenessUs);
    }

    [Fact]
    public void NothingIsDueBeforeTheSlotButASlightlyEarlyWakeUpCounts()
    {
        var pacer = new ImuSamplePacer();
        pacer.Start(Start);
        Assert.False(pacer.TryTakeSlot(Start + Period - ImuSamplePacer.EarlyToleranceUs - 1, out _));
        Assert.True(pacer.TryTakeSlot(Start + Period - ImuSamplePacer.EarlyToleranceUs, out long slot));
        Assert.Equal(Start + Period, slot);
    }

    [Fact]
    public void ALateWakeUpIsStampedWithItsSlotTimeAndMeasured()
    {
        var pacer = new ImuSamplePacer();
        pacer.Start(Start);
        Assert.True(pacer.TryTakeSlot(Start + Period + 7_300, out long slot));
        Assert.Equal(Start + Period, slot);
        Assert.Equal(7_300, pacer.MaxLatenessUs);
        Assert.False(pacer.TryTakeSlot(Start + Period + 7_300, out _));
    }

    [Fact]
    public void AShortStallIsCaughtUpBackToBack()
    {
        var pacer = new ImuSamplePacer();
        pacer.Start(Start);

        // Woken 70 ms late: slots 1..4 are due now, taken one after another, each with its own grid time.
        long now = Start + Period + 70_000;
        var slots = new List<long>();
        while (pacer.TryTakeSlot(now, out long slot))
        {
            slots.Add(slot);
        }

        Assert.Equal([Start + Period, Start + (2 * Period), Start + (3 * Period), Start + (4 * Period)], slots);
        Assert.Equal(0, pacer.SkippedSlots);
        Assert.Equal(0, pacer.Resyncs);
    }

    [Fact]
    public void ALongStallResynchronisesAndCountsTheSkippedSlots()
    {
        var pacer = new ImuSamplePacer();
        pacer.Start(Start);

        // One second late: far beyond the catch-up limit; the schedule jumps to the newest due slot.
        long now = Start + Period + 1_000_000 + 3_000;
        var slots = new List<long>();
        while (pacer.TryTakeSlot(now, out long slot))
        {
            slots.Add(slot);
        }

        Assert.Single(slots);
        Assert.Equal(Start + Period + 1_000_000, slots[0]);
        Assert.Equal(50, pacer.SkippedSlots);
        Assert.Equal(1, pacer.Resyncs);
        Assert.Equal(Start + (2 * Period) + 1_000_000, pacer.NextSlotUs);
    }

    [Fact]
    public void SleepEndsAtOrJustBeforeTheNextSlot()
    {
        var pacer = new ImuSamplePacer();
        pacer.Start(Start);
        Assert.Equal(20, pacer.SleepMilliseconds(Start));
        Assert.Equal(14, pacer.SleepMilliseconds(Start + 5_300));
        Assert.Equal(1, pacer.SleepMilliseconds(Start + Period - 900));
        Assert.Equal(0, pacer.SleepMilliseconds(Start + Period - ImuSamplePacer.EarlyToleranceUs));
        Assert.Equal(0, pacer.SleepMilliseconds(Start + Period + 3_000));
    }

    [Fact]
    public void TenMinutesOfJitteryWakeUpsKeepSampleCountAndTimeInStep()
    {
        // Sleep as the pacer says, but every wake-up lands up to 12 ms late (a 10 ms scheduler tick plus other threads).
        var random = new Random(7);
        var pacer = new ImuSamplePacer();
        long now = Start;
        pacer.Start(now);
        long end = Start + (10L * 60 * 1_000_000);
        long lastSlot = Start;
        while (now < end)
        {
            while (pacer.TryTakeSlot(now, out long slot))
            {
                Assert.Equal(lastSlot + Period, slot);
                lastSlot = slot;
            }

            now += (pacer.SleepMilliseconds(now) * 1000L) + random.Next(0, 12_000) + 50;
        }

        Assert.Equal(0, pacer.SkippedSlots);
        Assert.InRange(pacer.SlotsTaken, ((end - Start) / Period) - 1, (end - Start) / Period);
        Assert.True(pacer.MaxLatenessUs < 13_000, $"max lateness {pacer.MaxLatenessUs} µs");
    }

    [Fact]
    public void StartsItselfOnTheFirstQuestion()
    {
        var pacer = new ImuSamplePacer();
        Assert.False(pacer.TryTakeSlot(Start, out _));
        Assert.True(pacer.TryTakeSlot(Start + Period, out long slot));
        Assert.Equal(Start + Period, slot);
    }
}
