using System.Globalization;
using LumbarBand.Analysis.Recordings;

namespace LumbarBand.Analysis.Simulation;

/// <summary>
/// Simulates what a lower-back IMU records while its wearer follows a <see cref="WalkScript"/>: the body's motion
/// (<see cref="BodyMotion"/>) is sampled, the gyroscope is the true angular velocity of the orientation time series,
/// the accelerometer the specific force (linear acceleration minus gravity: +1 g up at rest), both turned into the
/// sensor's axes by the <see cref="Mounting"/>, with white noise and, on the gyroscope, a drifting bias.
/// </summary>
public static class WalkSimulator
{
    /// <summary>Half-interval of the central difference of orientation that gives the angular velocity, seconds.</summary>
    private const double RateStepS = 1e-3;

    private const double RadToDeg = 180 / Math.PI;

    /// <summary>Simulates <paramref name="script"/> with the sensor mounted as <paramref name="mounting"/>.</summary>
    public static SimulatedWalk Simulate(WalkScript script, Mounting mounting, SimulationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(mounting);
        options ??= SimulationOptions.Default;
        if (script.Segments.Count == 0)
        {
            throw new ArgumentException("the script has no segments", nameof(script));
        }

        if (!(options.SampleRateHz is >= 10 and <= 2000))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.SampleRateHz, "the sample rate must be 10 to 2000 Hz");
        }

        // Independent random streams: changing the noise level does not move a single step.
        IReadOnlyList<SegmentTiming> segments = SegmentTiming.Of(script);
        var gait = GaitModel.Build(segments, options, new SimulationRandom(options.Seed, "gait"));
        var motion = new BodyMotion(segments, gait, options, new SimulationRandom(options.Seed, "body"));
        var bias = new GyroBias(options, new SimulationRandom(options.Seed, "bias"));
        var noise = new SimulationRandom(options.Seed, "noise");

        int n = (int)Math.Floor((script.DurationS * options.SampleRateHz) + 1e-9) + 1;
        var time = new double[n];
        var acc = new[] { new double[n], new double[n], new double[n] };
        var gyr = new[] { new double[n], new double[n], new double[n] };
        var truth = new SimulatedWalk.TruthSeries(n);
        var up = new Vec3(1, 0, 0);

        for (int i = 0; i < n; i++)
        {
            double t = i / options.SampleRateHz;
            time[i] = t;
            Matrix3 tilt = motion.Tilt(t, out TrunkTruth trunk);
            double headingDeg = motion.HeadingDeg(t);

            // Angular velocity in body axes: [ω]× = Rᵀ dR/dt, from the rotation between two instants around t.
            Matrix3 before = motion.Orientation(t - RateStepS);
            Matrix3 after = motion.Orientation(t + RateStepS);
            Vec3 omegaBody = (1 / (2 * RateStepS)) * (before.Transpose() * after).Log();

            // Specific force in body axes: the tilt carries walking-frame vectors into body axes by its transpose
            // (heading does not change "up" or the walking-frame acceleration).
            Vec3 forceBody = tilt.Transpose().Apply(motion.LinearAccelerationG(t) + up);

            Vec3 forceSensor = mounting.ToSensor(forceBody);
            Vec3 omegaSensor = mounting.ToSensor(omegaBody);
            for (int axis = 0; axis < 3; axis++)
            {
                double b = bias.At(axis, t);
                truth.GyroBiasDps[axis][i] = b;
                acc[axis][i] = forceSensor[axis] + (options.AccelNoiseG * noise.NextGaussian());
                gyr[axis][i] = (omegaSensor[axis] * RadToDeg) + b + (options.GyroNoiseDps * noise.NextGaussian());
            }

            // Flexion and bend from where the trunk's long axis points in the walking frame.
            Vec3 trunkAxis = tilt.Column(0);
            truth.FlexionDeg[i] = Math.Atan2(trunkAxis.Z, trunkAxis.X) * RadToDeg;
            truth.LateralBendDeg[i] = Math.Asin(Math.Clamp(trunkAxis.Y, -1, 1)) * RadToDeg;
            truth.PostureFlexionDeg[i] = trunk.PostureFlexionDeg;
            truth.PostureLateralBendDeg[i] = trunk.PostureLateralBendDeg;
            truth.OscillationYawDeg[i] = trunk.OscillationYawDeg;
            truth.HeadingDeg[i] = headingDeg;
        }

        var recording = new ImuRecording(time, acc[0], acc[1], acc[2], gyr[0], gyr[1], gyr[2]);
        (double[] icS, StepSide[] sides) = gait.InitialContacts();
        string label = string.Create(
            CultureInfo.InvariantCulture,
            $"simulated walk (seed {options.Seed}): {script}; sensor {mounting.Name}");
        return new SimulatedWalk(
            label, recording, mounting, script, options, segments, icS, sides, gait.TruthBouts(), truth, StrideSways(gait, truth, options.SampleRateHz));
    }

    /// <summary>Ranges of bend, flexion and yaw over each stride (pairs of steps from each bout's first step).</summary>
    private static StrideSway[] StrideSways(GaitModel gait, SimulatedWalk.TruthSeries truth, double rateHz)
    {
        var strides = new List<StrideSway>();
        int n = truth.FlexionDeg.Length;
        foreach (GaitBout bout in gait.Bouts)
        {
            double[] ic = bout.RealSteps.Select(s => s.IcS).ToArray();
            for (int j = 0; j + 2 < ic.Length; j += 2)
            {
                int from = Math.Min(n - 1, (int)Math.Ceiling(ic[j] * rateHz));
                int to = Math.Min(n - 1, (int)Math.Floor(ic[j + 2] * rateHz));
                strides.Add(new StrideSway(
                    ic[j],
                    ic[j + 2],
                    Range(truth.LateralBendDeg, from, to),
                    Range(truth.FlexionDeg, from, to),
                    Range(truth.OscillationYawDeg, from, to)));
            }
        }

        return [.. strides];
    }

    private static double Range(double[] values, int from, int to)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (int i = from; i <= to; i++)
        {
            min = Math.Min(min, values[i]);
            max = Math.Max(max, values[i]);
        }

        return max - min;
    }
}
