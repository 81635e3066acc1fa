using LumbarBand.Host.Sessions;
using LumbarBand.Host.Store;

namespace LumbarBand.Host.Export;

/// <summary>
/// Writes stored sessions as CSV: one file with a row per epoch, one with a row per event, one with a row per walking
/// bout. Columns are named in snake_case with their unit; unknown values are empty; numbers use a dot. Speed, stride
/// length and rhythm are empty where the band did not measure them; a session recorded by a firmware that does not
/// measure them (session format before 4) has no bout rows, and its epochs say so in <c>walking_outcomes_measured</c>.
/// </summary>
public static class CsvExporter
{
    /// <summary>Header of the epochs file.</summary>
    public const string EpochHeader =
        "device_id,session_id,session_start_utc,epoch,start_s,duration_s,steps,walking_s,cadence_spm,"
        + "flexion_mean_deg,flexion_max_deg,lateral_bend_mean_deg,lateral_bend_max_deg,sway_ml_mean_deg,sway_ml_max_deg,sway_ap_mean_deg,sway_ap_max_deg,sway_rotation_mean_deg,sway_rotation_max_deg,"
        + "excessive_flexion_s,excessive_lateral_s,excessive_sway_s,flexion_cues,lateral_cues,sway_cues,pain_markers,battery_percent,"
        + "speed_mps,stride_length_m,walking_outcomes_measured";

    /// <summary>Header of the walking bouts file (session format 4 on).</summary>
    public const string BoutHeader =
        "device_id,session_id,session_start_utc,simulated,bout,start_s,duration_s,steps,cadence_spm,speed_mps,stride_length_m,"
        + "step_time_cv_pct,stride_time_cv_pct,step_time_asymmetry_pct,stride_regularity,excessive_posture_s,cues";

    /// <summary>Header of the events file.</summary>
    public const string EventHeader = "device_id,session_id,session_start_utc,offset_s,time_utc,kind,rule,value";

    /// <summary>One row per epoch of every decoded session.</summary>
    public static void WriteEpochs(IEnumerable<StoredSession> sessions, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(EpochHeader);
        foreach (StoredSession s in sessions)
        {
            if (s.Decoded is not DecodedSession d)
            {
                continue;
            }

            foreach (SessionEpoch e in d.Epochs)
            {
                writer.WriteLine(string.Join(',',
                    CsvText.Field(s.DeviceId), CsvText.Integer(s.SessionId), CsvText.Time(s.StartUtc), CsvText.Integer(e.Index),
                    CsvText.Number(e.StartSeconds), CsvText.Number(e.DurationSeconds), CsvText.Integer(e.Steps), CsvText.Number(e.WalkingSeconds),
                    CsvText.Number(e.CadenceSpm, 2), CsvText.Number(e.FlexionMeanDegrees, 2), CsvText.Number(e.FlexionMaxDegrees, 2),
                    CsvText.Number(e.LateralBendMeanDegrees, 2), CsvText.Number(e.LateralBendMaxDegrees, 2),
                    CsvText.Number(e.SwayMediolateralMeanDegrees, 2), CsvText.Number(e.SwayMediolateralMaxDegrees, 2),
                    CsvText.Number(e.SwayAnteroposteriorMeanDegrees, 2), CsvText.Number(e.SwayAnteroposteriorMaxDegrees, 2),
                    CsvText.Number(e.SwayRotationMeanDegrees, 2), CsvText.Number(e.SwayRotationMaxDegrees, 2),
                    CsvText.Number(e.ExcessiveFlexionSeconds), CsvText.Number(e.ExcessiveLateralSeconds), CsvText.Number(e.ExcessiveSwaySeconds),
                    CsvText.Integer(e.FlexionCues), CsvText.Integer(e.LateralCues), CsvText.Integer(e.SwayCues), CsvText.Integer(e.PainMarkers),
                    CsvText.Optional(e.BatteryPercent), CsvText.Number(e.SpeedMps), CsvText.Number(e.StrideLengthM),
                    d.MeasuresWalkingOutcomes ? "1" : "0"));
            }
        }
    }

    /// <summary>One row per walking bout of every decoded session (sessions of format 4 on: the others have none).</summary>
    public static void WriteBouts(IEnumerable<StoredSession> sessions, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(BoutHeader);
        foreach (StoredSession s in sessions)
        {
            if (s.Decoded is not DecodedSession d)
            {
                continue;
            }

            for (int i = 0; i < d.Bouts.Count; i++)
            {
                WalkingBout b = d.Bouts[i];
                writer.WriteLine(string.Join(',',
                    CsvText.Field(s.DeviceId), CsvText.Integer(s.SessionId), CsvText.Time(s.StartUtc), s.IsSimulated ? "1" : "0", CsvText.Integer(i + 1),
                    CsvText.Number(b.StartSeconds), CsvText.Number(b.DurationSeconds), CsvText.Integer(b.Steps), CsvText.Number(b.CadenceSpm, 1),
                    CsvText.Number(b.SpeedMps), CsvText.Number(b.StrideLengthM), CsvText.Number(b.StepTimeCvPercent, 1),
                    CsvText.Number(b.StrideTimeCvPercent, 1), CsvText.Number(b.StepTimeAsymmetryPercent, 1), CsvText.Number(b.StrideRegularity),
                    CsvText.Number(b.ExcessivePostureSeconds), CsvText.Integer(b.Cues)));
            }
        }
    }

    /// <summary>One row per event of every decoded session, with its wall-clock time when the session is dated.</summary>
    public static void WriteEvents(IEnumerable<StoredSession> sessions, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(EventHeader);
        foreach (StoredSession s in sessions)
        {
            if (s.Decoded is not DecodedSession d)
            {
                continue;
            }

            foreach (SessionEvent e in d.Events)
            {
                DateTimeOffset? at = s.StartUtc?.AddSeconds(e.OffsetSeconds);
                writer.WriteLine(string.Join(',',
                    CsvText.Field(s.DeviceId), CsvText.Integer(s.SessionId), CsvText.Time(s.StartUtc), CsvText.Number(e.OffsetSeconds),
                    CsvText.Time(at), ExportNames.Kind(e.Kind), ExportNames.Rule(e.Rule), CsvText.Integer(e.Value)));
            }
        }
    }
}
