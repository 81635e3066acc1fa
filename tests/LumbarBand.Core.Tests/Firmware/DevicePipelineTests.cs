using LumbarBand.Core.Controls;
using LumbarBand.Core.Sensing;

namespace LumbarBand.Core.Tests.Firmware;

/// <summary>
/// The device's per-sample path with the hardware replaced by a byte buffer: pacer → 14-byte burst → decode →
/// <see cref="Band.OnSample"/>, the same calls the firmware's sampling loop makes. It must allocate nothing, and a
/// still band must count no steps.
/// </summary>
public sealed class DevicePipelineTests
{
    [Fact]
    public void StillBurstsThroughTheDevicePathCountNoStepsAndCaptureNeutral()
    {
        var band = new Band();
        var frame = new Mpu6886Frame();
        var pacer = new ImuSamplePacer();
        byte[] burst = Mpu6886FrameTests.Burst(12, -30, ImuFormat.AccelCountsPerG, 3000, 5, -7, 3);
        var events = new List<BandEvent>();

        long now = 1_000_000;
        pacer.Start(now);
        for (int i = 0; i < 10 * ImuFormat.SampleRateHz; i++)
        {
            now += ImuFormat.SamplePeriodUs;
            while (pacer.TryTakeSlot(now, out long slot))
            {
                frame.Decode(burst, 0);
                frame.FeedTo(band, slot);
            }

            while (band.Events.TryTake(out BandEvent e))
            {
                events.Add(e);
            }
        }

        Assert.Equal(0, band.TotalSteps);
        Assert.False(band.IsWalking);
        Assert.Equal(10 * ImuFormat.SampleRateHz, band.SampleCount);
        Assert.Contains(events, e => e.Kind == BandEventKind.NeutralCaptured);
        Assert.DoesNotContain(events, e => e.Kind == BandEventKind.Step);
    }

    [Fact]
    public void ThePerSamplePathAllocatesNothing()
    {
        var band = new Band();
        var frame = new Mpu6886Frame();
        var pacer = new ImuSamplePacer();
        var buttons = new ButtonGestureDetector();
        byte[] burst = Mpu6886FrameTests.Burst(0, 0, ImuFormat.AccelCountsPerG, 0, 0, 0, 0);
        long now = 0;
        pacer.Start(now);

        void RunSeconds(int seconds)
        {
            for (int i = 0; i < seconds * ImuFormat.SampleRateHz; i++)
            {
                now += ImuFormat.SamplePeriodUs + (i % 7 * 1000);
                while (pacer.TryTakeSlot(now, out long slot))
                {
                    frame.Decode(burst, 0);
                    frame.FeedTo(band, slot);
                }

                buttons.Update(now / 1000, (i / 25) % 3 == 0);
                while (band.Events.TryTake(out _))
                {
                }
            }
        }

        RunSeconds(5);
        long before = GC.GetAllocatedBytesForCurrentThread();
        RunSeconds(20);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }
}
