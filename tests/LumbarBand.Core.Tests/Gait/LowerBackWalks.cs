using System.Globalization;
using LumbarBand.Analysis.Recordings;

namespace LumbarBand.Core.Tests.Gait;

/// <summary>
/// The real lower-back walks (../shared/data/lowerback-walks beside the repository clone): finding the folder, reading
/// a recording's CSV (optionally re-expressed in another mounting) and running it through <see cref="Band"/> exactly
/// as the device would see it (<see cref="DeviceQuantizer.ToDevice"/>).
/// </summary>
public static class LowerBackWalks
{
    /// <summary>The folder; the calling test is skipped (or fails on CI) with a plain message when it is absent.</summary>
    public static string Require() => LumbarBand.TestSupport.SharedData.Require();

    /// <summary>Names of the recordings (NAME of NAME.imu.csv), sorted.</summary>
    public static string[] RecordingNames(string folder)
    {
        return Directory.GetFiles(folder, "*.imu.csv")
            .Select(p => Path.GetFileName(p)[..^".imu.csv".Length])
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>
    /// Reads NAME.imu.csv; <paramref name="rotation"/> (row-major 3×3, null for none) re-expresses both the
    /// acceleration and the angular rate in another mounting: v' = R v.
    /// </summary>
    public static ImuRecording Load(string folder, string name, double[]? rotation = null)
    {
        string[] lines = File.ReadAllLines(Path.Combine(folder, name + ".imu.csv"));
        Assert.Equal(ImuRecording.CsvHeader, lines[0].Trim());
        string[] rows = lines.Skip(1).Where(l => l.Length > 0).ToArray();
        int n = rows.Length;
        var columns = new double[7][];
        for (int c = 0; c < 7; c++)
        {
            columns[c] = new double[n];
        }

        var v = new double[7];
        for (int i = 0; i < n; i++)
        {
            string[] parts = rows[i].Split(',');
            for (int c = 0; c < 7; c++)
            {
                v[c] = double.Parse(parts[c], CultureInfo.InvariantCulture);
            }

            columns[0][i] = v[0];
            for (int block = 0; block < 2; block++)
            {
                int o = 1 + (3 * block);
                for (int r = 0; r < 3; r++)
                {
                    columns[o + r][i] = rotation == null
                        ? v[o + r]
                        : (rotation[3 * r] * v[o]) + (rotation[(3 * r) + 1] * v[o + 1]) + (rotation[(3 * r) + 2] * v[o + 2]);
                }
            }
        }

        return new ImuRecording(columns[0], columns[1], columns[2], columns[3], columns[4], columns[5], columns[6]);
    }

    /// <summary>Runs a recording through a new <see cref="Band"/>; returns the Step event times in seconds from the start.</summary>
    public static double[] DetectSteps(ImuRecording recording)
    {
        RawImuSamples raw = DeviceQuantizer.ToDevice(recording);
        var band = new Band();
        var steps = new List<double>();
        for (int i = 0; i < raw.Count; i++)
        {
            band.OnSample(raw.TimeUs[i], raw.Ax[i], raw.Ay[i], raw.Az[i], raw.Gx[i], raw.Gy[i], raw.Gz[i]);
            while (band.Events.TryTake(out BandEvent e))
            {
                if (e.Kind == BandEventKind.Step)
                {
                    steps.Add(e.TimeUs / 1e6);
                }
            }
        }

        Assert.Equal(0, band.Events.Dropped);
        return steps.ToArray();
    }
}
