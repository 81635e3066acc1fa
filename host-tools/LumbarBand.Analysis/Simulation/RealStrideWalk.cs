using LumbarBand.Analysis.Recordings;
using LumbarBand.Analysis.Scoring;

namespace LumbarBand.Analysis.Simulation;

/// <summary>
/// A long walk built from real strides: the quiet standing at the start of a real walk, then every whole stride
/// (heel strike to the same foot's next heel strike) of the reference bouts of the real lower-back walks, repeated
/// until the walk is long enough. Joins fall on heel strikes, where one stride ends as the next begins. It lets the
/// band be tested on minutes of real gait where the recordings hold seconds; label it as built, not recorded.
/// </summary>
public static class RealStrideWalk
{
    /// <summary>
    /// Quiet standing taken from the start of MS001_Test5_Trial1, seconds: its wearer stands still (0.003 g, 2 °/s)
    /// until the bout at 6.7 s, long enough for the band's still-time calibration.
    /// </summary>
    public const double StandingS = 5.0;

    private const string StandingRecording = "MS001_Test5_Trial1";

    /// <summary>Builds at least <paramref name="walkingS"/> seconds of walking after the standing, at the recordings' rate.</summary>
    public static ImuRecording Build(string realWalksDirectory, double walkingS)
    {
        ArgumentNullException.ThrowIfNull(realWalksDirectory);
        var strides = new List<(ImuRecording Recording, int From, int To)>();
        ImuRecording? standing = null;
        foreach (string csv in Directory.GetFiles(realWalksDirectory, "*.imu.csv").Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(csv)[..^".imu.csv".Length];
            ImuRecording recording = ImuCsv.Read(csv);
            ReferenceRecording reference = ReferenceRecording.Read(Path.Combine(realWalksDirectory, name + ".reference.json"));
            if (name == StandingRecording)
            {
                standing = recording;
            }

            foreach (ReferenceBout bout in reference.Bouts)
            {
                IReadOnlyList<double> ics = bout.InitialContactsS;
                for (int k = 0; k + 2 < ics.Count; k += 2)
                {
                    if (!double.IsNaN(ics[k]) && !double.IsNaN(ics[k + 1]) && !double.IsNaN(ics[k + 2]))
                    {
                        strides.Add((recording, IndexAt(recording, ics[k]), IndexAt(recording, ics[k + 2])));
                    }
                }
            }
        }

        if (standing == null || strides.Count == 0)
        {
            throw new InvalidDataException($"{realWalksDirectory} does not hold the real walks ({StandingRecording} and reference strides)");
        }

        var columns = new List<double>[6];
        for (int a = 0; a < 6; a++)
        {
            columns[a] = new List<double>();
        }

        Append(columns, standing, 0, IndexAt(standing, StandingS));
        double period = standing.TimeS[1] - standing.TimeS[0];
        for (int s = 0; columns[0].Count * period < StandingS + walkingS; s = (s + 1) % strides.Count)
        {
            Append(columns, strides[s].Recording, strides[s].From, strides[s].To);
        }

        double[] time = Enumerable.Range(0, columns[0].Count).Select(i => i * period).ToArray();
        return new ImuRecording(time, columns[0].ToArray(), columns[1].ToArray(), columns[2].ToArray(), columns[3].ToArray(), columns[4].ToArray(), columns[5].ToArray());
    }

    private static int IndexAt(ImuRecording recording, double t)
    {
        int i = Array.BinarySearch(recording.TimeS, t);
        return Math.Clamp(i >= 0 ? i : ~i, 0, recording.Count);
    }

    private static void Append(List<double>[] columns, ImuRecording r, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            for (int a = 0; a < 3; a++)
            {
                columns[a].Add(r.AccG[a][i]);
                columns[a + 3].Add(r.GyrDps[a][i]);
            }
        }
    }
}
