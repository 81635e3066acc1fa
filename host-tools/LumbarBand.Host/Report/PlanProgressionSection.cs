using System.Globalization;
using System.Net;
using System.Text;
using LumbarBand.Host.Planning;

namespace LumbarBand.Host.Report;

/// <summary>
/// The report's walking-plan section: progression over weeks ("park bench to park bench") — per week the walks under
/// a plan, planned against walked minutes per stretch, and pain markers; a chart of every stretch; and a table of
/// each stretch with its rest, pain marker, cadence and speed (from session format 4; "not measured by this firmware" before).
/// </summary>
internal static class PlanProgressionSection
{
    private const double ChartWidth = 1100;
    private const double ChartHeight = 220;

    /// <summary>Horizontal spacing of a walk's stretches in the chart, days.</summary>
    private const double StretchSpacingDays = 0.3;

    /// <summary>Appends the section for <paramref name="walks"/> (nothing when there are none).</summary>
    public static void Append(StringBuilder html, IReadOnlyList<PlannedWalk> walks, bool charts, ReportClock clock)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(walks);
        List<PlannedWalk> dated = [.. walks.Where(w => w.StartUtc is not null).OrderBy(w => w.StartUtc)];
        if (dated.Count == 0)
        {
            return;
        }

        html.Append("<h2>Walking plan: progression over weeks</h2>");
        html.Append("<p class=\"note\">").Append(E(Text(
            $"{dated.Count} walk(s) under a plan. Each stretch: planned against walked minutes (confirmed walking; short stops not counted), the rest after it, and whether a pain marker came before the plan's time.")))
            .Append("</p>");
        if (charts)
        {
            html.Append(Chart(dated, clock));
        }

        html.Append("<table><tr><th>week starting</th><th>walks</th><th>plan (walk per stretch)</th><th>walked per stretch (mean)</th><th>stretches reaching the plan</th><th>walks with pain before the plan's time</th></tr>");
        foreach (IGrouping<DateTimeOffset, PlannedWalk> week in dated.GroupBy(w => WeekStart(w.StartUtc!.Value, clock)))
        {
            List<StretchResult> stretches = [.. week.SelectMany(w => w.Stretches)];
            string plans = string.Join(", ", week.Select(w => WalkingPlanValues.Clock(w.Plan.WalkSeconds)).Distinct());
            string walked = stretches.Count == 0 ? "–" : WalkingPlanValues.Clock(stretches.Average(s => s.WalkedSeconds));
            html.Append(Text($"<tr><td>{Date(week.Key)}</td><td>{week.Count()}</td><td>{E(plans)}</td><td>{walked}</td><td>{stretches.Count(s => s.ReachedPlan)} of {stretches.Count}</td><td>{week.Count(w => w.PainBeforePlan)}</td></tr>"));
        }

        html.Append("</table>");
        html.Append("<table><tr><th>walk</th><th>plan</th><th>stretch</th><th>planned</th><th>walked</th><th>rest after</th><th>pain marker</th><th>cadence (steps/min)</th><th>speed</th></tr>");
        foreach (PlannedWalk w in dated)
        {
            foreach (StretchResult s in w.Stretches)
            {
                string pain = s.PainBeforePlan ? "before the plan's time" : s.Pain ? "after the plan's time" : "–";
                string rest = Text($"{WalkingPlanValues.Clock(s.RestSeconds)}{(s.RestComplete ? "" : " (cut short)")}");
                string cadence = s.CadenceSpm is double c ? Text($"{c:0.0}") : "–";
                string speed = !s.MeasuresSpeed ? WalkingOutcomeSections.NotMeasuredByFirmware : s.SpeedMps is double v ? Text($"{v:0.00} m/s") : WalkingOutcomeSections.NotMeasured;
                html.Append(Text($"<tr><td>{clock.DateTime(w.StartUtc!.Value)}</td><td>{WalkingPlanValues.Clock(w.Plan.WalkSeconds)} × {w.Plan.Stretches}, rest {WalkingPlanValues.Clock(w.Plan.RestSeconds)}</td>"));
                html.Append(Text($"<td>{s.Number}</td><td>{WalkingPlanValues.Clock(s.PlannedWalkSeconds)}</td><td>{WalkingPlanValues.Clock(s.WalkedSeconds)}</td><td>{rest}</td><td>{pain}</td><td>{cadence}</td><td>{speed}</td></tr>"));
            }

            if (w.Stretches.Count == 0)
            {
                html.Append(Text($"<tr><td>{clock.Date(w.StartUtc!.Value)}</td><td>{WalkingPlanValues.Clock(w.Plan.WalkSeconds)} × {w.Plan.Stretches}</td><td colspan=\"7\">no stretch recorded</td></tr>"));
            }
        }

        html.Append("</table>");
    }

    private static string Chart(List<PlannedWalk> walks, ReportClock clock)
    {
        DateTimeOffset first = Day(walks[0].StartUtc!.Value, clock);
        double span = Math.Max(1, (Day(walks[^1].StartUtc!.Value, clock) - first).TotalDays + 1);
        var planned = new List<(double X, double Y)>();
        var walked = new List<(double X, double Y)>();
        var pain = new List<double>();
        foreach (PlannedWalk w in walks)
        {
            double day = (Day(w.StartUtc!.Value, clock) - first).TotalDays;
            foreach (StretchResult s in w.Stretches)
            {
                double x = day + ((s.Number - 1) * StretchSpacingDays);
                planned.Add((x, s.PlannedWalkSeconds / 60.0));
                walked.Add((x, s.WalkedSeconds / 60.0));
                if (s.PainBeforePlan)
                {
                    pain.Add(x);
                }
            }
        }

        double top = SvgChart.NiceCeiling(Math.Max(1, planned.Concat(walked).Select(p => p.Y).DefaultIfEmpty(1).Max()));
        var chart = new SvgChart(ChartWidth, ChartHeight, -0.7, span + 0.7, 0, top, "Planned and walked minutes per stretch")
        {
            XLabel = d => first.AddDays(d).UtcDateTime.ToString("MMM d", CultureInfo.InvariantCulture),
            XName = "date",
            MinXStep = 1,
        };
        chart.AddBars(planned, StretchSpacingDays * 0.8, ChartColors.Walking, "planned");
        chart.AddBars(walked, StretchSpacingDays * 0.4, ChartColors.Cadence, "walked");
        chart.AddVerticalMarkers(pain, ChartColors.Pain, "pain before the plan's time");
        return chart.Render();
    }

    // The report's local calendar day of t, as midnight with no offset: a label to group and space by, not an instant.
    private static DateTimeOffset Day(DateTimeOffset t, ReportClock clock) =>
        new(clock.Day(t).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static DateTimeOffset WeekStart(DateTimeOffset t, ReportClock clock)
    {
        DateTimeOffset day = Day(t, clock);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    // Formats a calendar day made by Day (already local).
    private static string Date(DateTimeOffset day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
