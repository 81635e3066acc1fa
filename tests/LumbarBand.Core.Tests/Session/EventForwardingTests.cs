using LumbarBand.Analysis.Recordings;
using LumbarBand.Core.Sensing;
using LumbarBand.Core.Tests.Sensing;

namespace LumbarBand.Core.Tests.Session;

/// <summary>
/// The band's one event queue serves two readers: the band hands each new event to its session recorder in place, and
/// the event stays queued on <see cref="Band.Events"/> for a host or the firmware to drain. Whether or not anybody
/// drains it must not change what the session recorder sees.
/// </summary>
public sealed class EventForwardingTests
{
    private const double WalkSeconds = 60;

    [Fact]
    public void TheSessionRecorderSeesEveryEventWhetherOrNotTheBandsEventsAreDrained()
    {
        var drained = new Band();
        var undrained = new Band();
        var seen = new List<BandEvent>();
        Func<double, (double, double, double, double, double, double)> walk = SyntheticImu.Walking(108);
        const double countsPerDps = (double)ImuFormat.GyroCountsAtFullScale / ImuFormat.GyroFullScaleDps;
        int samples = (int)(WalkSeconds * ImuFormat.SampleRateHz);
        for (int k = 0; k < samples; k++)
        {
            (double ax, double ay, double az, double gx, double gy, double gz) = walk(k / (double)ImuFormat.SampleRateHz);
            long timeUs = (long)k * ImuFormat.SamplePeriodUs;
            short cax = DeviceQuantizer.Quantize(ax * ImuFormat.AccelCountsPerG);
            short cay = DeviceQuantizer.Quantize(ay * ImuFormat.AccelCountsPerG);
            short caz = DeviceQuantizer.Quantize(az * ImuFormat.AccelCountsPerG);
            short cgx = DeviceQuantizer.Quantize(gx * countsPerDps);
            short cgy = DeviceQuantizer.Quantize(gy * countsPerDps);
            short cgz = DeviceQuantizer.Quantize(gz * countsPerDps);
            drained.OnSample(timeUs, cax, cay, caz, cgx, cgy, cgz);
            undrained.OnSample(timeUs, cax, cay, caz, cgx, cgy, cgz);
            while (drained.Events.TryTake(out BandEvent e))
            {
                seen.Add(e);
            }
        }

        // More events than the queue holds: the undrained queue overflowed, yet its recorder counted every step.
        Assert.True(seen.Count > Band.EventCapacity, $"the walk gave {seen.Count} events, no more than the queue holds");
        Assert.True(undrained.Sessions.IsSessionOpen, "the walk opened no session");
        Assert.Equal(drained.TotalSteps, undrained.TotalSteps);
        Assert.Equal(seen.Count(e => e.Kind == BandEventKind.Step), undrained.Sessions.SessionSteps);
        Assert.Equal(drained.Sessions.SessionSteps, undrained.Sessions.SessionSteps);
        Assert.Equal(drained.Sessions.Outbox.Produced, undrained.Sessions.Outbox.Produced);

        // The undrained queue dropped the oldest events and holds the newest, in order.
        Assert.Equal(seen.Count - Band.EventCapacity, undrained.Events.Dropped);
        Assert.Equal(0, drained.Events.Dropped);
        var kept = new List<BandEvent>();
        while (undrained.Events.TryTake(out BandEvent e))
        {
            kept.Add(e);
        }

        Assert.Equal(seen.Skip(seen.Count - Band.EventCapacity), kept);
    }
}
