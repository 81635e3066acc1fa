using System.Globalization;
using System.Text;
using LumbarBand.Core.Cueing;
using LumbarBand.Host.Sessions;
using LumbarBand.Host.Store;

namespace LumbarBand.Host.Report;

/// <summary>
/// The parts of the report a therapist reads beside the charts: daily totals and posture across walks (trends), and
/// per walk its walking bouts, cues by rule, pain markers with the intensity and note added to them, and the band's
/// settings in force. Times are in the report's time zone (<see cref="ReportClock"/>).
/// </summary>
internal static class TherapistSections
{
    private const double ChartWidth = 1100;
    private const double ChartHeight = 200;
    private const double SecondsPerHour = 3600;

    /// <summary>Steps, walking minutes, cues and pain markers per local day, as a table and a chart of steps.</summary>
    public static void AppendDailyTotals(StringBuilder html, List<StoredSession> sessions, ReportClock clock, bool charts)
    {
        var days = sessions.GroupBy(s => clock.Day(s.StartUtc ?? s.DownloadedUtc)).OrderBy(g => g.Key).Select(g => (
            Day: g.Key,
            Walks: g.Count(),
            Steps: g.Sum(s => s.Decoded!.Totals.Steps),
            Minutes: g.Sum(s => s.Decoded!.Totals.WalkingMinutes),
            Cues: g.Sum(s => s.Decoded!.Totals.Cues),
            Pain: g.Sum(s => s.Decoded!.Totals.PainMarkers))).ToList();
        html.Append("<h3>Daily totals</h3>");
        if (charts && days.Count > 0)
        {
            DateOnly first = days[0].Day;
            double span = days[^1].Day.DayNumber - first.DayNumber;
            var chart = new SvgChart(ChartWidth, ChartHeight, -0.7, span + 0.7, 0, SvgChart.NiceCeiling(Math.Max(100, days.Max(d => d.Steps))), "Steps per day")
            {
                XLabel = d => first.AddDays((int)Math.Round(d)).ToString("MMM d", CultureInfo.InvariantCulture),
                XName = "date (" + clock.ZoneName + ")",
                MinXStep = 1,
            };
            chart.AddBars(days.Select(d => ((double)(d.Day.DayNumber - first.DayNumber), (double)d.Steps)).ToList(), 0.6, ChartColors.DailySteps, "steps");
            html.Append(chart.Render());
        }

        html.Append("<table class=\"daily\"><tr><th>day</th><th>walks</th><th>steps</th><th>walking minutes</th><th>cues</th><th>pain markers</th></tr>");
        foreach (var d in days)
        {
            html.Append(HtmlReport.Text($"<tr><td>{d.Day:yyyy-MM-dd ddd}</td><td>{d.Walks}</td><td>{d.Steps}</td><td>{d.Minutes:0.0}</td><td>{d.Cues}</td><td>{d.Pain}</td></tr>"));
        }

        html.Append("</table>");
    }

    /// <summary>Per walk: the share of walking spent in excessive posture and the cues per walking hour.</summary>
    public static void AppendPostureTrend(StringBuilder html, List<StoredSession> sessions, ReportClock clock, bool charts)
    {
        var walks = sessions.OrderBy(s => s.StartUtc ?? s.DownloadedUtc).Select(s =>
        {
            SessionTotals t = s.Decoded!.Totals;
            double walkingHours = t.WalkingMinutes / 60;
            double excessive = s.Decoded.Epochs.Sum(e => e.ExcessiveFlexionSeconds + e.ExcessiveLateralSeconds);
            return (Session: s, Excessive: excessive,
                Share: t.WalkingMinutes > 0 ? (double?)(100 * excessive / (t.WalkingMinutes * 60)) : null,
                CuesPerHour: walkingHours > 0 ? (double?)(t.Cues / walkingHours) : null);
        }).ToList();
        html.Append("<h3>Posture across walks</h3><p class=\"note\">Time in excessive flexion or lateral bend (beyond the thresholds in force, for longer than their dwell) while walking, turns and what follows a walk's last step left out, as a share of walking time, and cues per hour of walking, walk by walk.</p>");
        if (charts && walks.Count > 0)
        {
            var share = walks.Select((w, i) => ((double)i + 1, w.Share)).ToList();
            var rate = walks.Select((w, i) => ((double)i + 1, w.CuesPerHour)).ToList();
            double top = SvgChart.NiceCeiling(Math.Max(10, walks.Max(w => Math.Max(w.Share ?? 0, w.CuesPerHour ?? 0))));
            var chart = new SvgChart(ChartWidth, ChartHeight, 0.5, walks.Count + 0.5, 0, top, "Excessive posture (% of walking) and cues per walking hour")
            {
                XLabel = x => "walk " + x.ToString("0", CultureInfo.InvariantCulture),
                XName = "walks, oldest first",
                MinXStep = 1,
            };
            chart.AddLine(share, ChartColors.ExcessivePosture, "excessive posture, % of walking");
            chart.AddLine(rate, ChartColors.CueRate, "cues per walking hour", dashed: true);
            html.Append(chart.Render());
        }

        html.Append("<table class=\"posture\"><tr><th>walk</th><th>start</th><th>walking minutes</th><th>excessive posture</th><th>% of walking</th><th>cues</th><th>cues per walking hour</th></tr>");
        for (int i = 0; i < walks.Count; i++)
        {
            var w = walks[i];
            SessionTotals t = w.Session.Decoded!.Totals;
            html.Append(HtmlReport.Text($"<tr><td>{i + 1}</td><td>{clock.DateTime(w.Session.StartUtc ?? w.Session.DownloadedUtc)}</td><td>{t.WalkingMinutes:0.0}</td><td>{w.Excessive:0} s</td><td>{Maybe(w.Share, "0.0")}</td><td>{t.Cues}</td><td>{Maybe(w.CuesPerHour, "0.0")}</td></tr>"));
        }

        html.Append("</table>");
    }

    /// <summary>The walking bouts of one walk: when each began (local time and minutes in), how long, its cues and pain markers.</summary>
    public static void AppendBouts(StringBuilder html, StoredSession s, DecodedSession d, ReportClock clock)
    {
        var bouts = new List<(double Start, double End)>();
        double? open = null;
        foreach (SessionEvent e in d.Events)
        {
            if (e.Kind == SessionEventKind.WalkingStart)
            {
                open ??= e.OffsetSeconds;
            }
            else if (e.Kind == SessionEventKind.WalkingEnd && open is double start)
            {
                bouts.Add((start, e.OffsetSeconds));
                open = null;
            }
        }

        if (open is double last)
        {
            bouts.Add((last, Math.Max(last, d.Totals.DurationSeconds)));
        }

        string source = "from the band's bout events";
        if (bouts.Count == 0)
        {
            // Firmware that records no bout events: runs of epochs with walking in them, at the epoch's resolution.
            source = HtmlReport.Text($"from the {d.Header.EpochSeconds} s summaries: runs of them with walking (this session records no bout events)");
            bouts = EpochRuns(d);
        }

        html.Append("<table class=\"bouts\"><caption>Walking bouts <span class=\"note\">(").Append(HtmlReport.E(source)).Append(")</span></caption><tr><th>bout</th><th>start</th><th>minutes in</th><th>duration</th><th>walking</th><th>steps</th><th>cues</th><th>pain markers</th></tr>");
        if (bouts.Count == 0)
        {
            html.Append("<tr><td colspan=\"8\">no walking recorded</td></tr>");
        }

        for (int i = 0; i < bouts.Count; i++)
        {
            (double start, double end) = bouts[i];
            int cues = d.Events.Count(e => e.Kind == SessionEventKind.Cue && e.OffsetSeconds >= start && e.OffsetSeconds <= end);
            int pain = d.Events.Count(e => e.Kind == SessionEventKind.PainMarker && e.OffsetSeconds >= start && e.OffsetSeconds <= end);
            string at = s.StartUtc is DateTimeOffset t0 ? clock.Time(t0.AddSeconds(start)) : "–";
            List<SessionEpoch> inside = d.Epochs.Where(e => e.StartSeconds >= start - 0.5 && e.StartSeconds < end).ToList();
            html.Append(HtmlReport.Text($"<tr><td>{i + 1}</td><td>{at}</td><td>{start / 60:0.0}</td><td>{Duration(end - start)}</td><td>{Duration(inside.Sum(e => e.WalkingSeconds))}</td><td>{inside.Sum(e => e.Steps)}</td><td>{cues}</td><td>{pain}</td></tr>"));
        }

        html.Append("</table>");
    }

    private static List<(double Start, double End)> EpochRuns(DecodedSession d)
    {
        var runs = new List<(double Start, double End)>();
        foreach (SessionEpoch e in d.Epochs)
        {
            if (e.WalkingSeconds <= 0)
            {
                continue;
            }

            if (runs.Count > 0 && Math.Abs(runs[^1].End - e.StartSeconds) < 0.5)
            {
                runs[^1] = (runs[^1].Start, e.StartSeconds + e.DurationSeconds);
            }
            else
            {
                runs.Add((e.StartSeconds, e.StartSeconds + e.DurationSeconds));
            }
        }

        return runs;
    }

    /// <summary>How many cues each rule gave in one walk, and when the first came.</summary>
    public static void AppendCuesByRule(StringBuilder html, DecodedSession d)
    {
        html.Append("<table class=\"cues\"><caption>Cues by rule</caption><tr><th>rule</th><th>cues</th><th>first after</th></tr>");
        foreach (CueRule rule in new[] { CueRule.Flexion, CueRule.LateralLean, CueRule.Sway })
        {
            List<SessionEvent> cues = d.Events.Where(e => e.Kind == SessionEventKind.Cue && e.Rule == rule).ToList();
            string first = cues.Count > 0 ? HtmlReport.Text($"{cues[0].OffsetSeconds / 60:0.0} min") : "–";
            html.Append(HtmlReport.Text($"<tr><td>{RuleName(rule)}</td><td>{cues.Count}</td><td>{first}</td></tr>"));
        }

        html.Append("</table>");
    }

    /// <summary>Each pain marker with when it came and the intensity and note added to it; notes on the whole walk.</summary>
    public static void AppendPainMarkers(StringBuilder html, StoredSession s, DecodedSession d, ReportClock clock)
    {
        List<SessionEvent> markers = d.Events.Where(e => e.Kind == SessionEventKind.PainMarker).ToList();
        foreach (SessionAnnotation walkNote in s.Annotations.Where(a => a.Marker is null))
        {
            html.Append("<p class=\"walknote\">").Append(HtmlReport.E(Annotation(walkNote))).Append("</p>");
        }

        if (markers.Count == 0)
        {
            return;
        }

        html.Append("<table class=\"pain\"><caption>Pain markers</caption><tr><th>marker</th><th>time</th><th>minutes in</th><th>intensity (0–10)</th><th>note</th></tr>");
        for (int i = 0; i < markers.Count; i++)
        {
            SessionAnnotation? a = PainNote(s, i + 1);
            string at = s.StartUtc is DateTimeOffset t0 ? clock.Time(t0.AddSeconds(markers[i].OffsetSeconds)) : "–";
            html.Append(HtmlReport.Text($"<tr><td>{i + 1}</td><td>{at}</td><td>{markers[i].OffsetSeconds / 60:0.0}</td><td>{(a?.Pain is int p ? p.ToString(CultureInfo.InvariantCulture) : "not given")}</td><td>"));
            html.Append(HtmlReport.E(a?.Note ?? "")).Append("</td></tr>");
        }

        html.Append("</table>");
    }

    /// <summary>The band's settings when the walk started; those changed from Core's default in bold.</summary>
    public static void AppendSettings(StringBuilder html, StoredSession s)
    {
        if (s.Settings.Count == 0)
        {
            html.Append("<p class=\"note\">Settings in force: not recorded in this session.</p>");
            return;
        }

        int changed = s.Settings.Count(x => x.Value != x.Default);
        html.Append(HtmlReport.Text($"<details class=\"settings\" open><summary>Settings in force ({changed} changed from the default, in bold)</summary><ul>"));
        foreach (SettingInForce x in s.Settings)
        {
            string item = HtmlReport.E(HtmlReport.Text($"{x.Name} = {x.Value} {x.Unit}"));
            html.Append(x.Value != x.Default ? "<li><b>" + item + "</b></li>" : "<li>" + item + "</li>");
        }

        html.Append("</ul></details>");
    }

    /// <summary>The annotation of pain marker <paramref name="marker"/> (1-based), the latest when there are several.</summary>
    public static SessionAnnotation? PainNote(StoredSession s, int marker) => s.Annotations.LastOrDefault(a => a.Marker == marker);

    /// <summary>A rule as a therapist names it.</summary>
    public static string RuleName(CueRule rule) => rule switch
    {
        CueRule.Flexion => "flexion",
        CueRule.LateralLean => "lateral bend",
        CueRule.Sway => "sway",
        _ => "other",
    };

    private static string Annotation(SessionAnnotation a) =>
        "Note on the walk: " + (a.Pain is int p ? HtmlReport.Text($"pain {p}/10") + (a.Note is null ? "" : "; ") : "") + (a.Note ?? "");

    private static string Maybe(double? value, string format) => value is double v ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    private static string Duration(double seconds) => seconds >= 60 ? HtmlReport.Text($"{seconds / 60:0.0} min") : HtmlReport.Text($"{seconds:0} s");
}
