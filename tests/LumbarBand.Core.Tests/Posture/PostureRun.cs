using System.Collections.Concurrent;
using System.Globalization;
using LumbarBand.Analysis.Recordings;
using LumbarBand.Analysis.Simulation;
using LumbarBand.Core.Posture;
using LumbarBand.Core.Sensing;
using LumbarBand.Core.Sway;

namespace LumbarBand.Core.Tests.Posture;

/// <summary>One angle update of <see cref="PostureMeter"/>: the device sample it was computed at and its outputs.</summary>
public readonly record struct PostureOutput(int Sample, int FlexionCentidegrees, int LateralBendCentidegrees);

/// <summary>One stride reported by <see cref="SwayMeter"/>: the sample it ended at, its length and its three ranges.</summary>
public readonly record struct StrideOutput(
    int EndSample, int Samples, int MediolateralCentidegrees, int AnteroposteriorCentidegrees, int RotationCentidegrees);

/// <summary>
/// Runs a real <see cref="Band"/> over a simulated walk quantized to the device's counts and records what its posture
/// and sway stages (<see cref="Band.Posture"/>, <see cref="Band.Sway"/>) report, beside the simulator's truth. Band
/// wires them as their documentation asks: a filter step on every fourth sample with the bias-corrected gyroscope,
/// then <see cref="SwayMeter.Accumulate"/> and <see cref="PostureMeter.Update"/>; <see cref="SwayMeter.OnStep"/> on
/// each counted step at its contact time. Stride end samples are the band's sample numbers (one ahead of the index
/// fed), rounded down to a filter step.
/// </summary>
public sealed class PostureRun
{
    /// <summary>
    /// The estimate after a filter step describes the trunk this many samples later (the gyroscope sample stands for the
    /// 80 ms around it), so outputs are compared with the truth that far on.
    /// </summary>
    public const int EstimateLeadSamples = 2;

    private static readonly ConcurrentDictionary<string, Lazy<PostureRun>> Cache = new();

    private readonly List<PostureOutput> _outputs = [];
    private readonly List<StrideOutput> _strides = [];

    private PostureRun(SimulatedWalk walk)
    {
        Walk = walk;
        RawImuSamples raw = DeviceQuantizer.ToDevice(walk.Recording);
        SampleCount = raw.Count;
        var band = new Band();
        PostureMeter posture = band.Posture;
        SwayMeter sway = band.Sway;
        int outputs = 0;
        int strides = 0;
        FirstValidSample = -1;
        for (int i = 0; i < raw.Count; i++)
        {
            band.OnSample(raw.TimeUs[i], raw.Ax[i], raw.Ay[i], raw.Az[i], raw.Gx[i], raw.Gy[i], raw.Gz[i]);
            while (band.Events.TryTake(out BandEvent e))
            {
                if (e.Kind == BandEventKind.NeutralCaptured && NeutralCaptureSample < 0)
                {
                    NeutralCaptureSample = (int)(e.TimeUs / ImuFormat.SamplePeriodUs);
                }
            }

            // Several strides can close in one sample (a bout's first steps are reported together): read each.
            for (; strides < sway.Strides; strides++)
            {
                Assert.True(sway.TryGetStride(strides + 1, out int end, out int samples, out int ml, out int ap, out int rotation), "a stride was lost");
                _strides.Add(new StrideOutput(end, samples, ml, ap, rotation));
            }

            if (posture.Outputs != outputs)
            {
                outputs = posture.Outputs;
                if (FirstValidSample < 0)
                {
                    FirstValidSample = i;
                }

                _outputs.Add(new PostureOutput(i, posture.FlexionCentidegrees, posture.LateralBendCentidegrees));
            }
        }

        // "Relative to neutral": the truth while the neutral posture was captured (the still half second before the
        // capture) is the zero the band measures from.
        if (NeutralCaptureSample >= 0)
        {
            int window = StillnessDetector.WindowSamples;
            double flexion = 0;
            double bend = 0;
            for (int s = NeutralCaptureSample - window + 1; s <= NeutralCaptureSample; s++)
            {
                flexion += Walk.FlexionDeg[TruthIndex(s)];
                bend += Walk.LateralBendDeg[TruthIndex(s)];
            }

            NeutralFlexionDeg = flexion / window;
            NeutralLateralBendDeg = bend / window;
        }
    }

    /// <summary>The simulated walk.</summary>
    public SimulatedWalk Walk { get; }

    /// <summary>Device samples fed.</summary>
    public int SampleCount { get; }

    /// <summary>Every angle update (only valid ones: <see cref="PostureMeter.Outputs"/> counts valid updates).</summary>
    public IReadOnlyList<PostureOutput> Outputs => _outputs;

    /// <summary>Every stride the sway meter reported.</summary>
    public IReadOnlyList<StrideOutput> Strides => _strides;

    /// <summary>Device sample of the first valid angle update; −1 if none.</summary>
    public int FirstValidSample { get; }

    /// <summary>Device sample at which the neutral posture was first captured; −1 if never.</summary>
    public int NeutralCaptureSample { get; } = -1;

    /// <summary>True flexion while the neutral posture was captured, degrees.</summary>
    public double NeutralFlexionDeg { get; }

    /// <summary>True lateral bend while the neutral posture was captured, degrees.</summary>
    public double NeutralLateralBendDeg { get; }

    /// <summary>
    /// The run of <paramref name="script"/> in <paramref name="mounting"/> with seed <paramref name="seed"/>, simulated
    /// once per test process and shared by the posture and sway tests.
    /// </summary>
    public static PostureRun Of(WalkScript script, Mounting mounting, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(mounting);
        string key = string.Create(CultureInfo.InvariantCulture, $"{script.Describe()} | {mounting.Name} | {seed}");
        return Cache.GetOrAdd(
            key,
            _ => new Lazy<PostureRun>(() => new PostureRun(WalkSimulator.Simulate(script, mounting, SimulationOptions.Default with { Seed = seed }))))
            .Value;
    }

    /// <summary>Index into the truth series for a device sample.</summary>
    public int TruthIndex(int sample) =>
        Math.Min(Walk.FlexionDeg.Length - 1, (int)Math.Round(sample * Walk.Options.SampleRateHz / ImuFormat.SampleRateHz));

    /// <summary>Time of a device sample, seconds.</summary>
    public static double TimeS(int sample) => (double)sample / ImuFormat.SampleRateHz;

    /// <summary>True flexion relative to the neutral capture at the instant an output describes, degrees.</summary>
    public double TrueFlexionDeg(PostureOutput output) =>
        Walk.FlexionDeg[TruthIndex(output.Sample + EstimateLeadSamples)] - NeutralFlexionDeg;

    /// <summary>True lateral bend relative to the neutral capture at the instant an output describes, degrees.</summary>
    public double TrueLateralBendDeg(PostureOutput output) =>
        Walk.LateralBendDeg[TruthIndex(output.Sample + EstimateLeadSamples)] - NeutralLateralBendDeg;

    /// <summary>The script activity under way at a device sample.</summary>
    public Activity ActivityAt(int sample)
    {
        double t = TimeS(sample);
        foreach (SegmentTiming s in Walk.Segments)
        {
            if (t >= s.StartS && t < s.EndS)
            {
                return s.Segment.Activity;
            }
        }

        return Walk.Segments[^1].Segment.Activity;
    }

    /// <summary>RMS errors of flexion and bend (degrees) over the outputs that <paramref name="include"/> selects.</summary>
    public (double Flexion, double LateralBend, int Count) RmsErrors(Func<PostureOutput, bool> include)
    {
        ArgumentNullException.ThrowIfNull(include);
        double flexion = 0;
        double bend = 0;
        int n = 0;
        foreach (PostureOutput o in _outputs)
        {
            if (!include(o))
            {
                continue;
            }

            double ef = (o.FlexionCentidegrees / 100.0) - TrueFlexionDeg(o);
            double eb = (o.LateralBendCentidegrees / 100.0) - TrueLateralBendDeg(o);
            flexion += ef * ef;
            bend += eb * eb;
            n++;
        }

        return n == 0 ? (double.NaN, double.NaN, 0) : (Math.Sqrt(flexion / n), Math.Sqrt(bend / n), n);
    }

    /// <summary>
    /// Pairs each reported stride with the true stride it overlaps most (at least half of it); strides the simulator
    /// counts from the other foot overlap by about half a stride, which is fine for ranges of a periodic motion. With
    /// <paramref name="steadyPostureOnly"/>, strides during which the held posture changes (a flexion or lean ramp,
    /// whose range depends on where the stride window falls) are left out.
    /// </summary>
    public IReadOnlyList<(StrideOutput Measured, StrideSway Truth)> MatchedStrides(bool steadyPostureOnly = false)
    {
        var pairs = new List<(StrideOutput, StrideSway)>();
        foreach (StrideOutput s in _strides)
        {
            double end = TimeS(s.EndSample);
            double start = TimeS(s.EndSample - s.Samples);
            StrideSway? best = null;
            double bestOverlap = 0;
            foreach (StrideSway t in Walk.StrideSways)
            {
                double overlap = Math.Min(end, t.EndS) - Math.Max(start, t.StartS);
                if (overlap > bestOverlap)
                {
                    bestOverlap = overlap;
                    best = t;
                }
            }

            if (best is not null && bestOverlap >= 0.5 * (best.EndS - best.StartS)
                && (!steadyPostureOnly || HeldPostureChangeDeg(Math.Min(start, best.StartS), Math.Max(end, best.EndS)) < 0.5))
            {
                pairs.Add((s, best));
            }
        }

        return pairs;
    }

    /// <summary>Largest range of the held flexion or lean (no oscillation) between two times, degrees.</summary>
    private double HeldPostureChangeDeg(double fromS, double toS)
    {
        int from = Math.Max(0, (int)(fromS * Walk.Options.SampleRateHz));
        int to = Math.Min(Walk.PostureFlexionDeg.Length - 1, (int)(toS * Walk.Options.SampleRateHz));
        double minF = double.MaxValue, maxF = double.MinValue, minB = double.MaxValue, maxB = double.MinValue;
        for (int i = from; i <= to; i++)
        {
            minF = Math.Min(minF, Walk.PostureFlexionDeg[i]);
            maxF = Math.Max(maxF, Walk.PostureFlexionDeg[i]);
            minB = Math.Min(minB, Walk.PostureLateralBendDeg[i]);
            maxB = Math.Max(maxB, Walk.PostureLateralBendDeg[i]);
        }

        return Math.Max(maxF - minF, maxB - minB);
    }
}
