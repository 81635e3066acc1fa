using LumbarBand.TestSupport;
using LumbarBand.Analysis.Recordings;
using LumbarBand.Analysis.Scoring;
using LumbarBand.Analysis.Simulation;

namespace LumbarBand.Tools.Tests.Simulation;

public sealed class RealStrideWalkTests
{
    private static ImuRecording Upright(double seconds)
    {
        int n = (int)(seconds * 100) + 1;
        double[] t = Enumerable.Range(0, n).Select(i => i / 100.0).ToArray();
        return new ImuRecording(t, Enumerable.Repeat(1.0, n).ToArray(), new double[n], new double[n], new double[n], new double[n], new double[n]);
    }

    [SkippableFact]
    public void FlexionTiltsGravityTowardTheForwardAxisAndTheGyroSeesTheRamp()
    {
        var overlay = new PostureOverlay(PostureTilt.Flexion, 30, onsetS: 1, holdS: 2);
        ImuRecording bent = overlay.Apply(Upright(5));
        int held = 250; // 2.5 s: inside the hold
        Assert.Equal(Math.Cos(Math.PI / 6), bent.AccG[0][held], 6);
        Assert.Equal(-0.5, bent.AccG[2][held], 6); // the forward axis points partly down: it reads -sin 30°
        Assert.Equal(0, bent.AccG[1][held], 6);

        // Integrating the rate about the rightward axis over the ramp in gives the angle, negative for a forward bend.
        double integral = bent.GyrDps[1].Take(201).Sum() * 0.01;
        Assert.Equal(-30, integral, 0);
        Assert.Equal(1.0, bent.AccG[0][500], 6); // upright again after the ramp out (4 s to 5 s)
    }

    [SkippableFact]
    public void RightLeanTiltsGravityTowardTheRightwardAxis()
    {
        ImuRecording leaning = new PostureOverlay(PostureTilt.LeanRight, 15, onsetS: 1, holdS: 2).Apply(Upright(5));
        Assert.Equal(-Math.Sin(Math.PI / 12), leaning.AccG[1][250], 6);
        Assert.Equal(0, leaning.AccG[2][250], 6);
    }

    [SkippableFact]
    public void BuildsMinutesOfWalkingFromRealStrides()
    {
        ImuRecording walk = RealStrideWalk.Build(SharedData.Require(), walkingS: 120);
        Assert.InRange(walk.DurationS, RealStrideWalk.StandingS + 120, RealStrideWalk.StandingS + 125);
        // Standing first: the trunk barely accelerates; then walking: it does.
        double Sd(int from, int to)
        {
            double[] v = walk.AccG[0][from..to];
            double m = v.Average();
            return Math.Sqrt(v.Sum(x => (x - m) * (x - m)) / v.Length);
        }

        Assert.True(Sd(0, 250) < 0.01, "standing part should be quiet");
        Assert.True(Sd(1000, 4000) > 0.08, "walking part should show gait accelerations");
    }

    [SkippableFact]
    public void EveryStrideOfABuiltWalkStartsOnTheSameFoot()
    {
        // S05_T2's U-turn holds two left contacts in a row (14.89 s, 16.24 s): its straight strides before the turn
        // start on the left foot, those after it on the right. Joining the two stepped the trunk's roll at each change
        // of foot by some 8° that the gyroscope never saw (a tilt filter's lateral bend swung -5..+8° on the built walk).
        string dir = SharedData.Require(RealWalksFolder.VoisardRelativeToRepositoryParent);
        ImuRecording recording = ImuCsv.Read(Path.Combine(dir, "S05_T2.imu.csv"));
        ReferenceRecording reference = ReferenceRecording.Read(Path.Combine(dir, "S05_T2.reference.json"));
        ReferenceBout bout = Assert.Single(reference.Bouts);
        string?[] feet = RealStrideWalk.SteadyStraightStrides(recording, reference)
            .Select(s => bout.InitialContactSides[bout.InitialContactsS.Select((t, i) => (Gap: Math.Abs(t - recording.TimeS[s.From]), i)).Min().i])
            .ToArray();

        Assert.InRange(feet.Length, 5, 13);
        Assert.All(feet, f => Assert.Equal(feet[0], f));
    }

    [SkippableFact]
    public void HeadingChangeIsTheRateAboutGravityIntegrated()
    {
        // Upright, then tilted 20° forward, turning left at 60 °/s about the vertical for 1.5 s: 90° either way.
        foreach (double tiltDeg in new[] { 0.0, 20.0 })
        {
            double tilt = tiltDeg * Math.PI / 180;
            int n = 151;
            double[] t = Enumerable.Range(0, n).Select(i => i / 100.0).ToArray();
            // Sensor axes x up, y right, z forward, pitched forward: gravity's reaction and the vertical rate both
            // have a part along -z.
            double[] ax = Enumerable.Repeat(Math.Cos(tilt), n).ToArray();
            double[] az = Enumerable.Repeat(-Math.Sin(tilt), n).ToArray();
            double[] gx = Enumerable.Repeat(60 * Math.Cos(tilt), n).ToArray();
            double[] gz = Enumerable.Repeat(-60 * Math.Sin(tilt), n).ToArray();
            var turning = new ImuRecording(t, ax, new double[n], az, gx, new double[n], gz);
            Assert.Equal(90, RealStrideWalk.HeadingChangeDeg(turning, 0, 150), 6);
        }
    }

    [SkippableFact]
    public void TheWalkIsBuiltFromStraightStridesOnly()
    {
        string dir = SharedData.Require();
        ImuRecording source = ImuCsv.Read(Path.Combine(dir, RealStrideWalk.DefaultRecording + ".imu.csv"));
        ImuRecording walk = RealStrideWalk.Build(dir, walkingS: 30);

        // Every second of the built walk turns by less than a straight stride may: the turning strides are out.
        int second = (int)Math.Round(1 / (walk.TimeS[1] - walk.TimeS[0]));
        int start = (int)(RealStrideWalk.StandingS * second);
        for (int from = start; from + second <= walk.Count; from += second)
        {
            Assert.InRange(RealStrideWalk.HeadingChangeDeg(walk, from, from + second), -RealStrideWalk.MaxStrideTurnDeg, RealStrideWalk.MaxStrideTurnDeg);
        }

        // The recording itself turns: the selection is what keeps them out.
        double largest = 0;
        for (int from = 0; from + second <= source.Count; from += second / 2)
        {
            largest = Math.Max(largest, Math.Abs(RealStrideWalk.HeadingChangeDeg(source, from, from + second)));
        }

        Assert.True(largest > 60, $"the source recording should hold turns: largest heading change in a second {largest:F0}°");
    }

    [SkippableFact]
    public void RecordingsWithoutAStillStartAreRefusedWithTheReasonAndOnesWithoutSteadyStridesUseFourInARow()
    {
        string dir = SharedData.Require();

        // No second of still standing at the start: the band would never capture its neutral posture.
        var noStill = Assert.Throws<InvalidDataException>(() => RealStrideWalk.Build(dir, "HA001_Test5_Trial1", 60));
        Assert.Contains("does not start with a second of still standing", noStill.Message);

        // Its one straight stride ends 7.9° away from the posture it began in, so it has no steady straight stride: the
        // walk repeats its best run of four strides in a row instead, turns included, and builds.
        ImuRecording unsteady = RealStrideWalk.Build(dir, "HA002_Test11_Trial1", 60);
        Assert.True(unsteady.DurationS >= RealStrideWalk.StandingS + 60);

        // Another wearer's recording with a still start and closed straight strides builds.
        ImuRecording other = RealStrideWalk.Build(dir, "MS001_Test5_Trial2", 60);
        Assert.True(other.DurationS >= RealStrideWalk.StandingS + 60);
    }
}
