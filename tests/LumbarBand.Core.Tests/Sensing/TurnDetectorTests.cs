using LumbarBand.TestSupport;
using LumbarBand.Analysis.Recordings;
using LumbarBand.Analysis.Scoring;
using LumbarBand.Analysis.Simulation;
using LumbarBand.Core.Sensing;

namespace LumbarBand.Core.Tests.Sensing;

public sealed class TurnDetectorTests
{
    private const double UpdatesPerSecond = 12.5;
    private const double CountsPerDps = 32.768;

    /// <summary>
    /// Feeds <paramref name="yawDps"/> (rate about the vertical, °/s, at time t) to a detector whose sensor's up is
    /// <paramref name="up"/> (unit vector, sensor axes) and returns the turning flag per update.
    /// </summary>
    private static List<bool> Run(TurnDetector detector, double seconds, Func<double, double> yawDps, (double X, double Y, double Z) up, double startS = 0)
    {
        var flags = new List<bool>();
        for (int i = 0; i < seconds * UpdatesPerSecond; i++)
        {
            double rate = yawDps(startS + (i / UpdatesPerSecond)) * CountsPerDps;
            detector.Update(
                (int)Math.Round(rate * up.X), (int)Math.Round(rate * up.Y), (int)Math.Round(rate * up.Z),
                (int)Math.Round(up.X * 16384), (int)Math.Round(up.Y * 16384), (int)Math.Round(up.Z * 16384));
            flags.Add(detector.IsTurning);
        }

        return flags;
    }

    private static double StraightWalkingYaw(double t) => 30 * Math.Sin(2 * Math.PI * 0.9 * t); // the pelvis's stride rotation

    public static TheoryData<double, double, double> Ups => new()
    {
        { 1, 0, 0 },
        { 0, 0, -1 },
        { 0, -1, 0 },
        { Math.Cos(Math.PI / 6), 0, -Math.Sin(Math.PI / 6) }, // upright sensor on a trunk flexed 30°
    };

    [SkippableTheory]
    [MemberData(nameof(Ups))]
    public void StraightWalkingNeverTurns(double x, double y, double z)
    {
        var detector = new TurnDetector();
        Assert.DoesNotContain(true, Run(detector, 120, StraightWalkingYaw, (x, y, z)));
    }

    [SkippableTheory]
    [MemberData(nameof(Ups))]
    public void ANinetyDegreeTurnIsFoundWithinAFewTenthsOfASecondAndEnds(double x, double y, double z)
    {
        // Straight walking, then 90° at 60 °/s (1.5 s) on top of the stride rotation, then straight walking.
        var detector = new TurnDetector();
        Run(detector, 10, StraightWalkingYaw, (x, y, z));
        List<bool> turn = Run(detector, 1.5, t => StraightWalkingYaw(t) + 60, (x, y, z), startS: 10);
        int found = turn.IndexOf(true);
        Assert.InRange(found / UpdatesPerSecond, 0, 0.5);
        Assert.True(turn.Skip(found).All(f => f), "a turn should not flicker off mid-turn");
        Assert.True(detector.YawRateCounts > 40 * CountsPerDps, $"averaged rate {detector.YawRateCounts / CountsPerDps:F0} °/s");

        List<bool> after = Run(detector, 10, StraightWalkingYaw, (x, y, z), startS: 11.5);
        int ended = after.IndexOf(false);
        Assert.InRange(ended / UpdatesPerSecond, 0, 1.5);
        Assert.DoesNotContain(true, after.Skip(ended));
    }

    [SkippableFact]
    public void TheRateIsSignedLeftPositiveAndResetForgetsIt()
    {
        var detector = new TurnDetector();
        Run(detector, 3, _ => -60, (1, 0, 0));
        Assert.True(detector.IsTurning);
        Assert.InRange(detector.YawRateCounts / CountsPerDps, -61, -59);
        detector.Reset();
        Assert.False(detector.IsTurning);
        Assert.Equal(0, detector.YawRateCounts);
    }

    [SkippableFact]
    public void OnRealWalksTheBandSeesTheTurnsAndNotTheStraightStrides()
    {
        string dir = SharedData.Require();

        // The built walk of straight strides: three minutes without a turn.
        RawImuSamples straight = DeviceQuantizer.ToDevice(RealStrideWalk.Build(dir, walkingS: 180));
        Assert.Equal(0, TurningSeconds(straight, 0, double.MaxValue));

        // The recording it comes from: the stride at 46.4–47.6 s turns by 118°; the first bout (6.3–9.9 s) and the
        // strides at 119.9–122.2 s go straight (heading changes of 2–9° a stride).
        RawImuSamples recording = DeviceQuantizer.ToDevice(ImuCsv.Read(Path.Combine(dir, RealStrideWalk.DefaultRecording + ".imu.csv")));
        Assert.True(TurningSeconds(recording, 46.4, 47.6) > 0.8, "the 118° turn");
        Assert.Equal(0, TurningSeconds(recording, 6.3, 9.9));
        Assert.Equal(0, TurningSeconds(recording, 119.9, 122.2));
    }

    private static double TurningSeconds(RawImuSamples samples, double fromS, double toS)
    {
        var band = new Band();
        double seconds = 0;
        for (int i = 0; i < samples.Count; i++)
        {
            band.OnSample(samples.TimeUs[i], samples.Ax[i], samples.Ay[i], samples.Az[i], samples.Gx[i], samples.Gy[i], samples.Gz[i]);
            while (band.Events.TryTake(out _))
            {
            }

            double t = samples.TimeUs[i] / 1e6;
            if (t >= fromS && t < toS && band.Turns.IsTurning)
            {
                seconds += 1.0 / 50;
            }
        }

        return seconds;
    }
}
