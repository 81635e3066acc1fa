using LumbarBand.Analysis.Analyzing;

namespace LumbarBand.Analysis.Simulation;

/// <summary>
/// Lays out the steps of every walking bout of a script (consecutive walking segments make one bout) with natural
/// step-to-step variability, and answers where the gait is at any time.
/// </summary>
internal sealed class GaitModel
{
    /// <summary>A walking segment's last heel strike comes at least this long before the segment ends.</summary>
    private const double LastStepMarginS = 0.25;

    private readonly GaitBout[] _bouts;

    private GaitModel(GaitBout[] bouts)
    {
        _bouts = bouts;
    }

    /// <summary>The bouts in time order.</summary>
    public IReadOnlyList<GaitBout> Bouts => _bouts;

    /// <summary>Builds the steps of every walking bout in <paramref name="segments"/>.</summary>
    public static GaitModel Build(IReadOnlyList<SegmentTiming> segments, SimulationOptions options, SimulationRandom random)
    {
        var bouts = new List<GaitBout>();
        int k = 0;
        while (k < segments.Count)
        {
            if (segments[k].Segment.Activity != Activity.Walk)
            {
                k++;
                continue;
            }

            int last = k;
            while (last + 1 < segments.Count && segments[last + 1].Segment.Activity == Activity.Walk)
            {
                last++;
            }

            GaitBout? bout = BuildBout(segments, k, last, options, random);
            if (bout is not null)
            {
                bouts.Add(bout);
            }

            k = last + 1;
        }

        return new GaitModel([.. bouts]);
    }

    /// <summary>The bout under way at <paramref name="t"/>, or null.</summary>
    public GaitBout? BoutAt(double t)
    {
        foreach (GaitBout b in _bouts)
        {
            if (t >= b.StartS && t <= b.EndS)
            {
                return b;
            }
        }

        return null;
    }

    /// <summary>Gait envelope at <paramref name="t"/>: 0 when not walking, 1 in steady walking.</summary>
    public double Envelope(double t) => BoutAt(t)?.Envelope(t) ?? 0;

    /// <summary>Every real initial contact with its foot, in time order.</summary>
    public (double[] TimesS, StepSide[] Sides) InitialContacts()
    {
        GaitBout.Step[] steps = _bouts.SelectMany(b => b.RealSteps).ToArray();
        return (steps.Select(s => s.IcS).ToArray(), steps.Select(s => s.Side).ToArray());
    }

    /// <summary>The true walking bouts: first to last initial contact, step count.</summary>
    public WalkingBout[] TruthBouts() => _bouts
        .Select(b => b.RealSteps.ToArray())
        .Select(s => new WalkingBout(s[0].IcS, s[^1].IcS, s.Length))
        .ToArray();

    private static GaitBout? BuildBout(IReadOnlyList<SegmentTiming> segments, int first, int last, SimulationOptions options, SimulationRandom random)
    {
        double startS = segments[first].StartS;
        double endS = segments[last].EndS;
        var steps = new List<GaitBout.Step>();
        StepSide side = random.NextDouble() < 0.5 ? StepSide.Left : StepSide.Right;
        double ic = startS + GaitBout.InitiationS;
        int segment = first;
        double legLength = PelvisExcursion.LegLengthM(options.HeightCm);
        while (ic <= endS - LastStepMarginS)
        {
            while (segment < last && ic >= segments[segment].EndS)
            {
                segment++;
            }

            WalkSegment w = segments[segment].Segment;
            double period = 60.0 / w.CadenceSpm * (1 + random.ClippedGaussian(options.StepTimeJitter));
            double intensity = w.Amplitude * Math.Pow(w.CadenceSpm / GaitWaveforms.ReferenceCadenceSpm, GaitWaveforms.CadenceExponent);
            double impactGain = Math.Max(0.3, 1 + random.ClippedGaussian(options.AmplitudeJitter));
            double impactShift = random.ClippedGaussian(GaitWaveforms.ImpactTimingSdS);
            double swayGain = Math.Max(0.3, 1 + random.ClippedGaussian(options.AmplitudeJitter / 2));
            double stepLength = GaitBout.NormalStepLengthM * w.Amplitude;
            double speed = stepLength * w.CadenceSpm / 60;
            double verticalIntensity = PelvisExcursion.ForStep(stepLength, legLength) / PelvisExcursion.OfWaveform(60.0 / w.CadenceSpm);
            steps.Add(new GaitBout.Step(ic, side, period, intensity, impactGain, impactShift, swayGain, speed, verticalIntensity));
            ic += period;
            side = Opposite(side);
        }

        if (steps.Count == 0)
        {
            return null;
        }

        // Gait initiation and termination: the first heel strikes and the last are softer than steady ones.
        steps[0] = steps[0] with { ImpactGain = steps[0].ImpactGain * 0.75 };
        if (steps.Count > 2)
        {
            steps[1] = steps[1] with { ImpactGain = steps[1].ImpactGain * 0.9 };
            steps[^1] = steps[^1] with { ImpactGain = steps[^1].ImpactGain * 0.85 };
        }

        GaitBout.Step firstStep = steps[0];
        GaitBout.Step lastStep = steps[^1];
        var before = firstStep with { IcS = firstStep.IcS - firstStep.PeriodS, Side = Opposite(firstStep.Side), ImpactGain = 0 };
        var after1 = lastStep with { IcS = lastStep.IcS + lastStep.PeriodS, Side = Opposite(lastStep.Side), ImpactGain = 0 };
        var after2 = after1 with { IcS = after1.IcS + after1.PeriodS, Side = lastStep.Side };
        GaitBout.Step[] all = [before, .. steps, after1, after2];
        return new GaitBout(startS, all, 1, steps.Count);
    }

    private static StepSide Opposite(StepSide side) => side == StepSide.Left ? StepSide.Right : StepSide.Left;
}
