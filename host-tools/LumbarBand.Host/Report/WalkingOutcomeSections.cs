using System.Globalization;
using System.Text;
using LumbarBand.Host.Sessions;
using LumbarBand.Host.Store;

namespace LumbarBand.Host.Report;

/// <summary>
/// The walk's own outcomes in the report — walking speed, stride length and rhythm (session format 4 on): per walk, a
/// table of its bouts with the walk's means; across walks, speed and stride length per week beside the walking minutes
/// before the first pain marker, so a wearer sees whether slow walking goes with pain. Sessions recorded by a firmware
/// that does not measure them say "not measured by this firmware", never 0.
/// </summary>
internal static class WalkingOutcomeSections
{
    /// <summary>What the report says where the recording firmware does not measure speed, stride length and rhythm.</summary>
    public const string NotMeasuredByFirmware = "not measured by this firmware";

    /// <summary>What a cell says where the band had too few usable steps in a bout to measure the value.</summary>
    public const string NotMeasured = "not measured";

    private const double ChartWidth = 1100;
    private const double ChartHeight = 200;
    private const double DaysPerWeek = 7;

    /// <summary>Speed and stride length per week beside the walking minutes before pain, as charts and a table.</summary>
    public static void AppendTrends(StringBuilder html, List<StoredSession> sessions, ReportClock clock, bool charts)
    {
        if (sessions.Count == 0)
        {
            return;
        }

        html.Append("<h3>Walking speed and stride length over weeks</h3>");
        List<StoredSession> measured = sessions.Where(s => s.Decoded!.MeasuresWalkingOutcomes).ToList();
        int older = sessions.Count - measured.Count;
        if (measured.Count == 0)
        {
            html.Append("<p class=\"note gait\">").Append(HtmlReport.E(Text(
                $"Walking speed, stride length and rhythm: {NotMeasuredByFirmware} (none of the {sessions.Count} walks comes from a band that measures them)."))).Append("</p>");
            return;
        }

        html.Append("<p class=\"note\">").Append(HtmlReport.E(Text(
            $"Per week: speed and stride length (step-weighted over the week's walking bouts) beside the walking minutes before the first pain marker (mean of the week's walks that had one), to see whether slow walking goes with pain."))).Append("</p>");
        if (older > 0)
        {
            html.Append("<p class=\"note gait\">").Append(HtmlReport.E(Text(
                $"{older} of {sessions.Count} walks come from a firmware that does not measure speed: {NotMeasuredByFirmware}, left out of these means."))).Append("</p>");
        }

        if (measured.Any(s => s.IsSimulated))
        {
            html.Append("<p class=\"simulated\">Includes simulated walks (a virtual band replaying a simulated wearer): their speeds are not a person's.</p>");
        }

        List<Week> weeks = Weeks(sessions, clock);
        if (charts)
        {
            AppendWeeklyCharts(html, weeks);
        }

        html.Append("<table class=\"gait-weeks\"><tr><th>week starting</th><th>walks</th><th>walking minutes</th><th>mean speed (m/s)</th><th>mean stride length (m)</th><th>step-time CV (%)</th><th>walks with pain</th><th>walking minutes before pain (mean)</th></tr>");
        foreach (Week w in weeks)
        {
            html.Append(Text($"<tr><td>{w.Start:yyyy-MM-dd}</td><td>{w.Walks}</td><td>{w.Minutes:0.0}</td>"));
            if (w.Measured == 0)
            {
                html.Append("<td colspan=\"3\">").Append(NotMeasuredByFirmware).Append("</td>");
            }
            else
            {
                html.Append("<td>").Append(Cell(w.SpeedMps, "0.00")).Append("</td><td>").Append(Cell(w.StrideLengthM, "0.00"))
                    .Append("</td><td>").Append(Cell(w.StepTimeCvPercent, "0.0")).Append("</td>");
            }

            html.Append(Text($"<td>{w.WalksWithPain}</td><td>{(w.MinutesBeforePain is double p ? p.ToString("0.0", CultureInfo.InvariantCulture) : "no pain marker")}</td></tr>"));
        }

        html.Append("</table>");
        AppendSlowWalkingAndPain(html, measured);
    }

    /// <summary>
    /// The bouts of one walk with their speed, stride length and rhythm, and the walk's means; for an older firmware,
    /// the note that it does not measure them.
    /// </summary>
    public static void AppendWalk(StringBuilder html, StoredSession s, DecodedSession d, ReportClock clock)
    {
        if (!d.MeasuresWalkingOutcomes)
        {
            string format = d.Header.FormatVersion > 0 ? Text($" (session format {d.Header.FormatVersion})") : "";
            html.Append("<p class=\"note gait\">").Append(HtmlReport.E($"Speed, stride length and rhythm: {NotMeasuredByFirmware}{format}.")).Append("</p>");
            return;
        }

        html.Append("<table class=\"gait\"><caption>Speed, stride length and rhythm per bout <span class=\"note\">(the band's bout records");
        html.Append(s.IsSimulated ? "; simulated walk" : "").Append(")</span></caption>");
        html.Append("<tr><th>bout</th><th>start</th><th>minutes in</th><th>duration</th><th>steps</th><th>cadence (steps/min)</th><th>speed (m/s)</th><th>stride length (m)</th>");
        html.Append("<th>step-time CV (%)</th><th>stride-time CV (%)</th><th>step-time asymmetry (%)</th><th>stride regularity</th><th>excessive posture</th><th>cues</th></tr>");
        if (d.Bouts.Count == 0)
        {
            html.Append("<tr><td colspan=\"14\">no walking bout ended in this session</td></tr></table>");
            return;
        }

        for (int i = 0; i < d.Bouts.Count; i++)
        {
            WalkingBout b = d.Bouts[i];
            string at = s.StartUtc is DateTimeOffset t0 ? clock.Time(t0.AddSeconds(b.StartSeconds)) : "–";
            html.Append(Text($"<tr><td>{i + 1}</td><td>{at}</td><td>{b.StartSeconds / 60:0.0}</td><td>{Duration(b.DurationSeconds)}</td><td>{b.Steps}</td>"));
            AppendMeasures(html, b.CadenceSpm, b.SpeedMps, b.StrideLengthM, b.StepTimeCvPercent, b.StrideTimeCvPercent, b.StepTimeAsymmetryPercent, b.StrideRegularity);
            html.Append(Text($"<td>{b.ExcessivePostureSeconds:0} s</td><td>{b.Cues}</td></tr>"));
        }

        IReadOnlyList<WalkingBout> bouts = d.Bouts;
        html.Append(Text($"<tr class=\"walk\"><th>walk</th><td></td><td></td><td>{Duration(bouts.Sum(b => b.DurationSeconds))}</td><td>{bouts.Sum(b => b.Steps)}</td>"));
        AppendMeasures(
            html, WalkingBout.StepWeightedMean(bouts, b => b.CadenceSpm), d.MeanSpeedMps, d.MeanStrideLengthM, d.MeanStepTimeCvPercent,
            WalkingBout.StepWeightedMean(bouts, b => b.StrideTimeCvPercent), WalkingBout.StepWeightedMean(bouts, b => b.StepTimeAsymmetryPercent),
            WalkingBout.StepWeightedMean(bouts, b => b.StrideRegularity));
        html.Append(Text($"<td>{bouts.Sum(b => b.ExcessivePostureSeconds):0} s</td><td>{bouts.Sum(b => b.Cues)}</td></tr></table>"));
    }

    private static void AppendMeasures(
        StringBuilder html, double? cadence, double? speed, double? stride, double? stepCv, double? strideCv, double? asymmetry, double? regularity)
    {
        foreach ((double? value, string format) in new[] { (cadence, "0.0"), (speed, "0.00"), (stride, "0.00"), (stepCv, "0.0"), (strideCv, "0.0"), (asymmetry, "0.0"), (regularity, "0.00") })
        {
            html.Append("<td>").Append(Cell(value, format)).Append("</td>");
        }
    }

    private static void AppendWeeklyCharts(StringBuilder html, List<Week> weeks)
    {
        DateTimeOffset first = weeks[0].Start;
        double span = Math.Max(DaysPerWeek, (weeks[^1].Start - first).TotalDays);
        string Label(double d) => "wk " + first.AddDays(d).UtcDateTime.ToString("MMM d", CultureInfo.InvariantCulture);
        double X(Week w) => (w.Start - first).TotalDays;

        double top = SvgChart.NiceCeiling(Math.Max(1.5, weeks.Max(w => Math.Max(w.SpeedMps ?? 0, w.StrideLengthM ?? 0)) + 0.1));
        var gait = new SvgChart(ChartWidth, ChartHeight, -1, span + 1, 0, top, "Walking speed (m/s) and stride length (m), per week")
        {
            XLabel = Label,
            XName = "week starting",
            MinXStep = DaysPerWeek,
        };
        gait.AddLine(weeks.Select(w => (X(w), w.SpeedMps)).ToList(), ChartColors.Speed, "mean speed, m/s");
        gait.AddLine(weeks.Select(w => (X(w), w.StrideLengthM)).ToList(), ChartColors.StrideLength, "mean stride length, m", dashed: true);
        html.Append(gait.Render());

        var pain = weeks.Where(w => w.MinutesBeforePain is not null).Select(w => (X(w), w.MinutesBeforePain!.Value)).ToList();
        double painTop = SvgChart.NiceCeiling(Math.Max(1, weeks.Max(w => w.MinutesBeforePain ?? 0)));
        var before = new SvgChart(ChartWidth, ChartHeight, -1, span + 1, 0, painTop, "Walking minutes before the first pain marker (mean of the week's walks with one)")
        {
            XLabel = Label,
            XName = "week starting",
            MinXStep = DaysPerWeek,
        };
        before.AddBars(pain, Math.Min(3, Math.Max(1, span / 10)), ChartColors.BeforePain, "minutes before pain");
        if (pain.Count == 0)
        {
            before.AddNote("no pain marker in these weeks");
        }

        html.Append(before.Render());
    }

    /// <summary>Mean speed of the walks with a pain marker against those without: does slow walking go with pain?</summary>
    private static void AppendSlowWalkingAndPain(StringBuilder html, List<StoredSession> measured)
    {
        List<StoredSession> withSpeed = measured.Where(s => s.Decoded!.MeanSpeedMps is not null).ToList();
        if (withSpeed.Count == 0)
        {
            html.Append("<p class=\"gait-pain\">No walk has a measured speed yet (too few usable steps in its bouts), so slow walking cannot be set against pain.</p>");
            return;
        }

        List<StoredSession> painful = withSpeed.Where(s => s.Decoded!.Totals.PainMarkers > 0).ToList();
        List<StoredSession> painFree = withSpeed.Where(s => s.Decoded!.Totals.PainMarkers == 0).ToList();
        string Group(List<StoredSession> group) => group.Count == 0
            ? "no such walk"
            : Text($"mean speed {group.Average(s => s.Decoded!.MeanSpeedMps!.Value):0.00} m/s, stride length {Cell(Mean(group, s => s.Decoded!.MeanStrideLengthM), "0.00")} m ({group.Count} walks)");
        html.Append("<p class=\"gait-pain\">").Append(HtmlReport.E(Text(
            $"Walks with a pain marker: {Group(painful)}. Walks without one: {Group(painFree)}."))).Append("</p>");
    }

    private static double? Mean(List<StoredSession> group, Func<StoredSession, double?> value)
    {
        List<double> values = group.Select(value).OfType<double>().ToList();
        return values.Count == 0 ? null : values.Average();
    }

    private static List<Week> Weeks(List<StoredSession> sessions, ReportClock clock)
    {
        return sessions
            .GroupBy(s => WeekStart(clock.Day(s.StartUtc ?? s.DownloadedUtc)))
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                List<WalkingBout> bouts = g.Where(s => s.Decoded!.MeasuresWalkingOutcomes).SelectMany(s => s.Decoded!.Bouts).ToList();
                List<double> beforePain = g.Select(s => s.Decoded!.Totals.WalkingMinutesBeforePain).OfType<double>().ToList();
                return new Week(
                    new DateTimeOffset(g.Key.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
                    g.Count(),
                    g.Count(s => s.Decoded!.MeasuresWalkingOutcomes),
                    g.Sum(s => s.Decoded!.Totals.WalkingMinutes),
                    WalkingBout.StepWeightedMean(bouts, b => b.SpeedMps),
                    WalkingBout.StepWeightedMean(bouts, b => b.StrideLengthM),
                    WalkingBout.StepWeightedMean(bouts, b => b.StepTimeCvPercent),
                    beforePain.Count,
                    beforePain.Count == 0 ? null : beforePain.Average());
            })
            .ToList();
    }

    private static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private static string Cell(double? value, string format) => value is double v ? v.ToString(format, CultureInfo.InvariantCulture) : NotMeasured;

    private static string Duration(double seconds) => seconds >= 60 ? Text($"{seconds / 60:0.0} min") : Text($"{seconds:0} s");

    private static string Text(FormattableString text) => HtmlReport.Text(text);

    /// <summary>One week's walks: how many, how many measured speed, and the means.</summary>
    private sealed record Week(
        DateTimeOffset Start, int Walks, int Measured, double Minutes, double? SpeedMps, double? StrideLengthM, double? StepTimeCvPercent,
        int WalksWithPain, double? MinutesBeforePain);
}
