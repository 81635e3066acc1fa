using LumbarBand.Analysis.Recordings;
using LumbarBand.Core;
using LumbarBand.Core.Configuration;
using LumbarBand.Core.Gait;

namespace LumbarBand.Analysis.Analyzing;

/// <summary>
/// Runs a recording through Core exactly as the band would: quantized to raw counts at the device rate
/// (<see cref="DeviceQuantizer"/>), one <see cref="Band.OnSample"/> call a sample, events drained as they come.
/// </summary>
public static class RecordingAnalyzer
{
    private const double MicrosPerSecond = 1_000_000.0;

    /// <summary>
    /// Analyzes a recording in physical units; <paramref name="source"/> names it in the output. <paramref name="heightCm"/>
    /// is the wearer's height (the band's <see cref="SettingId.WearerHeightCm"/> setting; null: its default).
    /// <paramref name="turningStepEighths"/> is the turning steps' share of the pendulum's length: the band's
    /// <see cref="StepLengthEstimator.TurningStepEighths"/> unless a leave-one-subject-out fit tries another.
    /// </summary>
    public static AnalysisResult Analyze(ImuRecording recording, string source, int? heightCm = null, int turningStepEighths = StepLengthEstimator.TurningStepEighths)
    {
        return Analyze(DeviceQuantizer.ToDevice(recording), source, heightCm, turningStepEighths);
    }

    /// <summary>
    /// Analyzes raw device counts; <paramref name="source"/> names them in the output. Throws
    /// <see cref="ArgumentException"/> naming the setting and its range if <paramref name="heightCm"/> is out of range,
    /// or if <paramref name="turningStepEighths"/> is not 1–8.
    /// </summary>
    public static AnalysisResult Analyze(RawImuSamples samples, string source, int? heightCm = null, int turningStepEighths = StepLengthEstimator.TurningStepEighths)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var settings = new BandSettings();
        if (heightCm is int height)
        {
            SettingsError error = settings.Set(SettingId.WearerHeightCm, height);
            if (!error.IsOk)
            {
                throw new ArgumentException(error.ToString(), nameof(heightCm));
            }
        }

        var band = new Band(settings, null);
        band.StepLengths.SetTurningStepEighths(turningStepEighths);
        var steps = new List<double>();
        var bouts = new List<WalkingBout>();
        var cues = new CueLog();
        var candidates = new List<CandidateStep>();
        double? boutStart = null;
        for (int i = 0; i < samples.Count; i++)
        {
            int found = band.Steps.Candidates;
            band.OnSample(samples.TimeUs[i], samples.Ax[i], samples.Ay[i], samples.Az[i], samples.Gx[i], samples.Gy[i], samples.Gz[i]);
            if (band.Steps.Candidates != found)
            {
                candidates.Add(CandidateStep.Observe(band, i + 1, samples.TimeUs[i]));
            }

            Drain(band, steps, bouts, cues, ref boutStart);
        }

        // A recording that stops mid-walk leaves a bout open: the band closes it at its last step.
        band.EndOfSamples();
        Drain(band, steps, bouts, cues, ref boutStart);

        steps.Sort();
        double duration = samples.Count == 0 ? 0 : samples.TimeUs[^1] / MicrosPerSecond;
        return new AnalysisResult(source, duration, samples.Count, steps, bouts, cues.Cues, cues.TimesUntil(duration)) { Candidates = candidates };
    }

    private static void Drain(Band band, List<double> steps, List<WalkingBout> bouts, CueLog cues, ref double? boutStart)
    {
        while (band.Events.TryTake(out BandEvent e))
        {
            cues.Add(e);
            double t = e.TimeUs / MicrosPerSecond;
            switch (e.Kind)
            {
                case BandEventKind.Step:
                    steps.Add(t);
                    break;
                case BandEventKind.BoutStart:
                    boutStart = t;
                    break;
                case BandEventKind.BoutEnd:
                    // Band filled LastWalkingBout for this end before it reached Events.
                    bouts.Add(new WalkingBout(boutStart ?? t, t, e.Value).WithOutcome(band.LastWalkingBout));
                    boutStart = null;
                    break;
            }
        }
    }
}
