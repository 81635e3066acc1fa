using System.Text.Json;
using LumbarBand.Host.Sessions;
using LumbarBand.Host.Store;

namespace LumbarBand.Host.Export;

/// <summary>
/// Writes stored sessions as one JSON document:
/// <c>{"format":"lumbarband-sessions","version":1,"sessions":[{…,"totals":{…},"epochs":[…],"events":[…],"bouts":[…]}]}</c>,
/// snake_case names as in the CSV files, null for unknown values (and for speed, stride length and rhythm where the band
/// did not measure them; <c>walking_outcomes_measured</c> is false for a session whose firmware does not).
/// </summary>
public static class JsonExporter
{
    /// <summary>The document's format name.</summary>
    public const string FormatName = "lumbarband-sessions";

    /// <summary>The document's format version.</summary>
    public const int FormatVersion = 1;

    /// <summary>Writes <paramref name="sessions"/> to <paramref name="stream"/> (UTF-8, indented).</summary>
    public static void Write(IEnumerable<StoredSession> sessions, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(stream);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("format", FormatName);
        w.WriteNumber("version", FormatVersion);
        w.WriteStartArray("sessions");
        foreach (StoredSession s in sessions)
        {
            WriteSession(w, s);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteSession(Utf8JsonWriter w, StoredSession s)
    {
        w.WriteStartObject();
        w.WriteString("device_id", s.DeviceId);
        w.WriteNumber("session_id", s.SessionId);
        w.WriteNumber("crc32", s.Crc);
        w.WriteNumber("length_bytes", s.Length);
        WriteTime(w, "start_utc", s.StartUtc);
        WriteTime(w, "downloaded_utc", s.DownloadedUtc);
        w.WriteString("source", s.Source);
        w.WriteBoolean("simulated", s.IsSimulated);
        w.WriteBoolean("hidden", s.Hidden);
        w.WriteStartArray("annotations");
        foreach (Store.SessionAnnotation a in s.Annotations)
        {
            w.WriteStartObject();
            if (a.Marker is int m)
            {
                w.WriteNumber("pain_marker", m);
            }
            else
            {
                w.WriteNull("pain_marker");
            }

            if (a.Pain is int p)
            {
                w.WriteNumber("pain_0_10", p);
            }
            else
            {
                w.WriteNull("pain_0_10");
            }

            w.WriteString("note", a.Note);
            WriteTime(w, "created_utc", a.CreatedUtc);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("decoder", s.Decoder);
        w.WriteString("decode_error", s.DecodeError);
        if (s.Decoded is DecodedSession d)
        {
            w.WriteString("firmware", d.Header.FirmwareVersion);
            w.WriteNumber("epoch_s", d.Header.EpochSeconds);
            if (d.Header.FormatVersion > 0)
            {
                w.WriteNumber("session_format", d.Header.FormatVersion);
            }
            else
            {
                w.WriteNull("session_format");
            }

            w.WriteBoolean("walking_outcomes_measured", d.MeasuresWalkingOutcomes);
            WriteTotals(w, d);
            w.WriteStartArray("epochs");
            foreach (SessionEpoch e in d.Epochs)
            {
                WriteEpoch(w, e);
            }

            w.WriteEndArray();
            w.WriteStartArray("events");
            foreach (SessionEvent e in d.Events)
            {
                w.WriteStartObject();
                w.WriteNumber("offset_s", Math.Round(e.OffsetSeconds, 3));
                w.WriteString("kind", ExportNames.Kind(e.Kind));
                w.WriteString("rule", ExportNames.Rule(e.Rule));
                w.WriteNumber("value", e.Value);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("bouts");
            foreach (WalkingBout b in d.Bouts)
            {
                WriteBout(w, b);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void WriteBout(Utf8JsonWriter w, WalkingBout b)
    {
        w.WriteStartObject();
        w.WriteNumber("start_s", Math.Round(b.StartSeconds, 3));
        w.WriteNumber("duration_s", Math.Round(b.DurationSeconds, 3));
        w.WriteNumber("steps", b.Steps);
        WriteNumber(w, "cadence_spm", b.CadenceSpm);
        WriteNumber(w, "speed_mps", b.SpeedMps);
        WriteNumber(w, "stride_length_m", b.StrideLengthM);
        WriteNumber(w, "step_time_cv_pct", b.StepTimeCvPercent);
        WriteNumber(w, "stride_time_cv_pct", b.StrideTimeCvPercent);
        WriteNumber(w, "step_time_asymmetry_pct", b.StepTimeAsymmetryPercent);
        WriteNumber(w, "stride_regularity", b.StrideRegularity);
        w.WriteNumber("excessive_posture_s", b.ExcessivePostureSeconds);
        w.WriteNumber("cues", b.Cues);
        w.WriteEndObject();
    }

    private static void WriteTotals(Utf8JsonWriter w, DecodedSession d)
    {
        SessionTotals t = d.Totals;
        w.WriteStartObject("totals");
        w.WriteNumber("duration_s", Math.Round(t.DurationSeconds, 3));
        w.WriteNumber("steps", t.Steps);
        w.WriteNumber("walking_min", Math.Round(t.WalkingMinutes, 3));
        WriteNumber(w, "mean_cadence_spm", t.MeanCadenceSpm);
        w.WriteNumber("cues", t.Cues);
        w.WriteNumber("pain_markers", t.PainMarkers);
        WriteNumber(w, "first_pain_s", t.FirstPainSeconds);
        WriteNumber(w, "walking_min_before_pain", t.WalkingMinutesBeforePain);
        WriteNumber(w, "first_cue_s", t.FirstCueSeconds);
        w.WriteNumber("excessive_motion_s", Math.Round(t.ExcessiveMotionSeconds, 3));
        WriteNumber(w, "mean_speed_mps", d.MeanSpeedMps);
        WriteNumber(w, "mean_stride_length_m", d.MeanStrideLengthM);
        WriteNumber(w, "mean_step_time_cv_pct", d.MeanStepTimeCvPercent);
        w.WriteEndObject();
    }

    private static void WriteEpoch(Utf8JsonWriter w, SessionEpoch e)
    {
        w.WriteStartObject();
        w.WriteNumber("epoch", e.Index);
        w.WriteNumber("start_s", e.StartSeconds);
        w.WriteNumber("duration_s", e.DurationSeconds);
        w.WriteNumber("steps", e.Steps);
        w.WriteNumber("walking_s", Math.Round(e.WalkingSeconds, 3));
        WriteNumber(w, "cadence_spm", e.CadenceSpm);
        WriteNumber(w, "flexion_mean_deg", e.FlexionMeanDegrees);
        WriteNumber(w, "flexion_max_deg", e.FlexionMaxDegrees);
        WriteNumber(w, "lateral_bend_mean_deg", e.LateralBendMeanDegrees);
        WriteNumber(w, "lateral_bend_max_deg", e.LateralBendMaxDegrees);
        WriteNumber(w, "sway_ml_mean_deg", e.SwayMediolateralMeanDegrees);
        WriteNumber(w, "sway_ml_max_deg", e.SwayMediolateralMaxDegrees);
        WriteNumber(w, "sway_ap_mean_deg", e.SwayAnteroposteriorMeanDegrees);
        WriteNumber(w, "sway_ap_max_deg", e.SwayAnteroposteriorMaxDegrees);
        WriteNumber(w, "sway_rotation_mean_deg", e.SwayRotationMeanDegrees);
        WriteNumber(w, "sway_rotation_max_deg", e.SwayRotationMaxDegrees);
        w.WriteNumber("excessive_flexion_s", Math.Round(e.ExcessiveFlexionSeconds, 3));
        w.WriteNumber("excessive_lateral_s", Math.Round(e.ExcessiveLateralSeconds, 3));
        w.WriteNumber("excessive_sway_s", Math.Round(e.ExcessiveSwaySeconds, 3));
        w.WriteNumber("flexion_cues", e.FlexionCues);
        w.WriteNumber("lateral_cues", e.LateralCues);
        w.WriteNumber("sway_cues", e.SwayCues);
        w.WriteNumber("pain_markers", e.PainMarkers);
        if (e.BatteryPercent is int battery)
        {
            w.WriteNumber("battery_percent", battery);
        }
        else
        {
            w.WriteNull("battery_percent");
        }

        WriteNumber(w, "speed_mps", e.SpeedMps);
        WriteNumber(w, "stride_length_m", e.StrideLengthM);
        w.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter w, string name, double? value)
    {
        if (value is double v)
        {
            w.WriteNumber(name, Math.Round(v, 3));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WriteTime(Utf8JsonWriter w, string name, DateTimeOffset? time)
    {
        if (time is DateTimeOffset t)
        {
            w.WriteString(name, CsvText.Time(t));
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
