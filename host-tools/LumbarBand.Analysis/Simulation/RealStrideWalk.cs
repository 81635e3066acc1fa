using System.Globalization;
using LumbarBand.Analysis.Recordings;
using LumbarBand.Analysis.Scoring;
using LumbarBand.Core.Sensing;

namespace LumbarBand.Analysis.Simulation;

/// <summary>
/// A long walk built from real strides: the quiet standing at the start of one real recording, then every whole stride
/// (heel strike to the same foot's next heel strike) of that recording's reference bouts, repeated until the walk is
/// long enough. Joins fall on heel strikes, where one stride ends as the next begins. Strides come from one wearer
/// only: each recording has its own sensor placement, so mixing them would read as sudden changes of posture. It lets
/// the band be tested on minutes of real gait where the recordings hold seconds; label it as built, not recorded.
/// </summary>
/// <remarks>
/// <para>Every stride starts on the same foot (where the reference names the feet), so every join falls on that
/// foot's heel strike. The trunk's roll at a heel strike is opposite on the two sides (the pelvis drops toward the
/// swing leg), so a stride from one foot's heel strike to its next joined to one of the other foot's steps the roll by
/// twice that, which no gyroscope saw: a tilt filter then unlearns it over its time constant. In voisard-l5-walks a
/// U-turn often holds two contacts of one foot in a row, so the strides before it start on one foot and those after it
/// on the other; built from both, the band's lateral bend (and a float 100 Hz filter's) swung by ±5–8° at every
/// change of side, twice in each repetition of the strides.</para>
/// <para>Only straight strides are used when the recording has steady straight ones; otherwise its best run of
/// <see cref="StridesInARow"/> whole strides in a row is repeated as one block. A turning stride ends with the trunk rolled and pitched by up to 20° (pelvis and
/// trunk reorient through a turn; on HA001_Test11_Trial1 the band's estimate and a full-rate floating-point filter
/// agree on it), and the next stride, taken from elsewhere in the recording, starts upright: the join is a jump of
/// attitude that no gyroscope saw, which any tilt filter then takes seconds to unlearn. With turning strides in,
/// the walk turned by about 190° every 6 s and the band read ±15° swings of lateral bend that were artefacts of the
/// joins, not of the wearer.</para>
/// </remarks>
public static class RealStrideWalk
{
    /// <summary>
    /// Quiet standing taken from the start of the recording, seconds: the wearer of HA001_Test11_Trial1 stands still
    /// (0.004 g, 2 °/s) for its first 3 s, long enough for the band's one-second still calibration.
    /// </summary>
    public const double StandingS = 3.0;

    /// <summary>Largest relative departure of a stride's duration from the recording's median stride for it to count as steady.</summary>
    public const double SteadyStrideTolerance = 0.10;

    /// <summary>
    /// Largest change of heading over a stride for it to count as straight, degrees: 20°, a third of the 45° the
    /// Mobilise-D turn definition starts at (El-Gohary et al. 2014; Pham et al. 2017), so that drift and the
    /// pelvis's own rotation in a stride pass and every turn is left out.
    /// </summary>
    public const double MaxStrideTurnDeg = 20;

    /// <summary>
    /// Largest change of posture over a stride for it to count as steady, degrees: 3°. Posture is the mean specific
    /// force over a stride (the trunk's accelerations average out), taken once centred on the stride's first contact
    /// and once on its last. Steady straight strides of the real walks close within 0.2–2°; a stride in which the
    /// wearer is straightening up or leaning into what comes next does not (7.9° for HA002_Test11_Trial1's only
    /// straight one), and repeating it would jump the posture back at every join.
    /// </summary>
    public const double MaxStrideClosureDeg = 3;

    /// <summary>The recording whose strides are used: the longest one with quiet standing at its start (41 s of bouts).</summary>
    public const string DefaultRecording = "HA001_Test11_Trial1";

    /// <summary>Builds at least <paramref name="walkingS"/> seconds of walking after the standing, at the recordings' rate.</summary>
    public static ImuRecording Build(string realWalksDirectory, double walkingS) => Build(realWalksDirectory, DefaultRecording, walkingS);

    /// <summary>
    /// As <see cref="Build(string, double)"/>, from the strides of the recording <paramref name="recordingName"/>; with
    /// <paramref name="standingStart"/> false the walk starts with its first stride (a wearer who clips the band on and
    /// walks off), and the recording need not start still.
    /// </summary>
    public static ImuRecording Build(string realWalksDirectory, string recordingName, double walkingS, bool standingStart = true)
    {
        ArgumentNullException.ThrowIfNull(realWalksDirectory);
        ImuRecording recording = ImuCsv.Read(Path.Combine(realWalksDirectory, recordingName + ".imu.csv"));
        ReferenceRecording reference = ReferenceRecording.Read(Path.Combine(realWalksDirectory, recordingName + ".reference.json"));
        if (standingStart)
        {
            RequireStillStart(recording, recordingName);
        }

        List<(int From, int To)> strides = SteadyStraightStrides(recording, reference);
        if (strides.Count == 0)
        {
            // No steady straight stride (a recording that turns or changes pace all along): repeat, as one block, the
            // run of StridesInARow whole strides in a row whose last stride's posture is closest to its first's, so
            // the joins fall where the posture matches and the turns inside the run are the wearer's own.
            (int From, int To)? run = BestRunOfStrides(recording, reference);
            if (run is not (int, int) block)
            {
                throw new InvalidDataException($"{recordingName} in {realWalksDirectory} has no {StridesInARow} whole strides in a row inside a reference bout (and no steady straight stride), so no walk can be built from it");
            }

            strides.Add(block);
        }

        var columns = new List<double>[6];
        for (int a = 0; a < 6; a++)
        {
            columns[a] = new List<double>();
        }

        double standing = standingStart ? StandingS : 0;
        Append(columns, recording, 0, IndexAt(recording, standing));
        double period = recording.TimeS[1] - recording.TimeS[0];
        for (int s = 0; columns[0].Count * period < standing + walkingS; s = (s + 1) % strides.Count)
        {
            Append(columns, recording, strides[s].From, strides[s].To);
        }

        double[] time = Enumerable.Range(0, columns[0].Count).Select(i => i * period).ToArray();
        return new ImuRecording(time, columns[0].ToArray(), columns[1].ToArray(), columns[2].ToArray(), columns[3].ToArray(), columns[4].ToArray(), columns[5].ToArray());
    }

    /// <summary>
    /// Samples [from, to) of the steady straight strides of <paramref name="recording"/>, in the order they were walked:
    /// not the first or last of a bout (setting off and stopping, and in the daily-living recordings rising from or
    /// sitting down on a chair), straight, ending in the posture they began in, within 10% of the median of those
    /// strides' times, and, where the reference gives each contact's foot, all starting on the same foot (the foot
    /// that starts the most of them; see the class remarks). Empty when there is none.
    /// </summary>
    public static List<(int From, int To)> SteadyStraightStrides(ImuRecording recording, ReferenceRecording reference)
    {
        ArgumentNullException.ThrowIfNull(recording);
        ArgumentNullException.ThrowIfNull(reference);
        var strides = new List<(int From, int To, string? Side)>();
        foreach (ReferenceBout bout in reference.Bouts)
        {
            IReadOnlyList<double> ics = bout.InitialContactsS;
            bool sided = bout.InitialContactSides.Count == ics.Count;
            for (int k = 2; k + 4 < ics.Count; k += 2)
            {
                if (Enumerable.Range(k - 1, 5).All(j => !double.IsNaN(ics[j])))
                {
                    int from = IndexAt(recording, ics[k]);
                    int to = IndexAt(recording, ics[k + 2]);
                    double closure = AngleDeg(
                        MeanSpecificForce(recording, IndexAt(recording, ics[k - 1]), IndexAt(recording, ics[k + 1])),
                        MeanSpecificForce(recording, IndexAt(recording, ics[k + 1]), IndexAt(recording, ics[k + 3])));
                    if (Math.Abs(HeadingChangeDeg(recording, from, to)) <= MaxStrideTurnDeg && closure <= MaxStrideClosureDeg)
                    {
                        strides.Add((from, to, sided ? bout.InitialContactSides[k] : null));
                    }
                }
            }
        }

        if (strides.Count > 0)
        {
            double median = strides.Select(s => (double)(s.To - s.From)).Order().ElementAt(strides.Count / 2);
            strides.RemoveAll(s => Math.Abs(s.To - s.From - median) > SteadyStrideTolerance * median);
        }

        // One foot's strides only, so that every join falls on that foot's heel strike (ties: the first stride's foot).
        string? foot = strides.Where(s => s.Side is not null).GroupBy(s => s.Side).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
        if (foot is not null)
        {
            strides.RemoveAll(s => s.Side != foot);
        }

        return strides.Select(s => (s.From, s.To)).ToList();
    }

    /// <summary>Whole strides in a row repeated as one block when a recording has no steady straight stride: 4, the smallest walk.</summary>
    public const int StridesInARow = 4;

    /// <summary>
    /// Samples [from, to) of the run of <see cref="StridesInARow"/> whole strides in a row (every contact known) whose
    /// last stride's mean specific force is closest in angle to its first stride's; null when no bout has one.
    /// </summary>
    private static (int From, int To)? BestRunOfStrides(ImuRecording recording, ReferenceRecording reference)
    {
        (int From, int To)? best = null;
        double bestClosure = double.MaxValue;
        int contacts = (2 * StridesInARow) + 1;
        foreach (ReferenceBout bout in reference.Bouts)
        {
            IReadOnlyList<double> ics = bout.InitialContactsS;
            for (int k = 0; k + contacts <= ics.Count; k++)
            {
                if (!Enumerable.Range(k, contacts).All(j => !double.IsNaN(ics[j])))
                {
                    continue;
                }

                int from = IndexAt(recording, ics[k]);
                int to = IndexAt(recording, ics[k + contacts - 1]);
                double closure = AngleDeg(
                    MeanSpecificForce(recording, from, IndexAt(recording, ics[k + 2])),
                    MeanSpecificForce(recording, IndexAt(recording, ics[k + contacts - 3]), to));
                if (closure < bestClosure)
                {
                    bestClosure = closure;
                    best = (from, to);
                }
            }
        }

        return best;
    }

    /// <summary>
    /// The band captures its neutral posture in a second of stillness; a walk built on a recording that does not
    /// start with one would never have a valid posture. Still, as <see cref="StillnessDetector"/> judges it before
    /// the gyroscope is calibrated: every sample of the first second within its body-acceleration limit of the
    /// second's mean (sum of the three axes) and every rate within its uncalibrated limit.
    /// </summary>
    private static void RequireStillStart(ImuRecording recording, string recordingName)
    {
        int n = IndexAt(recording, 1.0);
        double maxBodyG = (double)StillnessDetector.MaxBodyAccelerationCounts / ImuFormat.AccelCountsPerG;
        double maxRateDps = (double)StillnessDetector.MaxRateUncalibratedCounts * ImuFormat.GyroFullScaleDps / ImuFormat.GyroCountsAtFullScale;
        double[] mean = Enumerable.Range(0, 3).Select(a => recording.AccG[a].Take(n).Average()).ToArray();
        for (int i = 0; i < n; i++)
        {
            double body = Enumerable.Range(0, 3).Sum(a => Math.Abs(recording.AccG[a][i] - mean[a]));
            double rate = Enumerable.Range(0, 3).Max(a => Math.Abs(recording.GyrDps[a][i]));
            if (body > maxBodyG || rate > maxRateDps)
            {
                throw new InvalidDataException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{recordingName} does not start with a second of still standing (at {recording.TimeS[i]:0.00} s: {body:0.000} g of body acceleration, {rate:0} °/s), so the band could not capture its neutral posture"));
            }
        }
    }

    /// <summary>
    /// Heading change over samples [from, to) of an evenly sampled recording, degrees: the gyroscope's rate about the
    /// stride's mean specific force (over a whole stride the trunk's accelerations average out and it points up),
    /// integrated.
    /// </summary>
    public static double HeadingChangeDeg(ImuRecording recording, int from, int to)
    {
        ArgumentNullException.ThrowIfNull(recording);
        if (to - from < 2)
        {
            return 0;
        }

        double ux = 0, uy = 0, uz = 0;
        for (int i = from; i < to; i++)
        {
            ux += recording.AccG[0][i];
            uy += recording.AccG[1][i];
            uz += recording.AccG[2][i];
        }

        double norm = Math.Sqrt((ux * ux) + (uy * uy) + (uz * uz));
        if (norm == 0)
        {
            return 0;
        }

        double sumRate = 0;
        for (int i = from; i < to; i++)
        {
            sumRate += ((recording.GyrDps[0][i] * ux) + (recording.GyrDps[1][i] * uy) + (recording.GyrDps[2][i] * uz)) / norm;
        }

        return sumRate * (recording.TimeS[1] - recording.TimeS[0]);
    }

    private static (double X, double Y, double Z) MeanSpecificForce(ImuRecording recording, int from, int to)
    {
        int n = Math.Max(to - from, 1);
        return (recording.AccG[0][from..to].Sum() / n, recording.AccG[1][from..to].Sum() / n, recording.AccG[2][from..to].Sum() / n);
    }

    private static double AngleDeg((double X, double Y, double Z) a, (double X, double Y, double Z) b)
    {
        double dot = (a.X * b.X) + (a.Y * b.Y) + (a.Z * b.Z);
        double norms = Math.Sqrt(((a.X * a.X) + (a.Y * a.Y) + (a.Z * a.Z)) * ((b.X * b.X) + (b.Y * b.Y) + (b.Z * b.Z)));
        return norms == 0 ? 0 : Math.Acos(Math.Clamp(dot / norms, -1, 1)) * 180 / Math.PI;
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
