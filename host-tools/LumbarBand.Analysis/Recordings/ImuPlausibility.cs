using System.Globalization;

namespace LumbarBand.Analysis.Recordings;

/// <summary>
/// What a recording must look like to be a lower-back IMU in g and °/s: each value inside what an IMU of the band's
/// class (MPU6886) can measure at all, no gap the resampler would have to invent samples across, and gravity's
/// magnitude and the angular rates of the size those units give. A file that fails is refused with where and why,
/// never analysed into plausible-looking nonsense.
/// </summary>
public static class ImuPlausibility
{
    /// <summary>
    /// The largest acceleration accepted, in g: the MPU6886's widest full-scale range (±16 g). A sensor of this class
    /// cannot report more, so a larger value is a unit or export error, not a measurement.
    /// </summary>
    public const double MaxAccelG = 16;

    /// <summary>The largest angular rate accepted, in °/s: the MPU6886's widest full-scale range (±2000 °/s).</summary>
    public const double MaxRateDps = 2000;

    /// <summary>
    /// The longest gap between two samples accepted, in seconds. Across a gap the resampler interpolates; over a second
    /// that would invent whole strides (a stride lasts about 1 s), so a longer gap must be split into separate files.
    /// </summary>
    public const double MaxGapSeconds = 1.0;

    /// <summary>
    /// The range the median acceleration magnitude must fall in, in g. Worn on the body, the magnitude hovers around
    /// gravity (1 g) while standing and walking; a median near 9.8 means m/s², near 0 means gravity was removed.
    /// </summary>
    public const double MinMedianGravityG = 0.5;

    /// <inheritdoc cref="MinMedianGravityG"/>
    public const double MaxMedianGravityG = 2.0;

    /// <summary>
    /// Standard gravity in m/s², used only to say "this looks like m/s²" (median magnitude within 2 m/s² of it).
    /// </summary>
    private const double StandardGravity = 9.80665;

    /// <summary>
    /// Above this spread of the acceleration magnitude (g) the wearer moved; then the trunk turns at tens of °/s
    /// (walking: 50–250 °/s peaks) and a 99th-percentile rate below <see cref="MinMovingRateDps"/> means rad/s.
    /// </summary>
    private const double MovingSpreadG = 0.05;

    /// <summary>The smallest 99th-percentile angular rate (°/s) of a recording in which the wearer moved.</summary>
    private const double MinMovingRateDps = 6.0;

    /// <summary>Refuses a value outside what the sensor can measure (<paramref name="column"/>: 1-based field).</summary>
    public static void CheckValue(string name, int line, int column, string columnName, double value)
    {
        bool isAccel = columnName.StartsWith("acc_", StringComparison.Ordinal);
        bool isRate = columnName.StartsWith("gyr_", StringComparison.Ordinal);
        double limit = isAccel ? MaxAccelG : MaxRateDps;
        if ((isAccel || isRate) && Math.Abs(value) > limit)
        {
            throw new RecordingFormatException(name, line, column, Text(
                $"{columnName} {value:G6} is beyond what the sensor can measure (±{limit:0} {(isAccel ? "g" : "°/s")}); is the file in other units?"));
        }
    }

    /// <summary>Refuses a gap longer than <see cref="MaxGapSeconds"/> between two samples.</summary>
    public static void CheckGap(string name, int line, int column, double previousS, double timeS)
    {
        double gap = timeS - previousS;
        if (gap > MaxGapSeconds)
        {
            throw new RecordingFormatException(name, line, column, Text(
                $"a gap of {gap:G6} s after t = {previousS:0.###} s (the longest accepted is {MaxGapSeconds:0.#} s: the band's analysis would invent samples across it); split the recording there into two files"));
        }
    }

    /// <summary>Refuses a recording whose acceleration or angular rate is not in g and °/s.</summary>
    public static void CheckUnits(ImuRecording recording, string name)
    {
        ArgumentNullException.ThrowIfNull(recording);
        int n = recording.Count;
        var magnitude = new double[n];
        var rate = new double[n];
        for (int i = 0; i < n; i++)
        {
            magnitude[i] = Norm(recording.AccG, i);
            rate[i] = Norm(recording.GyrDps, i);
        }

        double median = Percentile(magnitude, 0.5);
        if (median < MinMedianGravityG || median > MaxMedianGravityG)
        {
            string guess = Math.Abs(median - StandardGravity) < 2 ? "it looks like m/s²: divide by 9.80665"
                : median < MinMedianGravityG ? "gravity seems removed (linear acceleration): the band needs it"
                : "check the units";
            throw new RecordingFormatException(name, Text(
                $"the acceleration's median magnitude is {median:0.###}, not about 1 g as a worn sensor reads ({MinMedianGravityG}..{MaxMedianGravityG} accepted): {guess}"));
        }

        double mean = magnitude.Average();
        double spread = Math.Sqrt(magnitude.Sum(m => (m - mean) * (m - mean)) / n);
        double rate99 = Percentile(rate, 0.99);
        if (spread > MovingSpreadG && rate99 < MinMovingRateDps)
        {
            throw new RecordingFormatException(name, Text(
                $"the wearer moves (acceleration spread {spread:0.###} g) but the angular rate stays below {rate99:0.###} (99th percentile): that looks like rad/s; multiply by 57.2958 for °/s"));
        }
    }

    private static double Norm(double[][] axes, int i) =>
        Math.Sqrt((axes[0][i] * axes[0][i]) + (axes[1][i] * axes[1][i]) + (axes[2][i] * axes[2][i]));

    private static double Percentile(double[] values, double fraction)
    {
        double[] sorted = (double[])values.Clone();
        Array.Sort(sorted);
        return sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(fraction * sorted.Length))];
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
