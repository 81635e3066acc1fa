using LumbarBand.Analysis.Recordings;
using LumbarBand.Core.Sensing;

namespace LumbarBand.Core.Tests.Sensing;

/// <summary>
/// Synthetic count streams for the stage tests: motion described in the body frame (x forward, y left, z up; g and
/// °/s), turned into the sensor's axes by a mounting rotation, quantised like the device (<see cref="DeviceQuantizer"/>),
/// with an optional gyroscope bias in counts, and fed to a <see cref="Band"/> at 50 Hz.
/// </summary>
public sealed class SyntheticImu
{
    private readonly Band _band;
    private readonly double[] _mounting;
    private readonly List<BandEvent> _events = new();
    private readonly Random _random;
    private int _sample;

    /// <summary>Creates a stream into <paramref name="band"/>; <paramref name="mounting"/> maps body to sensor axes (a rotation, row-major).</summary>
    public SyntheticImu(Band band, double[] mounting, int seed = 1)
    {
        _band = band;
        _mounting = mounting;
        _random = new Random(seed);
    }

    /// <summary>Gyroscope bias added to every sample, counts, sensor axes.</summary>
    public (int X, int Y, int Z) GyroBiasCounts { get; set; }

    /// <summary>Accelerometer noise, g (uniform ±).</summary>
    public double AccelNoiseG { get; set; } = 0.002;

    /// <summary>Gyroscope noise, °/s (uniform ±).</summary>
    public double GyroNoiseDps { get; set; } = 0.2;

    /// <summary>Every event the band produced so far.</summary>
    public IReadOnlyList<BandEvent> Events => _events;

    /// <summary>Time of the next sample, seconds.</summary>
    public double TimeS => _sample / (double)ImuFormat.SampleRateHz;

    /// <summary>The 24 axis-aligned mountings (signed permutation matrices with determinant +1), body to sensor.</summary>
    public static IEnumerable<double[]> AxisAlignedMountings()
    {
        int[][] permutations = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
        foreach (int[] p in permutations)
        {
            for (int signs = 0; signs < 8; signs++)
            {
                var m = new double[9];
                for (int row = 0; row < 3; row++)
                {
                    m[(3 * row) + p[row]] = (signs & (1 << row)) != 0 ? -1 : 1;
                }

                if (Determinant(m) == 1)
                {
                    yield return m;
                }
            }
        }
    }

    /// <summary>A mounting in the xunit data form: its index among <see cref="AxisAlignedMountings"/>.</summary>
    public static TheoryData<int> MountingIndices()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < 24; i++)
        {
            data.Add(i);
        }

        return data;
    }

    /// <summary>Body vector (x forward, y left, z up) in sensor axes under <paramref name="mounting"/>.</summary>
    public static (double X, double Y, double Z) ToSensor(double[] mounting, double x, double y, double z)
    {
        return (
            (mounting[0] * x) + (mounting[1] * y) + (mounting[2] * z),
            (mounting[3] * x) + (mounting[4] * y) + (mounting[5] * z),
            (mounting[6] * x) + (mounting[7] * y) + (mounting[8] * z));
    }

    /// <summary>Feeds <paramref name="seconds"/> of motion: <paramref name="motion"/> gives body acceleration (g, gravity included) and rate (°/s) at time t.</summary>
    public void Run(double seconds, Func<double, (double Ax, double Ay, double Az, double Gx, double Gy, double Gz)> motion)
    {
        int n = (int)Math.Round(seconds * ImuFormat.SampleRateHz);
        for (int k = 0; k < n; k++)
        {
            double t = TimeS;
            (double ax, double ay, double az, double gx, double gy, double gz) = motion(t);
            (double sx, double sy, double sz) = ToSensor(_mounting, ax, ay, az);
            (double rx, double ry, double rz) = ToSensor(_mounting, gx, gy, gz);
            const double countsPerDps = (double)ImuFormat.GyroCountsAtFullScale / ImuFormat.GyroFullScaleDps;
            _band.OnSample(
                (long)_sample * ImuFormat.SamplePeriodUs,
                DeviceQuantizer.Quantize((sx + Noise(AccelNoiseG)) * ImuFormat.AccelCountsPerG),
                DeviceQuantizer.Quantize((sy + Noise(AccelNoiseG)) * ImuFormat.AccelCountsPerG),
                DeviceQuantizer.Quantize((sz + Noise(AccelNoiseG)) * ImuFormat.AccelCountsPerG),
                DeviceQuantizer.Quantize(((rx + Noise(GyroNoiseDps)) * countsPerDps) + GyroBiasCounts.X),
                DeviceQuantizer.Quantize(((ry + Noise(GyroNoiseDps)) * countsPerDps) + GyroBiasCounts.Y),
                DeviceQuantizer.Quantize(((rz + Noise(GyroNoiseDps)) * countsPerDps) + GyroBiasCounts.Z));
            _sample++;
            while (_band.Events.TryTake(out BandEvent e))
            {
                _events.Add(e);
            }
        }
    }

    /// <summary>Standing still: gravity only.</summary>
    public static (double, double, double, double, double, double) Still(double t)
    {
        return (0, 0, 1, 0, 0, 0);
    }

    /// <summary>
    /// Walking at <paramref name="stepsPerMinute"/>: vertical acceleration peaking once a step, forward acceleration a
    /// quarter step ahead of it (inverted pendulum), lateral sway and pelvic yaw once a stride.
    /// </summary>
    public static Func<double, (double, double, double, double, double, double)> Walking(double stepsPerMinute, double verticalG = 0.25)
    {
        double w = 2 * Math.PI * stepsPerMinute / 60.0;
        return t =>
        {
            double phase = w * t;

            // A peaky vertical waveform (fundamental plus second harmonic), forward leading it by a quarter step.
            double vertical = verticalG * (Math.Cos(phase) + (0.3 * Math.Cos(2 * phase)));
            double forward = -0.6 * verticalG * Math.Sin(phase);
            double lateral = 0.1 * Math.Sin(phase / 2);
            return (forward, lateral, 1 + vertical, 4 * Math.Cos(phase / 2), 3 * Math.Sin(phase), 10 * Math.Sin(phase / 2));
        };
    }

    /// <summary>A rotation of <paramref name="degrees"/> about the axis (x, y, z), row-major.</summary>
    public static double[] Rotation(double x, double y, double z, double degrees)
    {
        double n = Math.Sqrt((x * x) + (y * y) + (z * z));
        x /= n;
        y /= n;
        z /= n;
        double t = degrees * Math.PI / 180, c = Math.Cos(t), s = Math.Sin(t), k = 1 - c;
        return
        [
            c + (x * x * k), (x * y * k) - (z * s), (x * z * k) + (y * s),
            (y * x * k) + (z * s), c + (y * y * k), (y * z * k) - (x * s),
            (z * x * k) - (y * s), (z * y * k) + (x * s), c + (z * z * k),
        ];
    }

    /// <summary>The product a·b of two row-major 3×3 matrices.</summary>
    public static double[] Multiply(double[] a, double[] b)
    {
        var m = new double[9];
        for (int r = 0; r < 3; r++)
        {
            for (int c = 0; c < 3; c++)
            {
                m[(3 * r) + c] = (a[3 * r] * b[c]) + (a[(3 * r) + 1] * b[3 + c]) + (a[(3 * r) + 2] * b[6 + c]);
            }
        }

        return m;
    }

    private static double Determinant(double[] m)
    {
        return (m[0] * ((m[4] * m[8]) - (m[5] * m[7]))) - (m[1] * ((m[3] * m[8]) - (m[5] * m[6]))) + (m[2] * ((m[3] * m[7]) - (m[4] * m[6])));
    }

    private double Noise(double amplitude)
    {
        return amplitude * ((2 * _random.NextDouble()) - 1);
    }
}
