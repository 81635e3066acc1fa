using System.Globalization;
using System.Net;
using System.Text;
using LumbarBand.Host.Sessions;
using LumbarBand.Host.Store;

namespace LumbarBand.Host.Report;

/// <summary>
/// The report: one self-contained HTML file (inline CSS and SVG, no script, nothing fetched) with the trends across
/// sessions first (walking minutes before pain, cadence over weeks), then each session's summary and timeline
/// (cadence, flexion and lateral bend, sway, with cue and pain markers), newest first.
/// </summary>
public static class HtmlReport
{
    private const double ChartWidth = 1100;
    private const double PanelHeight = 170;
    private const double TrendHeight = 220;

    /// <summary>Writes the report of <paramref name="sessions"/> to <paramref name="path"/> (UTF-8).</summary>
    public static void Write(IReadOnlyList<StoredSession> sessions, string path, ReportOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(path, Render(sessions, options), new UTF8Encoding(false));
    }

    /// <summary>The report of <paramref name="sessions"/> as HTML.</summary>
    public static string Render(IReadOnlyList<StoredSession> sessions, ReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        options ??= new ReportOptions();
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append("<title>").Append(E(options.Title)).Append("</title>");
        html.Append("<style>").Append(Style).Append("</style></head><body>");
        html.Append("<h1>").Append(E(options.Title)).Append("</h1>");
        DateTimeOffset generated = options.GeneratedAt ?? DateTimeOffset.UtcNow;
        var clock = new ReportClock(options.TimeZone ?? TimeZoneInfo.Local);
        html.Append("<p class=\"meta\">").Append(E(Text($"{sessions.Count} session(s) · made {clock.DateTime(generated)} by lumbarband · times in {clock.ZoneName}"))).Append("</p>");
        if (sessions.Any(s => s.IsSimulated))
        {
            html.Append("<p class=\"simulated\">Contains simulated walks (a virtual band replaying a simulated wearer): not a person's data.</p>");
        }

        List<StoredSession> decoded = sessions.Where(s => s.Decoded is not null).ToList();
        AppendTrends(html, decoded, options, clock);
        WalkingOutcomeSections.AppendTrends(html, decoded, clock, options.IncludeCharts);
        TherapistSections.AppendDailyTotals(html, decoded, clock, options.IncludeCharts);
        TherapistSections.AppendPostureTrend(html, decoded, clock, options.IncludeCharts);
        PlanProgressionSection.Append(html, options.PlannedWalks, options.IncludeCharts, clock);
        html.Append("<h2>Sessions</h2>");
        if (sessions.Count == 0)
        {
            html.Append("<p>No sessions stored yet: run <code>lumbarband download</code> (or <code>lumbarband demo</code>).</p>");
        }

        int timelines = 0;
        foreach (StoredSession session in sessions.OrderByDescending(s => s.StartUtc ?? s.DownloadedUtc).ThenByDescending(s => s.SessionId))
        {
            AppendSession(html, session, options.IncludeCharts && timelines++ < options.MaxSessionTimelines, clock);
        }

        html.Append("</body></html>\n");
        return html.ToString();
    }

    private const string Style =
        "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px;color:#263238;max-width:1140px}"
        + "h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:28px 0 8px;border-bottom:1px solid #cfd8dc}"
        + "h3{font-size:16px;margin:22px 0 6px}.meta{color:#607d8b;margin:0 0 8px}"
        + ".simulated{background:#fff3e0;border:1px solid #ffb74d;padding:6px 10px;display:inline-block}"
        + ".badge{background:#ffe0b2;border-radius:3px;padding:1px 6px;font-size:12px;margin-left:6px;font-weight:normal}"
        + "table{border-collapse:collapse;margin:6px 0 8px;font-size:13px}td,th{border:1px solid #cfd8dc;padding:3px 8px;text-align:left}"
        + "th{background:#eceff1;font-weight:600}.chart{display:block;margin:4px 0;max-width:100%;height:auto}.note{color:#607d8b;font-size:13px}"
        + "caption{text-align:left;font-weight:600;padding:2px 0}.walknote{margin:4px 0;font-style:italic}"
        + ".settings ul{columns:4;font-size:11px;margin:4px 0;padding-left:18px}.settings summary{font-size:13px;cursor:pointer}"
        // Printed for a therapist's file: full width, no page break inside a table or chart, headings kept with what follows.
        + "@media print{body{margin:0;max-width:none;font-size:10pt}h2,h3{break-after:avoid}table,svg,.settings{break-inside:avoid}"
        + ".simulated,.badge{border:1px solid #000}a{color:inherit}}@page{margin:14mm}";

    private static void AppendTrends(StringBuilder html, List<StoredSession> sessions, ReportOptions options, ReportClock clock)
    {
        html.Append("<h2>Trends</h2>");
        if (sessions.Count == 0)
        {
            html.Append("<p class=\"note\">Trends appear once sessions are stored.</p>");
            return;
        }

        DateTimeOffset Day(StoredSession s) => HtmlReport.Day(s, clock);
        DateTimeOffset first = sessions.Min(Day);
        DateTimeOffset last = sessions.Max(Day);
        double span = Math.Max(1, (last - first).TotalDays);
        string DayLabel(double d) => first.AddDays(d).UtcDateTime.ToString("MMM d", CultureInfo.InvariantCulture);

        var walking = sessions.Select(s => (X: (Day(s) - first).TotalDays, Y: s.Decoded!.Totals.WalkingMinutes)).ToList();
        var beforePain = sessions.Where(s => s.Decoded!.Totals.WalkingMinutesBeforePain is not null)
            .Select(s => (X: (Day(s) - first).TotalDays, Y: s.Decoded!.Totals.WalkingMinutesBeforePain!.Value)).ToList();
        html.Append("<p class=\"note\">").Append(E(Text(
            $"Walking minutes before the first pain marker, per session ({beforePain.Count} of {sessions.Count} sessions had one); the pale bar is all the walking of that session."))).Append("</p>");
        if (options.IncludeCharts)
        {
            double top = SvgChart.NiceCeiling(Math.Max(1, walking.Max(w => w.Y)));
            var chart = new SvgChart(ChartWidth, TrendHeight, -0.7, span + 0.7, 0, top, "Walking minutes before pain (minutes)")
            {
                XLabel = DayLabel,
                XName = "date",
                MinXStep = 1,
            };
            double barWidth = Math.Min(0.8, Math.Max(0.15, span / Math.Max(8, sessions.Count * 2.5)));
            chart.AddBars(walking, barWidth, ChartColors.Walking, "walking in all");
            chart.AddBars(beforePain, barWidth * 0.6, ChartColors.BeforePain, "walking before pain");
            html.Append(chart.Render());
        }

        List<(DateTimeOffset Week, double Cadence, double Minutes)> weeks = WeeklyCadence(sessions, clock);
        html.Append("<p class=\"note\">Mean cadence while walking, per week (weighted by walking time).</p>");
        if (options.IncludeCharts)
        {
            DateTimeOffset firstWeek = weeks.Count > 0 ? weeks[0].Week : first;
            double weekSpan = weeks.Count > 0 ? Math.Max(7, (weeks[^1].Week - firstWeek).TotalDays) : 7;
            double maxCadence = weeks.Count > 0 ? weeks.Max(w => w.Cadence) : 120;
            double minCadence = weeks.Count > 0 ? weeks.Min(w => w.Cadence) : 80;
            var chart = new SvgChart(ChartWidth, TrendHeight, -1, weekSpan + 1, Math.Max(0, Math.Floor((minCadence - 15) / 10) * 10), SvgChart.NiceCeiling(maxCadence + 10), "Cadence over weeks (steps/min)")
            {
                XLabel = d => "wk " + firstWeek.AddDays(d).UtcDateTime.ToString("MMM d", CultureInfo.InvariantCulture),
                XName = "week starting",
                MinXStep = 7,
            };
            chart.AddLine(weeks.Select(w => ((w.Week - firstWeek).TotalDays, (double?)w.Cadence)).ToList(), ChartColors.Cadence, "weekly mean cadence");
            if (weeks.Count == 0)
            {
                chart.AddNote("no walking recorded yet");
            }

            html.Append(chart.Render());
        }

        html.Append("<table><tr><th>week starting</th><th>walking minutes</th><th>mean cadence (steps/min)</th></tr>");
        foreach ((DateTimeOffset week, double cadence, double minutes) in weeks)
        {
            html.Append(Text($"<tr><td>{week:yyyy-MM-dd}</td><td>{minutes:0.0}</td><td>{cadence:0.0}</td></tr>"));
        }

        html.Append("</table>");
    }

    private static List<(DateTimeOffset Week, double Cadence, double Minutes)> WeeklyCadence(List<StoredSession> sessions, ReportClock clock)
    {
        return sessions
            .Where(s => s.Decoded!.Totals.MeanCadenceSpm is not null && s.Decoded.Totals.WalkingMinutes > 0)
            .GroupBy(s => WeekStart(Day(s, clock)))
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                double minutes = g.Sum(s => s.Decoded!.Totals.WalkingMinutes);
                double cadence = g.Sum(s => s.Decoded!.Totals.MeanCadenceSpm!.Value * s.Decoded.Totals.WalkingMinutes) / minutes;
                return (g.Key, cadence, minutes);
            })
            .ToList();
    }

    /// <summary>The session's calendar day in the report's zone, as midnight of that date (offset 0, for day arithmetic).</summary>
    private static DateTimeOffset Day(StoredSession s, ReportClock clock) =>
        new(clock.Day(s.StartUtc ?? s.DownloadedUtc).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static DateTimeOffset WeekStart(DateTimeOffset day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private static void AppendSession(StringBuilder html, StoredSession s, bool charts, ReportClock clock)
    {
        string when = s.StartUtc is DateTimeOffset start ? clock.DateTime(start) + " " + clock.Offset(start) : "undated (the band's clock was not set)";
        html.Append("<h3>").Append(E(Text($"Session {s.Key} · {when}")));
        if (s.IsSimulated)
        {
            html.Append("<span class=\"badge\">simulated</span>");
        }

        html.Append("</h3><p class=\"note\">").Append(E(Text($"from {s.Source}; {s.Length} bytes, CRC-32 {s.Crc:x8}; decoder {s.Decoder ?? "none"}"))).Append("</p>");
        if (s.Decoded is not DecodedSession d)
        {
            html.Append("<p>").Append(E(s.DecodeError ?? "not decoded")).Append("</p>");
            return;
        }

        SessionTotals t = d.Totals;
        html.Append("<table><tr><th>duration</th><th>walking</th><th>steps</th><th>mean cadence</th><th>cues</th><th>pain markers</th><th>walking before pain</th><th>first cue</th><th>excessive motion</th></tr><tr>");
        html.Append(Text($"<td>{t.DurationSeconds / 60:0.0} min</td><td>{t.WalkingMinutes:0.0} min</td><td>{t.Steps}</td>"));
        html.Append("<td>").Append(t.MeanCadenceSpm is double c ? Text($"{c:0.0} steps/min") : "–").Append("</td>");
        html.Append(Text($"<td>{t.Cues}</td><td>{t.PainMarkers}</td>"));
        html.Append("<td>").Append(t.WalkingMinutesBeforePain is double p ? Text($"{p:0.0} min") : "no pain marker").Append("</td>");
        html.Append("<td>").Append(t.FirstCueSeconds is double f ? Text($"after {f / 60:0.0} min") : "none").Append("</td>");
        html.Append(Text($"<td>{t.ExcessiveMotionSeconds:0} s</td></tr></table>"));
        TherapistSections.AppendCuesByRule(html, d);
        TherapistSections.AppendBouts(html, s, d, clock);
        WalkingOutcomeSections.AppendWalk(html, s, d, clock);
        TherapistSections.AppendPainMarkers(html, s, d, clock);
        TherapistSections.AppendSettings(html, s);
        if (charts)
        {
            AppendTimeline(html, s, d);
        }
    }

    private static void AppendTimeline(StringBuilder html, StoredSession s, DecodedSession d)
    {
        double minutes = Math.Max(d.Totals.DurationSeconds, d.Epochs.Count == 0 ? 60 : d.Epochs.Max(e => e.StartSeconds + e.DurationSeconds)) / 60.0;
        double Mid(SessionEpoch e) => (e.StartSeconds + (e.DurationSeconds / 2)) / 60.0;
        Action<SvgChart> markers = TimelineMarkers(s, d);

        var cadence = d.Epochs.Select(e => (Mid(e), e.CadenceSpm)).ToList();
        double cadenceTop = SvgChart.NiceCeiling(Math.Max(60, cadence.Max(p => p.CadenceSpm ?? 0) + 10));
        html.Append(Panel("Cadence", "steps/min", minutes, 0, cadenceTop, markers, chart =>
        {
            chart.AddLine(cadence, ChartColors.Cadence, "cadence");
            return cadence.Any(p => p.CadenceSpm is not null) ? null : "no walking recorded";
        }));

        var flexion = d.Epochs.Select(e => (Mid(e), e.FlexionMeanDegrees)).ToList();
        var flexionMax = d.Epochs.Select(e => (Mid(e), e.FlexionMaxDegrees)).ToList();
        var lateral = d.Epochs.Select(e => (Mid(e), e.LateralBendMeanDegrees)).ToList();
        double angleTop = SvgChart.NiceCeiling(Math.Max(10, flexionMax.Concat(flexion).Concat(lateral).Max(p => Math.Abs(p.Item2 ?? 0)) + 2));
        html.Append(Panel("Flexion and lateral bend", "degrees", minutes, -angleTop / 2, angleTop, markers, chart =>
        {
            chart.AddLine(flexion, ChartColors.Flexion, "flexion (mean)");
            chart.AddLine(flexionMax, ChartColors.Flexion, "flexion (max)", dashed: true);
            chart.AddLine(lateral, ChartColors.LateralBend, "lateral bend (mean)");
            return flexion.Any(p => p.Item2 is not null) ? null : "posture not recorded by this firmware";
        }));

        // The three axes apart: they measure different motions (side to side, forward and back, twist), over straight
        // strides only (the band counts turning strides apart).
        var mediolateral = d.Epochs.Select(e => (Mid(e), e.SwayMediolateralMeanDegrees)).ToList();
        var anteroposterior = d.Epochs.Select(e => (Mid(e), e.SwayAnteroposteriorMeanDegrees)).ToList();
        var rotation = d.Epochs.Select(e => (Mid(e), e.SwayRotationMeanDegrees)).ToList();
        double swayTop = SvgChart.NiceCeiling(Math.Max(5, mediolateral.Concat(anteroposterior).Concat(rotation).Max(p => p.Item2 ?? 0) + 1));
        html.Append(Panel("Sway per stride", "degrees", minutes, 0, swayTop, markers, chart =>
        {
            chart.AddLine(mediolateral, ChartColors.SwayMediolateral, "mediolateral (mean)");
            chart.AddLine(anteroposterior, ChartColors.SwayAnteroposterior, "anteroposterior (mean)");
            chart.AddLine(rotation, ChartColors.SwayRotation, "rotation (mean)");
            return mediolateral.Any(p => p.Item2 is not null) ? null : "sway not recorded by this firmware";
        }));
    }

    /// <summary>One timeline panel: its series (drawn by <paramref name="draw"/>, which returns a note or null), cues and pain markers.</summary>
    private static string Panel(string title, string unit, double minutes, double yMin, double yMax, Action<SvgChart> markers, Func<SvgChart, string?> draw)
    {
        var chart = new SvgChart(ChartWidth, PanelHeight, 0, minutes, yMin, yMax, title + " (" + unit + ")")
        {
            XName = "minutes from the start",
        };
        string? note = draw(chart);
        markers(chart);
        if (note is not null)
        {
            chart.AddNote(note);
        }

        return chart.Render();
    }

    /// <summary>
    /// Draws a session's pain markers (each with the intensity given to it, e.g. "6/10") and its cues, one marker set per
    /// rule tagged with the rule's letter (F flexion, L lateral bend, S sway).
    /// </summary>
    private static Action<SvgChart> TimelineMarkers(StoredSession s, DecodedSession d)
    {
        List<double> pains = d.Events.Where(e => e.Kind == SessionEventKind.PainMarker).Select(e => e.OffsetSeconds / 60.0).ToList();
        List<string> painTags = pains.Select((_, i) => TherapistSections.PainNote(s, i + 1)?.Pain is int p ? Text($"{p}/10") : "").ToList();
        var cueRules = d.Events.Where(e => e.Kind == SessionEventKind.Cue).GroupBy(e => e.Rule).OrderBy(g => g.Key)
            .Select(g => (Name: TherapistSections.RuleName(g.Key), Minutes: g.Select(e => e.OffsetSeconds / 60.0).ToList())).ToList();
        return chart =>
        {
            chart.AddVerticalMarkers(pains, ChartColors.Pain, "pain marker", painTags);
            foreach ((string name, List<double> minutes) in cueRules)
            {
                string tag = name[..1].ToUpperInvariant();
                chart.AddTopMarkers(minutes, ChartColors.Cue, Text($"cue: {name} ({tag})"), tag);
            }
        };
    }

    /// <summary>HTML-encodes text.</summary>
    internal static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>Formats in the invariant culture.</summary>
    internal static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
