using LumbarBand.Core.Gait;
using LumbarBand.Core.Sensing;
using LumbarBand.Core.Tests.Sensing;

namespace LumbarBand.Core.Tests.Gait;

public sealed class StepDetectionTests
{
    private static readonly double[] Upright = [1, 0, 0, 0, 1, 0, 0, 0, 1];

    /// <summary>The x-forward, y-left, z-up body seen by a band clipped on sideways and upside down.</summary>
    private static readonly double[] Odd = SyntheticImu.Multiply(SyntheticImu.AxisAlignedMountings().ElementAt(13), SyntheticImu.Rotation(1, 2, 3, 25));

    [Fact]
    public void WalkingGivesEveryStepItsCadenceAndOneBout()
    {
        var band = new Band();
        var imu = new SyntheticImu(band, Odd);
        imu.Run(3, SyntheticImu.Still);
        double walkStart = imu.TimeS;
        imu.Run(20, SyntheticImu.Walking(108));
        Assert.True(band.IsWalking);
        Assert.InRange(band.CadenceCentiStepsPerMinute, 10600, 11000);
        imu.Run(5, SyntheticImu.Still);
        Assert.False(band.IsWalking);
        Assert.Equal(0, band.CadenceCentiStepsPerMinute);

        BandEvent[] steps = imu.Events.Where(e => e.Kind == BandEventKind.Step).ToArray();
        Assert.InRange(steps.Length, 35, 37); // 20 s at 1.8 steps/s
        Assert.Equal(steps.Length, band.TotalSteps);
        BandEvent start = Assert.Single(imu.Events, e => e.Kind == BandEventKind.BoutStart);
        BandEvent end = Assert.Single(imu.Events, e => e.Kind == BandEventKind.BoutEnd);
        Assert.Equal(steps[0].TimeUs, start.TimeUs);
        Assert.Equal(steps[^1].TimeUs, end.TimeUs);
        Assert.Equal(steps.Length, end.Value);
        Assert.InRange(steps[0].TimeUs / 1e6, walkStart, walkStart + 0.7);
        for (int i = 0; i < steps.Length; i++)
        {
            Assert.Equal(i + 1, steps[i].Value);
            if (i > 0)
            {
                Assert.InRange((steps[i].TimeUs - steps[i - 1].TimeUs) / 1e6, 0.5, 0.62);
            }
        }
    }

    [Fact]
    public void HeldBackStepsAreEmittedWithTheirOwnTimes()
    {
        var band = new Band();
        var imu = new SyntheticImu(band, Upright);
        imu.Run(3, SyntheticImu.Still);
        var seen = new List<(double At, BandEvent Event)>();
        for (int k = 0; k < 250 && band.TotalSteps == 0; k++)
        {
            int before = imu.Events.Count;
            double at = imu.TimeS;
            imu.Run(0.02, t => SyntheticImu.Walking(108)(t - 3));
            seen.AddRange(imu.Events.Skip(before).Select(e => (at, e)));
        }

        // Walking is confirmed by its sixth step: six steps arrive at once, the first ~2.8 s in the past.
        BandEvent[] steps = seen.Where(s => s.Event.Kind == BandEventKind.Step).Select(s => s.Event).ToArray();
        Assert.Equal(WalkingBoutTracker.ConfirmSteps, steps.Length);
        double emittedAt = seen[0].At;
        Assert.True(emittedAt - (steps[0].TimeUs / 1e6) > 2.5, $"first step at {steps[0].TimeUs / 1e6:F2} s emitted at {emittedAt:F2} s");
        for (int i = 1; i < steps.Length; i++)
        {
            Assert.InRange((steps[i].TimeUs - steps[i - 1].TimeUs) / 1e6, 0.5, 0.62);
        }
    }

    [Fact]
    public void StandingStillGivesNoSteps()
    {
        var band = new Band();
        var imu = new SyntheticImu(band, Odd) { AccelNoiseG = 0.01, GyroNoiseDps = 1 };
        imu.Run(60, SyntheticImu.Still);
        Assert.Equal(0, band.TotalSteps);
        Assert.DoesNotContain(imu.Events, e => e.Kind == BandEventKind.Step || e.Kind == BandEventKind.BoutStart);
    }

    [Fact]
    public void SlowWeightShiftingGivesNoSteps()
    {
        // Shifting weight from foot to foot every 2 s: the pelvis sways sideways and rolls, rising a little each time.
        var band = new Band();
        var imu = new SyntheticImu(band, Odd);
        imu.Run(60, t =>
        {
            double w = 2 * Math.PI * 0.25;
            return (0.01 * Math.Sin(2 * w * t), 0.08 * Math.Sin(w * t), 1 + (0.03 * Math.Cos(2 * w * t)), 5 * Math.Cos(w * t), 1, 3 * Math.Sin(w * t));
        });
        Assert.Equal(0, band.TotalSteps);
    }

    [Fact]
    public void IsolatedJoltsGiveNoSteps()
    {
        // Sitting down, standing up, a stumble: one or two strong vertical pulses, then quiet.
        var band = new Band();
        var imu = new SyntheticImu(band, Upright);
        for (int k = 0; k < 12; k++)
        {
            double period = 2.5 + (0.7 * (k % 3));
            imu.Run(period, t =>
            {
                double local = t % period;
                double pulse = local < 0.4 ? 0.4 * Math.Sin(Math.PI * local / 0.4) : 0;
                double second = k % 2 == 0 && local > 0.55 && local < 0.95 ? 0.3 * Math.Sin(Math.PI * (local - 0.55) / 0.4) : 0;
                return (0.1 * pulse, 0, 1 + pulse + second, 0, 20 * pulse, 0);
            });
        }

        Assert.Equal(0, band.TotalSteps);
    }

    [Fact]
    public void StepDetectorFindsOnePeakPerExcursion()
    {
        var detector = new StepDetector();
        int found = 0;
        for (int k = 0; k < 500; k++)
        {
            // 1.8 Hz, 0.25 g, with a second hump 0.12 s after each peak.
            double t = k / 50.0;
            double v = (0.25 * Math.Cos(2 * Math.PI * 1.8 * t)) + (0.08 * Math.Cos(2 * Math.PI * 3.6 * t));
            if (detector.Update((int)(v * 4096), k + 1))
            {
                found++;
                Assert.InRange(detector.StepContactAgeSamples, StepDetector.ContactToPeakSamples, StepDetector.ContactToPeakSamples + 12);
            }
        }

        Assert.InRange(found, 17, 18);
    }

    [Fact]
    public void AMovementThatStaysAboveOneGIsOneExcursionWhenTheProjectionLagsABend()
    {
        // A deep bend: the lagging gravity estimate projects 0.32 g below 1 g for seconds. Then the trunk straightens with
        // two humps of upward acceleration 0.4 s apart whose dip stays 0.3 g above 1 g, but just below it in the
        // projection. Measured from the corrected level it is one movement; from the raw one it split into two.
        Assert.Equal(1, Candidates(StraighteningFromABend(lossCounts: 1300), levelUpdates: true));
        Assert.Equal(2, Candidates(StraighteningFromABend(lossCounts: 1300), levelUpdates: false));

        // Walking's own level (0.05 g below 1 g over a second, as on the real walks) is left as it is.
        Assert.Equal(Candidates(StraighteningFromABend(lossCounts: 200), levelUpdates: false), Candidates(StraighteningFromABend(lossCounts: 200), levelUpdates: true));
    }

    /// <summary>Counts (4096 = 1 g) at 50 Hz: 1 s at 1 g, then a projection loss held for 4 s with two humps of 1500 counts (0.37 g) in its last second, 0.4 s apart.</summary>
    private static int[] StraighteningFromABend(int lossCounts)
    {
        var signal = new int[250];
        for (int k = 50; k < 250; k++)
        {
            double hump = Hump(k - 200) + Hump(k - 220);
            signal[k] = (int)((hump * 1500) - lossCounts);
        }

        return signal;
    }

    /// <summary>A raised-cosine hump 0.72 s wide at its base, centred at 0, peak 1 (two of them 0.4 s apart dip to 0.83 between).</summary>
    private static double Hump(int sample)
    {
        return Math.Abs(sample) < 18 ? 0.5 * (1 + Math.Cos(Math.PI * sample / 18.0)) : 0;
    }

    private static int Candidates(int[] signal, bool levelUpdates)
    {
        var detector = new StepDetector();
        int found = 0;
        for (int k = 0; k < signal.Length; k++)
        {
            int sample = k + 1;
            if (levelUpdates && (sample & StepDetector.LevelUpdateMask) == 0)
            {
                detector.UpdateLevel();
            }

            if (detector.Update(signal[k], sample))
            {
                found++;
            }
        }

        return found;
    }

    [Fact]
    public void NeutralIsCapturedAtPowerOnAndOnRequestOnly()
    {
        var band = new Band();
        var imu = new SyntheticImu(band, Upright);
        imu.Run(3, SyntheticImu.Still);
        imu.Run(10, SyntheticImu.Walking(100));
        imu.Run(5, SyntheticImu.Still);
        Assert.Single(imu.Events, e => e.Kind == BandEventKind.NeutralCaptured);

        band.RequestNeutralCapture();
        Assert.True(band.Neutral.IsPending);
        imu.Run(5, SyntheticImu.Walking(100));
        Assert.Single(imu.Events, e => e.Kind == BandEventKind.NeutralCaptured);
        imu.Run(2, SyntheticImu.Still);
        Assert.Equal(2, imu.Events.Count(e => e.Kind == BandEventKind.NeutralCaptured));
        Assert.False(band.Neutral.IsPending);
        Assert.Equal(2, band.Neutral.Captures);
    }
}
