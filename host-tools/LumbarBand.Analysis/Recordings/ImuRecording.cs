namespace LumbarBand.Analysis.Recordings;

/// <summary>
/// An IMU recording in physical units, in the sensor's own axes (any mounting): time in seconds, acceleration in g,
/// angular rate in degrees per second. This is the CSV contract of DESIGN.md held in memory.
/// </summary>
public sealed class ImuRecording
{
    /// <summary>The CSV header every recording file starts with.</summary>
    public const string CsvHeader = "t_s,acc_x_g,acc_y_g,acc_z_g,gyr_x_dps,gyr_y_dps,gyr_z_dps";

    /// <summary>Creates a recording; all arrays must have the same length and time must increase.</summary>
    public ImuRecording(double[] timeS, double[] accXG, double[] accYG, double[] accZG, double[] gyrXDps, double[] gyrYDps, double[] gyrZDps)
    {
        ArgumentNullException.ThrowIfNull(timeS);
        int n = timeS.Length;
        foreach (double[] column in new[] { accXG, accYG, accZG, gyrXDps, gyrYDps, gyrZDps })
        {
            ArgumentNullException.ThrowIfNull(column);
            if (column.Length != n)
            {
                throw new ArgumentException($"every column must have {n} values like t_s; one has {column.Length}");
            }
        }

        for (int i = 1; i < n; i++)
        {
            if (!(timeS[i] > timeS[i - 1]))
            {
                throw new ArgumentException($"time must increase: sample {i} is at {timeS[i]} s after {timeS[i - 1]} s");
            }
        }

        TimeS = timeS;
        AccG = new[] { accXG, accYG, accZG };
        GyrDps = new[] { gyrXDps, gyrYDps, gyrZDps };
    }

    /// <summary>Sample times in seconds, strictly increasing.</summary>
    public double[] TimeS { get; }

    /// <summary>Acceleration in g: [axis][sample], axes x, y, z of the sensor.</summary>
    public double[][] AccG { get; }

    /// <summary>Angular rate in °/s: [axis][sample], axes x, y, z of the sensor.</summary>
    public double[][] GyrDps { get; }

    /// <summary>Number of samples.</summary>
    public int Count => TimeS.Length;

    /// <summary>Duration from the first to the last sample, in seconds.</summary>
    public double DurationS => Count == 0 ? 0 : TimeS[Count - 1] - TimeS[0];
}
