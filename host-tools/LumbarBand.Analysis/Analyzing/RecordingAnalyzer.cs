using LumbarBand.Analysis.Recordings;
using LumbarBand.Core;

namespace LumbarBand.Analysis.Analyzing;

/// <summary>
/// Runs a recording through Core exactly as the band would: quantized to raw counts at the device rate
/// (<see cref="DeviceQuantizer"/>), one <see cref="Band.OnSample"/> call a sample, events drained as they come.
/// </summary>
public static class RecordingAnalyzer
{
    private const double MicrosPerSecond = 1_000_000.0;

    /// <summary>Analyzes a recording in physical units; <paramref name="source"/> names it in the output.</summary>
    public static AnalysisResult Analyze(ImuRecording recording, string source)
    {
        return Analyze(DeviceQuantizer.ToDevice(recording), source);
    }

    /// <summary>Analyzes raw device counts; <paramref name="source"/> names them in the output.</summary>
    public static AnalysisResult Analyze(RawImuSamples samples, string source)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var band = new Band();
        var steps = new List<double>();
        var bouts = new List<WalkingBout>();
        var cues = new CueLog();
        var candidates = new List<CandidateStep>();
        double? boutStart = null;
        int boutSteps = 0;
        for (int i = 0; i < samples.Count; i++)
        {
            int found = band.Steps.Candidates;
            band.OnSample(samples.TimeUs[i], samples.Ax[i], samples.Ay[i], samples.Az[i], samples.Gx[i], samples.Gy[i], samples.Gz[i]);
            if (band.Steps.Candidates != found)
            {
                candidates.Add(CandidateStep.Observe(band, i + 1, samples.TimeUs[i]));
            }

            while (band.Events.TryTake(out BandEvent e))
            {
                cues.Add(e);
                double t = e.TimeUs / MicrosPerSecond;
                switch (e.Kind)
                {
                    case BandEventKind.Step:
                        steps.Add(t);
                        boutSteps++;
                        break;
                    case BandEventKind.BoutStart:
                        boutStart = t;
                        boutSteps = 0;
                        break;
                    case BandEventKind.BoutEnd:
                        bouts.Add(new WalkingBout(boutStart ?? t, t, e.Value));
                        boutStart = null;
                        break;
                }
            }
        }

        // A recording that stops mid-walk leaves a bout open: close it at its last step.
        if (boutStart is double start && boutSteps > 0)
        {
            bouts.Add(new WalkingBout(start, steps[^1], boutSteps));
        }

        steps.Sort();
        double duration = samples.Count == 0 ? 0 : samples.TimeUs[^1] / MicrosPerSecond;
        return new AnalysisResult(source, duration, samples.Count, steps, bouts, cues.Cues, cues.TimesUntil(duration)) { Candidates = candidates };
    }
}
