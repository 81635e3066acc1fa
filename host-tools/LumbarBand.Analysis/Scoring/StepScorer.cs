namespace LumbarBand.Analysis.Scoring;

/// <summary>
/// Scores detected steps against reference initial contacts with the rules of ../shared/tools/score_steps.py:
/// one-to-one matching within ±0.25 s inside each reference bout; a contact without a time makes a don't-care zone
/// between its timed neighbours; step-count error = |detected − reference| inside bouts; cadence per bout = 60 / median
/// step interval on detections and reference alike; false steps = detections more than 1 s from every bout, per
/// minute of the rest of the recording, where a reference's unverified spans count neither as walking nor as
/// non-walking.
/// </summary>
public static class StepScorer
{
    /// <summary>Matching tolerance in seconds.</summary>
    public const double ToleranceS = 0.25;

    /// <summary>Detections this far from every bout count as false steps.</summary>
    public const double OutsideMarginS = 1.0;

    /// <summary>
    /// Scores detections (by recording name) against references; recordings without detections are left out.
    /// With <paramref name="insideBoutsOnly"/>, false steps outside bouts are not scored (for detectors that were
    /// only run inside the bouts, like the published peers). With <paramref name="referenceSystem"/>, only the bouts
    /// of that system are scored (the peers ran inside the INDIP bouts: score them with
    /// <see cref="ReferenceRecording.DefaultSystem"/>, as <c>score_steps.py --peers</c> does).
    /// </summary>
    public static StepScore Score(IEnumerable<ReferenceRecording> references, IReadOnlyDictionary<string, double[]> detections, bool insideBoutsOnly, string? referenceSystem = null)
    {
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(detections);
        int tp = 0, fp = 0, fn = 0, refTotal = 0, detTotal = 0, outside = 0;
        double nonWalkingS = 0;
        var countErrors = new List<double>();
        var cadenceErrors = new List<double>();
        foreach (ReferenceRecording r in references)
        {
            if (!detections.TryGetValue(r.Name, out double[]? found))
            {
                continue;
            }

            double[] d = found.Order().ToArray();
            double walkingS = 0;
            foreach (ReferenceBout b in r.Bouts)
            {
                if (referenceSystem != null && b.ReferenceSystem != referenceSystem)
                {
                    continue;
                }

                IReadOnlyList<double> ics = b.InitialContactsS;
                double[] timed = ics.Where(t => !double.IsNaN(t)).ToArray();
                List<(double From, double To)> dontCare = DontCareZones(b);
                double[] inBout = d.Where(t => t >= b.StartS - ToleranceS && t <= b.EndS + ToleranceS).ToArray();
                double[] scored = inBout.Where(t => !dontCare.Any(z => z.From < t && t < z.To)).ToArray();
                int matched = MatchCount(timed, scored);
                tp += matched;
                fn += timed.Length - matched;
                fp += scored.Length - matched;
                refTotal += ics.Count;
                detTotal += inBout.Length;
                countErrors.Add(Math.Abs(inBout.Length - ics.Count) / (double)ics.Count);
                double? refCadence = Cadence(ics);
                if (refCadence is double rc)
                {
                    double detCadence = Cadence(d.Where(t => t >= b.StartS && t <= b.EndS).ToArray()) ?? 0.0;
                    cadenceErrors.Add(Math.Abs(detCadence - rc));
                }

                walkingS += b.EndS - b.StartS;
            }

            if (!insideBoutsOnly)
            {
                outside += d.Count(t => IsOutsideEveryBout(r, t) && !r.UnverifiedS.Any(u => u.Contains(t)));
                double unverifiedS = r.UnverifiedS.Sum(u => u.DurationS);
                nonWalkingS += Math.Max(r.DurationS - walkingS - (2 * OutsideMarginS * r.Bouts.Count) - unverifiedS, 0.0);
            }
        }

        return new StepScore
        {
            TruePositives = tp,
            FalsePositives = fp,
            FalseNegatives = fn,
            ReferenceSteps = refTotal,
            DetectedStepsInBouts = detTotal,
            Bouts = countErrors.Count,
            StepCountErrorPctMeanBout = 100.0 * countErrors.Sum() / Math.Max(countErrors.Count, 1),
            CadenceMaeSpm = cadenceErrors.Sum() / Math.Max(cadenceErrors.Count, 1),
            FalseStepsOutsideBouts = insideBoutsOnly ? null : outside,
            FalseStepsPerMinute = insideBoutsOnly ? null : nonWalkingS > 0 ? 60.0 * outside / nonWalkingS : 0.0,
            NonWalkingS = insideBoutsOnly ? null : nonWalkingS,
        };
    }

    /// <summary>Whether <paramref name="t"/> lies more than <see cref="OutsideMarginS"/> from every reference bout.</summary>
    public static bool IsOutsideEveryBout(ReferenceRecording reference, double t)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return reference.Bouts.All(b => t < b.StartS - OutsideMarginS || t > b.EndS + OutsideMarginS);
    }

    /// <summary>Cadence in steps/min from the median interval between consecutive timed steps; null under 2 intervals.</summary>
    public static double? Cadence(IReadOnlyList<double> times)
    {
        var intervals = new List<double>();
        for (int i = 0; i + 1 < times.Count; i++)
        {
            if (!double.IsNaN(times[i]) && !double.IsNaN(times[i + 1]))
            {
                intervals.Add(times[i + 1] - times[i]);
            }
        }

        if (intervals.Count < 2)
        {
            return null;
        }

        intervals.Sort();
        int mid = intervals.Count / 2;
        double median = intervals.Count % 2 == 1 ? intervals[mid] : 0.5 * (intervals[mid - 1] + intervals[mid]);
        return 60.0 / median;
    }

    private static List<(double From, double To)> DontCareZones(ReferenceBout b)
    {
        IReadOnlyList<double> ics = b.InitialContactsS;
        var zones = new List<(double, double)>();
        for (int i = 0; i < ics.Count; i++)
        {
            if (!double.IsNaN(ics[i]))
            {
                continue;
            }

            double lo = b.StartS;
            for (int j = i - 1; j >= 0; j--)
            {
                if (!double.IsNaN(ics[j]))
                {
                    lo = ics[j];
                    break;
                }
            }

            double hi = b.EndS;
            for (int j = i + 1; j < ics.Count; j++)
            {
                if (!double.IsNaN(ics[j]))
                {
                    hi = ics[j];
                    break;
                }
            }

            zones.Add((lo + ToleranceS, hi - ToleranceS));
        }

        return zones;
    }

    /// <summary>
    /// Greedy one-to-one matching within <see cref="ToleranceS"/>: each reference contact in time order takes the
    /// nearest unused detection. Returns the number matched.
    /// </summary>
    public static int MatchCount(IReadOnlyList<double> reference, IReadOnlyList<double> detected)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(detected);
        double[] refs = reference.Order().ToArray();
        double[] dets = detected.Order().ToArray();
        var used = new bool[dets.Length];
        int matched = 0;
        foreach (double t in refs)
        {
            int best = -1;
            for (int j = 0; j < dets.Length; j++)
            {
                if (!used[j] && Math.Abs(dets[j] - t) <= ToleranceS && (best < 0 || Math.Abs(dets[j] - t) < Math.Abs(dets[best] - t)))
                {
                    best = j;
                }
            }

            if (best >= 0)
            {
                used[best] = true;
                matched++;
            }
        }

        return matched;
    }
}
