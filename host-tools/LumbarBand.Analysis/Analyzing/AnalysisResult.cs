using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LumbarBand.Analysis.Analyzing;

/// <summary>A cue the band gave (or, in tracking mode, would have given).</summary>
/// <param name="TimeS">Seconds from the start of the recording.</param>
/// <param name="Rule">The rule that fired, as named in the configuration ("flexion", "lateral_lean", "sway").</param>
/// <param name="Level">Pattern level, 1 (gentle) to 3 (strong): above the start level when escalated.</param>
/// <param name="Delivered">True when the motor played it (training mode), false when only recorded (tracking mode).</param>
public sealed record CueRecord(double TimeS, string Rule, int Level = 1, bool Delivered = true);

/// <summary>
/// What the band made of one recording: the output contract of <c>lumbarband analyze --json</c> (DESIGN.md).
/// </summary>
public sealed class AnalysisResult
{
    /// <summary>Creates a result.</summary>
    public AnalysisResult(
        string source,
        double durationS,
        int deviceSamples,
        IReadOnlyList<double> stepsS,
        IReadOnlyList<WalkingBout> bouts,
        IReadOnlyList<CueRecord> cues,
        ExcessiveMotionTimes? excessiveMotion = null)
    {
        Source = source;
        DurationS = durationS;
        DeviceSamples = deviceSamples;
        StepsS = stepsS;
        Bouts = bouts;
        Cues = cues;
        ExcessiveMotion = excessiveMotion ?? ExcessiveMotionTimes.None;
    }

    /// <summary>Where the samples came from: a file path, or the label of a simulated walk.</summary>
    public string Source { get; }

    /// <summary>Duration of the analysed stream in seconds.</summary>
    public double DurationS { get; }

    /// <summary>Samples fed to Core at the device rate.</summary>
    public int DeviceSamples { get; }

    /// <summary>Every detected step, seconds from the start.</summary>
    public IReadOnlyList<double> StepsS { get; }

    /// <summary>
    /// Every candidate step the step detector found, with what the walking decision was given for it, so the decision
    /// can be replayed with other constants (<see cref="Scoring.WalkingDecisionReplay"/>); empty when not recorded.
    /// </summary>
    public IReadOnlyList<CandidateStep> Candidates { get; init; } = [];

    /// <summary>Detected walking bouts.</summary>
    public IReadOnlyList<WalkingBout> Bouts { get; }

    /// <summary>Cues given.</summary>
    public IReadOnlyList<CueRecord> Cues { get; }

    /// <summary>Time in each state of sustained excessive motion.</summary>
    public ExcessiveMotionTimes ExcessiveMotion { get; }

    /// <summary>Cues per hour of walking (0 without walking).</summary>
    public double CuesPerWalkingHour => WalkingTimeS > 0 ? Cues.Count * 3600.0 / WalkingTimeS : 0;

    /// <summary>Total walking time over all bouts, seconds.</summary>
    public double WalkingTimeS => Bouts.Sum(b => b.EndS - b.StartS);

    /// <summary>Step-weighted mean cadence over the bouts, steps per minute (0 without bouts).</summary>
    public double MeanCadenceSpm
    {
        get
        {
            int steps = Bouts.Sum(b => b.Steps);
            return steps == 0 ? 0 : Bouts.Sum(b => b.CadenceSpm * b.Steps) / steps;
        }
    }

    /// <summary>
    /// Step-weighted mean of a measured outcome over the bouts that have it (null when none has): the walk's figure
    /// as the mean cadence is.
    /// </summary>
    public double? MeanOver(Func<WalkingBout, double?> outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        double sum = 0;
        int steps = 0;
        foreach (WalkingBout b in Bouts)
        {
            if (outcome(b) is double v)
            {
                sum += v * b.Steps;
                steps += b.Steps;
            }
        }

        return steps == 0 ? null : sum / steps;
    }

    /// <summary>The JSON object of the analyze contract: steps_s, walking_bouts, cues, summary.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartArray("steps_s");
            foreach (double t in StepsS)
            {
                w.WriteNumberValue(Math.Round(t, 3));
            }

            w.WriteEndArray();
            w.WriteStartArray("walking_bouts");
            foreach (WalkingBout b in Bouts)
            {
                w.WriteStartObject();
                w.WriteNumber("start_s", Math.Round(b.StartS, 3));
                w.WriteNumber("end_s", Math.Round(b.EndS, 3));
                w.WriteNumber("steps", b.Steps);
                w.WriteNumber("cadence_spm", Math.Round(b.CadenceSpm, 1));
                WriteMeasured(w, "speed_mps", b.SpeedMps, 3);
                WriteMeasured(w, "stride_length_m", b.StrideLengthM, 3);
                WriteMeasured(w, "step_time_cv_pct", b.StepTimeCvPct, 1);
                WriteMeasured(w, "stride_time_cv_pct", b.StrideTimeCvPct, 1);
                WriteMeasured(w, "step_time_asymmetry_pct", b.StepTimeAsymmetryPct, 1);
                WriteMeasured(w, "stride_regularity", b.StrideRegularity, 3);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("cues");
            foreach (CueRecord c in Cues)
            {
                w.WriteStartObject();
                w.WriteNumber("t_s", Math.Round(c.TimeS, 3));
                w.WriteString("rule", c.Rule);
                w.WriteNumber("level", c.Level);
                w.WriteBoolean("delivered", c.Delivered);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("summary");
            w.WriteString("source", Source);
            w.WriteNumber("duration_s", Math.Round(DurationS, 3));
            w.WriteNumber("device_sample_rate_hz", Core.Sensing.ImuFormat.SampleRateHz);
            w.WriteNumber("device_samples", DeviceSamples);
            w.WriteNumber("steps", StepsS.Count);
            w.WriteNumber("walking_bouts", Bouts.Count);
            w.WriteNumber("walking_time_s", Math.Round(WalkingTimeS, 2));
            w.WriteNumber("mean_cadence_spm", Math.Round(MeanCadenceSpm, 1));
            WriteMeasured(w, "mean_speed_mps", MeanOver(b => b.SpeedMps), 3);
            WriteMeasured(w, "mean_stride_length_m", MeanOver(b => b.StrideLengthM), 3);
            WriteMeasured(w, "mean_step_time_cv_pct", MeanOver(b => b.StepTimeCvPct), 1);
            WriteMeasured(w, "mean_stride_time_cv_pct", MeanOver(b => b.StrideTimeCvPct), 1);
            WriteMeasured(w, "mean_step_time_asymmetry_pct", MeanOver(b => b.StepTimeAsymmetryPct), 1);
            WriteMeasured(w, "mean_stride_regularity", MeanOver(b => b.StrideRegularity), 3);
            w.WriteNumber("cues", Cues.Count);
            w.WriteNumber("cues_per_walking_hour", Math.Round(CuesPerWalkingHour, 2));
            w.WriteStartObject("excessive_motion_s");
            w.WriteNumber("flexion", Math.Round(ExcessiveMotion.FlexionS, 1));
            w.WriteNumber("lateral_lean", Math.Round(ExcessiveMotion.LateralLeanS, 1));
            w.WriteNumber("sway", Math.Round(ExcessiveMotion.SwayS, 1));
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A measured value rounded, or null when the band did not measure it.</summary>
    private static void WriteMeasured(Utf8JsonWriter w, string name, double? value, int digits)
    {
        if (value is double v)
        {
            w.WriteNumber(name, Math.Round(v, digits));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    /// <summary>A short human summary.</summary>
    public string ToText()
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(ci, $"{Source}");
        sb.AppendLine(ci, $"  {DurationS:0.0} s analysed as the band would ({DeviceSamples} samples at {Core.Sensing.ImuFormat.SampleRateHz} Hz)");
        sb.AppendLine(ci, $"  steps: {StepsS.Count} in {Bouts.Count} walking bout{(Bouts.Count == 1 ? "" : "s")}, {WalkingTimeS:0} s walking");
        if (Bouts.Count > 0)
        {
            sb.AppendLine(ci, $"  cadence: {MeanCadenceSpm:0} steps/min (mean over bouts)");
            if (MeanOver(b => b.SpeedMps) is double speed)
            {
                sb.AppendLine(ci, $"  speed: {speed:0.00} m/s, stride length {MeanOver(b => b.StrideLengthM):0.00} m (means over bouts)");
            }

            if (MeanOver(b => b.StepTimeCvPct) is double cv)
            {
                sb.AppendLine(ci, $"  rhythm: step-time CV {cv:0.0}%, asymmetry {MeanOver(b => b.StepTimeAsymmetryPct):0.0}%, stride regularity {MeanOver(b => b.StrideRegularity):0.00}");
            }
        }

        sb.AppendLine(ci, $"  cues: {Cues.Count}{(WalkingTimeS > 0 ? $" ({CuesPerWalkingHour:0.#} per walking hour)" : "")}");
        ExcessiveMotionTimes x = ExcessiveMotion;
        sb.AppendLine(ci, $"  excessive motion: flexion {x.FlexionS:0} s, lateral lean {x.LateralLeanS:0} s, sway {x.SwayS:0} s");
        return sb.ToString();
    }
}
