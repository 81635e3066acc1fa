using System.Globalization;
using LumbarBand.Core;
using LumbarBand.Core.Configuration;
using LumbarBand.Core.Cueing;
using LumbarBand.Core.Session;
using CoreHeader = LumbarBand.Core.Session.SessionHeader;

namespace LumbarBand.Host.Sessions;

/// <summary>
/// Core's decoded session (<see cref="SessionContent"/>, stored units) in the host's model (<see cref="DecodedSession"/>,
/// seconds and degrees).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Sway: the band stores three axes per epoch (mediolateral, anteroposterior, rotation), over straight strides
/// only (turning strides are counted apart on the band); the host keeps them apart, each with its mean and max: they
/// measure different things and are never merged into one "sway".</item>
/// <item>Events: the stored ones (pain markers, with the milliseconds walked before the press as their value; neutral
/// captures; any cue, excessive-motion or bout event a later firmware stores). The band counts cues per epoch and does
/// not store them one by one, so each counted cue becomes a cue event of its rule spread evenly over its epoch (the
/// session's first cue at its exact time, from the footer); their value (pattern level) is 0, unknown.</item>
/// <item>Excessive motion: seconds per rule per epoch, and the footer's total; the band stores no episode events.</item>
/// <item>Totals: the footer's (or Core's totals computed from the epochs when a power cut left none); the mean
/// cadence is the epochs' cadence weighted by their walking time.</item>
/// </list>
/// </remarks>
public static class SessionContentMapper
{
    private const double MillisPerSecond = 1000.0;
    private const double MillisPerMinute = 60_000.0;
    private const double CentiPerUnit = 100.0;

    /// <summary>Tenths per unit: cadence in 0.1 steps/min, variability and asymmetry in 0.1 %.</summary>
    private const double DeciPerUnit = 10.0;

    /// <summary>The host's model of <paramref name="content"/>, a session Core decoded.</summary>
    public static DecodedSession ToModel(SessionContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var footer = new SessionFooter();
        content.ComputeTotals(footer);
        SessionHeader header = Header(content);
        double duration = footer.DurationMs / MillisPerSecond;
        var epochs = new List<SessionEpoch>(content.EpochCount);
        for (int i = 0; i < content.EpochCount; i++)
        {
            epochs.Add(Epoch(content, i, header.EpochSeconds, duration));
        }

        var events = new List<SessionEvent>();
        for (int i = 0; i < content.EventCount; i++)
        {
            if (Event(content.Event(i)) is SessionEvent e)
            {
                events.Add(e);
            }
        }

        if (!events.Exists(e => e.Kind == SessionEventKind.Cue))
        {
            events.AddRange(CountedCues(epochs, footer));
        }

        events.Sort((a, b) => a.OffsetSeconds.CompareTo(b.OffsetSeconds));
        var bouts = new List<WalkingBout>(content.BoutCount);
        for (int i = 0; i < content.BoutCount; i++)
        {
            bouts.Add(Bout(content.Bout(i)));
        }

        bouts.Sort((a, b) => a.StartSeconds.CompareTo(b.StartSeconds));
        return new DecodedSession
        {
            Header = header,
            Epochs = epochs,
            Events = events,
            Totals = Totals(footer, epochs, events),
            Bouts = bouts,
        };
    }

    private static SessionHeader Header(SessionContent content)
    {
        CoreHeader h = content.Header;
        if (!content.HasHeader)
        {
            // Storage ran full right at its start: a start and an end record, nothing else.
            return new SessionHeader { SessionId = content.SessionId, EpochSeconds = new BandSettings().EpochSeconds };
        }

        return new SessionHeader
        {
            SessionId = h.SessionId,
            StartUtc = h.StartUtcSeconds == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(h.StartUtcSeconds),
            StartUptimeSeconds = h.StartUptimeSeconds,
            FirmwareVersion = string.Create(CultureInfo.InvariantCulture, $"{h.FirmwareMajor}.{h.FirmwareMinor}.{h.FirmwarePatch}"),
            EpochSeconds = h.EpochSeconds,
            FormatVersion = h.FormatVersion,
        };
    }

    private static SessionEpoch Epoch(SessionContent content, int position, int epochSeconds, double sessionSeconds)
    {
        EpochSummary e = content.Epoch(position);
        double start = content.EpochStartMs(position) / MillisPerSecond;
        double length = sessionSeconds > start ? Math.Min(epochSeconds, sessionSeconds - start) : epochSeconds;
        return new SessionEpoch
        {
            Index = e.Index,
            StartSeconds = start,
            DurationSeconds = length,
            Steps = e.Steps,
            WalkingSeconds = Seconds(e.WalkingUnits, epochSeconds),
            CadenceSpm = e.CadenceStepsPerMinute == SessionUnits.NoCadence ? null : e.CadenceStepsPerMinute,
            FlexionMeanDegrees = Angle(e.FlexionMeanDegrees),
            FlexionMaxDegrees = Angle(e.FlexionMaxDegrees),
            LateralBendMeanDegrees = Angle(e.LateralMeanDegrees),
            LateralBendMaxDegrees = Angle(e.LateralMaxDegrees),
            SwayMediolateralMeanDegrees = Sway(e.MediolateralMeanUnits),
            SwayMediolateralMaxDegrees = Sway(e.MediolateralMaxUnits),
            SwayAnteroposteriorMeanDegrees = Sway(e.AnteroposteriorMeanUnits),
            SwayAnteroposteriorMaxDegrees = Sway(e.AnteroposteriorMaxUnits),
            SwayRotationMeanDegrees = Sway(e.RotationMeanUnits),
            SwayRotationMaxDegrees = Sway(e.RotationMaxUnits),
            ExcessiveFlexionSeconds = Seconds(e.FlexionExcessUnits, epochSeconds),
            ExcessiveLateralSeconds = Seconds(e.LateralExcessUnits, epochSeconds),
            ExcessiveSwaySeconds = Seconds(e.SwayExcessUnits, epochSeconds),
            FlexionCues = e.FlexionCues,
            LateralCues = e.LateralCues,
            SwayCues = e.SwayCues,
            PainMarkers = e.PainMarkers,
            BatteryPercent = e.BatteryPercent == SessionUnits.UnknownBattery ? null : e.BatteryPercent,
            SpeedMps = Measured(e.SpeedMmPerS, MillisPerSecond),
            StrideLengthM = Measured(e.StrideLengthMm, MillisPerSecond),
        };
    }

    /// <summary>A bout record in seconds, m/s, m and %; 0 in a measured field is "not measured" (null).</summary>
    private static WalkingBout Bout(SessionBoutRecord b) => new()
    {
        StartSeconds = b.StartOffsetMs / MillisPerSecond,
        DurationSeconds = b.DurationMs / MillisPerSecond,
        Steps = b.Steps,
        CadenceSpm = Measured(b.CadenceDeciSpm, DeciPerUnit),
        SpeedMps = Measured(b.SpeedMmPerS, MillisPerSecond),
        StrideLengthM = Measured(b.StrideLengthMm, MillisPerSecond),
        StepTimeCvPercent = Measured(b.StepTimeCvPermille, DeciPerUnit),
        StrideTimeCvPercent = Measured(b.StrideTimeCvPermille, DeciPerUnit),
        StepTimeAsymmetryPercent = Measured(b.StepTimeAsymmetryPermille, DeciPerUnit),
        StrideRegularity = Measured(b.StrideRegularityPermille, MillisPerSecond),
        ExcessivePostureSeconds = b.ExcessivePostureSeconds,
        Cues = b.Cues,
    };

    /// <summary>A stored measure in its host unit; the band's 0 ("not measured") as null.</summary>
    private static double? Measured(int stored, double perUnit) => stored == 0 ? null : stored / perUnit;

    private static SessionEvent? Event(SessionEventRecord record)
    {
        double offset = record.OffsetMs / MillisPerSecond;
        return record.Kind switch
        {
            BandEventKind.PainMarker => new SessionEvent { OffsetSeconds = offset, Kind = SessionEventKind.PainMarker, Value = record.Value },
            BandEventKind.NeutralCaptured => new SessionEvent { OffsetSeconds = offset, Kind = SessionEventKind.Calibration },
            BandEventKind.Cue => new SessionEvent
            {
                OffsetSeconds = offset,
                Kind = SessionEventKind.Cue,
                Rule = CueEventValue.Rule(record.Value),
                Value = CueEventValue.Level(record.Value),
            },
            BandEventKind.ExcessiveMotionStart => new SessionEvent
            {
                OffsetSeconds = offset,
                Kind = SessionEventKind.ExcessiveMotionStart,
                Rule = ExcessiveMotionValue.Rule(record.Value),
            },
            BandEventKind.ExcessiveMotionEnd => new SessionEvent
            {
                OffsetSeconds = offset,
                Kind = SessionEventKind.ExcessiveMotionEnd,
                Rule = ExcessiveMotionValue.Rule(record.Value),
            },
            BandEventKind.BoutStart => new SessionEvent { OffsetSeconds = offset, Kind = SessionEventKind.WalkingStart },
            BandEventKind.BoutEnd => new SessionEvent { OffsetSeconds = offset, Kind = SessionEventKind.WalkingEnd, Value = record.Value },
            _ => null,
        };
    }

    /// <summary>One cue event per cue counted in the epochs, spread over its epoch; the first at the footer's time.</summary>
    private static List<SessionEvent> CountedCues(IReadOnlyList<SessionEpoch> epochs, SessionFooter footer)
    {
        var cues = new List<SessionEvent>();
        double? first = footer.FirstCueOffsetMs == SessionUnits.NotHappened ? null : footer.FirstCueOffsetMs / MillisPerSecond;
        foreach (SessionEpoch epoch in epochs)
        {
            var rules = new List<CueRule>();
            rules.AddRange(Enumerable.Repeat(CueRule.Flexion, epoch.FlexionCues));
            rules.AddRange(Enumerable.Repeat(CueRule.LateralLean, epoch.LateralCues));
            rules.AddRange(Enumerable.Repeat(CueRule.Sway, epoch.SwayCues));
            for (int j = 0; j < rules.Count; j++)
            {
                double at = epoch.StartSeconds + ((j + 0.5) * epoch.DurationSeconds / rules.Count);
                if (cues.Count == 0 && first is double exact && exact >= epoch.StartSeconds && exact < epoch.StartSeconds + epoch.DurationSeconds)
                {
                    at = exact;
                }

                cues.Add(new SessionEvent { OffsetSeconds = at, Kind = SessionEventKind.Cue, Rule = rules[j] });
            }
        }

        return cues;
    }

    private static SessionTotals Totals(SessionFooter footer, IReadOnlyList<SessionEpoch> epochs, IReadOnlyList<SessionEvent> events) => new()
    {
        DurationSeconds = footer.DurationMs / MillisPerSecond,
        Steps = (int)Math.Min(footer.Steps, int.MaxValue),
        WalkingMinutes = footer.WalkingMs / MillisPerMinute,
        MeanCadenceSpm = SessionTotals.Compute(epochs, events).MeanCadenceSpm,
        Cues = footer.Cues,
        PainMarkers = footer.PainMarkers,
        FirstPainSeconds = Happened(footer.FirstPainOffsetMs, MillisPerSecond),
        WalkingMinutesBeforePain = Happened(footer.WalkingMsBeforePain, MillisPerMinute),
        FirstCueSeconds = Happened(footer.FirstCueOffsetMs, MillisPerSecond),
        ExcessiveMotionSeconds = ((double)footer.FlexionExcessMs + footer.LateralExcessMs + footer.SwayExcessMs) / MillisPerSecond,
    };

    private static double? Happened(uint ms, double per) => ms == SessionUnits.NotHappened ? null : ms / per;

    private static double Seconds(int units, int epochSeconds) =>
        SessionUnits.TimeUnitsToMilliseconds(units, epochSeconds) / MillisPerSecond;

    private static double? Angle(int degrees) => degrees == SessionUnits.UnknownAngle ? null : degrees;

    private static double? Sway(int units) =>
        units == SessionUnits.UnknownSway ? null : units * SessionUnits.SwayUnitCentidegrees / CentiPerUnit;
}
