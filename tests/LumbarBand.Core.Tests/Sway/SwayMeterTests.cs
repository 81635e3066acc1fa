using System.Globalization;
using LumbarBand.Analysis.Simulation;
using LumbarBand.Core.Posture;
using LumbarBand.Core.Sensing;
using LumbarBand.Core.Sway;
using LumbarBand.Core.Tests.Posture;
using Xunit.Abstractions;

namespace LumbarBand.Core.Tests.Sway;

/// <summary>
/// Per-stride sway ranges on simulated walks against the simulator's per-stride truth, and the stride bookkeeping on
/// synthetic input.
/// </summary>
public sealed class SwayMeterTests(ITestOutputHelper output)
{
    /// <summary>Normal walking, then the same with twice the trunk oscillation.</summary>
    private static readonly WalkScript DoubleSwayScript = new WalkScript("double sway")
        .Stand(5)
        .Walk(40)
        .Walk(40, swayScale: 2)
        .Stand(2);

    /// <summary>Straight walking, a gentle curve to the left, then a turning one (past the turn detector's 25 °/s with the stride's yaw).</summary>
    private static readonly WalkScript CurveScript = new WalkScript("curves")
        .Stand(5)
        .Walk(30)
        .Walk(30, turnDegPerS: 10)
        .Walk(20, turnDegPerS: 40)
        .Stand(2);

    [Theory]
    [MemberData(nameof(PostureMeterTests.MountingNames), MemberType = typeof(PostureMeterTests))]
    public void StrideRangesAgreeWithTheTruth(string mounting)
    {
        PostureRun run = PostureRun.Of(PostureMeterTests.PostureScript, PostureMeterTests.Mountings(mounting));
        IReadOnlyList<(StrideOutput Measured, StrideSway Truth)> all = run.MatchedStrides();
        IReadOnlyList<(StrideOutput Measured, StrideSway Truth)> pairs = run.MatchedStrides(steadyPostureOnly: true);
        Agreement allAp = Agreement.Of(all, p => p.Measured.AnteroposteriorCentidegrees, p => p.Truth.AnteroposteriorTiltRangeDeg);
        Agreement ml = Agreement.Of(pairs, p => p.Measured.MediolateralCentidegrees, p => p.Truth.MediolateralTiltRangeDeg);
        Agreement ap = Agreement.Of(pairs, p => p.Measured.AnteroposteriorCentidegrees, p => p.Truth.AnteroposteriorTiltRangeDeg);
        Agreement rotation = Agreement.Of(pairs, p => p.Measured.RotationCentidegrees, p => p.Truth.YawRangeDeg);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{mounting}: {run.Strides.Count} strides reported, {all.Count} matched of {run.Walk.StrideSways.Count} true, {pairs.Count} at a steady posture; ML {ml}; AP {ap} (with the ramps {allAp}); rotation {rotation}"));

        // Strides are measured from once the forward axis is known (about 15 s into the walk) to its end.
        Assert.True(all.Count >= 60 && pairs.Count >= 50, $"only {all.Count} strides matched, {pairs.Count} steady");
        Assert.InRange(allAp.MeanRatio, 0.85, 1.1);

        // Mediolateral: the smallest range (about 2°) and the one most sensitive to the 12.5 Hz sampling, which
        // overstates the trunk's 3–8 Hz wobble: within +35/−5% on average, 0.75° per stride. Today 33% high (24% while the
        // heading also took the step's mean rate): the twist undone uses the heading from each step's own gyroscope
        // sample (the turn and pelvis-rotation limits were set on it), the tilt integrates the step's four samples.
        Assert.InRange(ml.MeanRatio, 0.95, 1.35);
        Assert.InRange(ml.MeanAbsoluteErrorDeg, 0, 0.75);

        // Anteroposterior (3–7°, and the flexion ramps): within 15% on average, 1° per stride. The ranges are read
        // from the 12.5 Hz history, whose samples fall up to 40 ms from the peaks of the 2 Hz oscillation (cos(π·2/12.5)
        // = 0.88 of the range at worst): today 11% low. The filter integrates each step's whole rotation (no aliasing
        // of real heel strikes); the single held sample it used before read 4% high at 2 Hz and hid this loss.
        Assert.InRange(ap.MeanRatio, 0.85, 1.1);
        Assert.InRange(ap.MeanAbsoluteErrorDeg, 0, 1.0);

        // Rotation (about 9°): the band measures it about gravity (the transverse plane, as gait labs measure pelvis
        // rotation and as the real-recording check compares it), the simulator's truth is about the trunk's own axis:
        // cos(flexion) apart in the third of the strides held at 30° of flexion (0.87). Within 8% on average, 1° per stride.
        Assert.InRange(rotation.MeanRatio, 0.92, 1.06);
        Assert.InRange(rotation.MeanAbsoluteErrorDeg, 0, 1.0);
    }

    [Fact]
    public void TwiceTheSwayReadsTwiceTheRanges()
    {
        PostureRun run = PostureRun.Of(DoubleSwayScript, PostureMeterTests.Mountings("reference tilted 30° toward 120°"));
        IReadOnlyList<(StrideOutput Measured, StrideSway Truth)> pairs = run.MatchedStrides();

        // Strides well inside each segment: normal walking 20–44 s (once the forward axis is known), doubled 49–84 s.
        var normal = pairs.Where(p => p.Truth.StartS > 20 && p.Truth.EndS < 44).ToList();
        var doubled = pairs.Where(p => p.Truth.StartS > 49 && p.Truth.EndS < 84).ToList();
        Assert.True(normal.Count >= 8 && doubled.Count >= 12, $"{normal.Count} normal and {doubled.Count} doubled strides");

        double mlRatio = normal.Count == 0 ? 0 : doubled.Average(p => p.Measured.MediolateralCentidegrees) / normal.Average(p => p.Measured.MediolateralCentidegrees);
        double apRatio = doubled.Average(p => p.Measured.AnteroposteriorCentidegrees) / normal.Average(p => p.Measured.AnteroposteriorCentidegrees);
        double rotationRatio = doubled.Average(p => p.Measured.RotationCentidegrees) / normal.Average(p => p.Measured.RotationCentidegrees);
        double trueMl = doubled.Average(p => p.Truth.MediolateralTiltRangeDeg) / normal.Average(p => p.Truth.MediolateralTiltRangeDeg);
        double trueAp = doubled.Average(p => p.Truth.AnteroposteriorTiltRangeDeg) / normal.Average(p => p.Truth.AnteroposteriorTiltRangeDeg);
        double trueRotation = doubled.Average(p => p.Truth.YawRangeDeg) / normal.Average(p => p.Truth.YawRangeDeg);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"doubled/normal: ML {mlRatio:0.00} (true {trueMl:0.00}), AP {apRatio:0.00} (true {trueAp:0.00}), rotation {rotationRatio:0.00} (true {trueRotation:0.00})"));
        // About twice: the mediolateral range carries a small constant (gyroscope noise and the trunk's 3–8 Hz wobble,
        // about 0.2°) that does not double.
        Assert.InRange(mlRatio, 1.7, 2.3);
        Assert.InRange(apRatio, 1.8, 2.2);
        Assert.InRange(rotationRatio, 1.8, 2.2);
    }

    [Fact]
    public void WalkingACurveIsNotRotationSwayAndATurnIsNotMeasured()
    {
        // 10 °/s of curve adds 11° of heading per stride; the truth (and the meter) leave it out.
        PostureRun run = PostureRun.Of(CurveScript, Mounting.Sideways);
        var curve = run.MatchedStrides().Where(p => p.Truth.StartS > 40 && p.Truth.EndS < 65).ToList();
        Assert.True(curve.Count >= 15, $"only {curve.Count} strides in the curve");
        Agreement rotation = Agreement.Of(curve, p => p.Measured.RotationCentidegrees, p => p.Truth.YawRangeDeg);
        var turning = run.Strides.Where(s => PostureRun.TimeS(s.EndSample) > 67 && PostureRun.TimeS(s.EndSample) < 85).ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"in the curve: rotation {rotation}; {turning.Count} strides measured in the 40 °/s turn"));
        Assert.InRange(rotation.MeanRatio, 0.9, 1.15);
        Assert.True(curve.All(p => p.Measured.RotationCentidegrees < 1500), "a stride in the curve read the turn as sway");

        // At 40 °/s the wearer turns: those strides are counted apart, not measured.
        Assert.Empty(turning);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(-12)]
    public void MeasuresAStrideOfSyntheticYawTurningTakenOutAndDropsIrregularOnes(double turnDegPerS)
    {
        // Sensor z up, x forward; the trunk yaws ±5° at the stride frequency (a stride of 56 samples, 1.12 s) while the
        // wearer walks a curve of turnDegPerS (below the 15 °/s of a turning stride): the stride's mean rate is taken out.
        Rig rig = Rig.Upright();
        const int strideSamples = 56;
        const double amplitudeDeg = 5;
        double omega = 2 * Math.PI / strideSamples;
        double countsPerDps = (double)ImuFormat.GyroCountsAtFullScale / ImuFormat.GyroFullScaleDps;
        double peakRateCounts = amplitudeDeg * omega * ImuFormat.SampleRateHz * countsPerDps;
        int sample = 0;
        int[] stepAt = [28, 56, 84, 112, 140, 168, 196, 224, 252, 300, 328, 356, 384, 412, 440, 468];
        int nextStep = 0;
        var ranges = new List<int>();
        for (; sample < 480; sample++)
        {
            int rate = (int)Math.Round((peakRateCounts * Math.Cos(omega * sample)) + (turnDegPerS * countsPerDps));
            rig.Sample(sample, 0, 0, 4096, 0, 0, rate);
            if (nextStep < stepAt.Length && sample == stepAt[nextStep])
            {
                nextStep++;
                if (rig.Sway.OnStep(Rig.UpdateOf(sample)))
                {
                    ranges.Add(rig.Sway.RotationRangeCentidegrees);
                    Assert.InRange(rig.Sway.StrideSamples, strideSamples - 4, strideSamples + 4);
                }
            }
        }

        // Strides from the contacts at 28–84, 84–140, 140–196, 196–252; a step missed at 280 makes the stride
        // 252–328 lopsided (48 + 28 samples): dropped; then 328–384 and 384–440.
        output.WriteLine("ranges " + string.Join(", ", ranges));
        Assert.Equal(ranges.Count, rig.Sway.Strides);
        Assert.Equal(6, ranges.Count);
        Assert.All(ranges, r => Assert.InRange(r, 930, 1070));
        Assert.Equal(0, rig.Sway.TurningStrides);
        Assert.True(rig.Sway.TryGetStride(6, out int end, out int samples, out _, out _, out int rotation));
        Assert.Equal(ranges[^1], rotation);
        Assert.InRange(end, 440 - 4, 441);
        Assert.InRange(samples, strideSamples - 4, strideSamples + 4);
    }

    [Fact]
    public void StridesOfATurnAreCountedApartAndNotMeasured()
    {
        Rig rig = Rig.Upright();
        int measured = 0;
        for (int sample = 0; sample < 600; sample++)
        {
            bool turning = sample >= 300 && sample < 400;
            rig.Sample(sample, 0, 0, 4096, 0, 0, turning ? 2000 : 0, turning);
            if (sample % 28 == 0 && rig.Sway.OnStep(Rig.UpdateOf(sample)))
            {
                measured++;
            }
        }

        // Strides of 56 samples from 0: those ending at 56…280 are straight (5); 280–336 and 336–392 turn by 61 °/s
        // for most of their length (2); 392–448 turns for 8 samples only (10°, 9 °/s on average, and the turn
        // detector's reports, shifted by its lag, fall before it): measured, as are 448–504 and 504–560.
        Assert.Equal(2, rig.Sway.TurningStrides);
        Assert.Equal(8, measured);
        Assert.Equal(measured, rig.Sway.Strides);
    }

    [Fact]
    public void MeasuresTheFirstStridesOfABoutWhenItsStepsAreReportedTogether()
    {
        // Steps every 28 samples, reported only at sample 200 (as the bout stage does once walking is confirmed): the
        // history still holds them, so the three whole strides among the seven contacts are measured at once.
        Rig rig = Rig.Upright();
        int[] contacts = [20, 48, 76, 104, 132, 160, 188];
        for (int sample = 0; sample <= 200; sample++)
        {
            rig.Sample(sample, 0, 0, 4096, 0, 0, 0);
        }

        int measured = contacts.Count(c => rig.Sway.OnStep(Rig.UpdateOf(c)));
        Assert.Equal(3, measured);
        Assert.Equal(3, rig.Sway.Strides);
        for (int stride = 1; stride <= 3; stride++)
        {
            Assert.True(rig.Sway.TryGetStride(stride, out int end, out _, out _, out _, out _));
            Assert.InRange(end, contacts[2 * stride] - 4, contacts[2 * stride] + 1);
        }
    }

    [Fact]
    public void ReportsNothingBeforeTheAxesAreKnown()
    {
        var unknown = new SwayMeter(new TiltEstimator(), new PostureAxes());
        for (int sample = 0; sample < 600; sample++)
        {
            if ((sample + 1) % 4 == 0)
            {
                unknown.Accumulate((sample + 1) >> TiltEstimator.StepShift, 300, false);
            }

            if (sample % 28 == 0)
            {
                Assert.False(unknown.OnStep((sample + 1) >> TiltEstimator.StepShift));
            }
        }

        Assert.Equal(0, unknown.Strides);
        Assert.Equal(0, unknown.TwistQ14);
    }

    /// <summary>Mean ratio and mean absolute error of measured (centidegrees) against true (degrees) ranges.</summary>
    private readonly record struct Agreement(double MeanRatio, double MeanAbsoluteErrorDeg, double MeanMeasuredDeg, double MeanTrueDeg)
    {
        public static Agreement Of<T>(IReadOnlyCollection<T> pairs, Func<T, int> measuredCentidegrees, Func<T, double> trueDeg) => new(
            pairs.Average(p => measuredCentidegrees(p) / 100.0 / trueDeg(p)),
            pairs.Average(p => Math.Abs((measuredCentidegrees(p) / 100.0) - trueDeg(p))),
            pairs.Average(p => measuredCentidegrees(p) / 100.0),
            pairs.Average(trueDeg));

        public override string ToString() => string.Create(
            CultureInfo.InvariantCulture,
            $"mean {MeanMeasuredDeg:0.00}° vs true {MeanTrueDeg:0.00}°, ratio {MeanRatio:0.000}, MAE {MeanAbsoluteErrorDeg:0.00}°");
    }

    /// <summary>The posture and sway stages on a still, upright synthetic band whose axes are known.</summary>
    private sealed class Rig
    {
        private readonly GyroBiasTracker _gyro = new();
        private readonly TiltEstimator _tilt = new();

        private Rig()
        {
            var neutral = new NeutralPosture();
            neutral.OnStillWindow(0, 0, 4096);
            var frame = new BodyFrame();
            frame.SetVertical(0, 0, 4096);
            frame.SetProgression(4096, 0, 0);
            var axes = new PostureAxes();
            axes.Refresh(neutral, frame);
            Sway = new SwayMeter(_tilt, axes);
        }

        public SwayMeter Sway { get; }

        public static Rig Upright() => new();

        /// <summary>The filter step a 0-based sample index falls in (Band numbers samples from 1).</summary>
        public static int UpdateOf(int sample) => (sample + 1) >> TiltEstimator.StepShift;

        /// <summary>One sample (0-based index), raw counts; a filter step on every fourth, as Band does.</summary>
        public void Sample(int sample, int ax, int ay, int az, int gx, int gy, int gz, bool turning = false)
        {
            _gyro.Add(gx, gy, gz);
            if (((sample + 1) & TiltEstimator.StepMask) == 0)
            {
                // As Band: the tilt filter takes the step's four rates summed, the heading the step's own sample.
                _tilt.Update(ax, ay, az, _gyro.StepSumXCounts, _gyro.StepSumYCounts, _gyro.StepSumZCounts);
                _gyro.StartStep();
                _gyro.Correct(gx, gy, gz);
                Sway.Accumulate(UpdateOf(sample), _gyro.CorrectedZ, turning); // sensor z is up; the step's own sample, as Band
            }
        }
    }
}
