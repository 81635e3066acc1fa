using LumbarBand.Analysis.Recordings;
using LumbarBand.Analysis.Scoring;

namespace LumbarBand.Analysis.Simulation;

/// <summary>
/// A long walk built from real strides: the quiet standing at the start of one real recording, then every whole stride
/// (heel strike to the same foot's next heel strike) of that recording's reference bouts, repeated until the walk is
/// long enough. Joins fall on heel strikes, where one stride ends as the next begins. Strides come from one wearer
/// only: each recording has its own sensor placement, so mixing them would read as sudden changes of posture. It lets
/// the band be tested on minutes of real gait where the recordings hold seconds; label it as built, not recorded.
/// </summary>
public static class RealStrideWalk
{
    /// <summary>
    /// Quiet standing taken from the start of the recording, seconds: the wearer of HA001_Test11_Trial1 stands still
    /// (0.004 g, 2 °/s) for its first 3 s, long enough for the band's one-second still calibration.
    /// </summary>
    public const double StandingS = 3.0;

    /// <summary>Largest relative departure of a stride's duration from the recording's median stride for it to count as steady.</summary>
    public const double SteadyStrideTolerance = 0.10;

    /// <summary>The recording whose strides are used: the longest one with quiet standing at its start (41 s of bouts).</summary>
    public const string DefaultRecording = "HA001_Test11_Trial1";

    /// <summary>Builds at least <paramref name="walkingS"/> seconds of walking after the standing, at the recordings' rate.</summary>
    public static ImuRecording Build(string realWalksDirectory, double walkingS) => Build(realWalksDirectory, DefaultRecording, walkingS);

    /// <summary>As <see cref="Build(string, double)"/>, from the strides of the recording <paramref name="recordingName"/>.</summary>
    public static ImuRecording Build(string realWalksDirectory, string recordingName, double walkingS)
    {
        ArgumentNullException.ThrowIfNull(realWalksDirectory);
        ImuRecording recording = ImuCsv.Read(Path.Combine(realWalksDirectory, recordingName + ".imu.csv"));
        ReferenceRecording reference = ReferenceRecording.Read(Path.Combine(realWalksDirectory, recordingName + ".reference.json"));
        // Steady strides: not the first or last of a bout (setting off and stopping, and in these daily-living
        // recordings rising from or sitting down on a chair), and within 10% of the recording's median stride time
        // (turning strides are slower and irregular). One recording only: each wearer wears the sensor differently.
        var strides = new List<(int From, int To)>();
        foreach (ReferenceBout bout in reference.Bouts)
        {
            IReadOnlyList<double> ics = bout.InitialContactsS;
            for (int k = 2; k + 4 < ics.Count; k += 2)
            {
                if (!double.IsNaN(ics[k]) && !double.IsNaN(ics[k + 1]) && !double.IsNaN(ics[k + 2]))
                {
                    strides.Add((IndexAt(recording, ics[k]), IndexAt(recording, ics[k + 2])));
                }
            }
        }

        if (strides.Count > 0)
        {
            double median = strides.Select(s => (double)(s.To - s.From)).Order().ElementAt(strides.Count / 2);
            strides.RemoveAll(s => Math.Abs(s.To - s.From - median) > SteadyStrideTolerance * median);
        }

        if (strides.Count == 0)
        {
            throw new InvalidDataException($"{recordingName} in {realWalksDirectory} has no whole reference strides");
        }

        var columns = new List<double>[6];
        for (int a = 0; a < 6; a++)
        {
            columns[a] = new List<double>();
        }

        Append(columns, recording, 0, IndexAt(recording, StandingS));
        double period = recording.TimeS[1] - recording.TimeS[0];
        for (int s = 0; columns[0].Count * period < StandingS + walkingS; s = (s + 1) % strides.Count)
        {
            Append(columns, recording, strides[s].From, strides[s].To);
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
