using System.Globalization;
using System.Text.RegularExpressions;
using LumbarBand.Core.Configuration;
using LumbarBand.Core.Cueing;
using LumbarBand.Host.Report;
using LumbarBand.Host.Sessions;
using LumbarBand.Host.Store;
using Xunit.Abstractions;

namespace LumbarBand.Host.Tests;

/// <summary>What a therapist reads in the report: bouts, cues by rule, settings, daily totals, posture across walks, local time, pain notes.</summary>
public sealed partial class TherapistReportTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>Nine hours behind UTC: the first walk (08:00 UTC on Jan 5) falls on the evening of Jan 4 there.</summary>
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.CreateCustomTimeZone("Test/Minus9", TimeSpan.FromHours(-9), "Test/Minus9", "Test/Minus9");

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private IReadOnlyList<StoredSession> AnnotatedWeeks()
    {
        using SessionStore store = SessionStore.Open(_temp.File("data"));
        IReadOnlyList<StoredSession> sessions = SyntheticSessions.StoreWeeks(store);
        store.Annotate(sessions[0].RowId, 1, 6, "after the hill");
        store.Annotate(sessions[0].RowId, null, null, "windy day");
        return store.Sessions();
    }

    private static string Render(IReadOnlyList<StoredSession> sessions, bool charts = true) => HtmlReport.Render(sessions, new ReportOptions
    {
        GeneratedAt = new DateTimeOffset(2026, 2, 20, 12, 0, 0, TimeSpan.Zero),
        TimeZone = Zone,
        IncludeCharts = charts,
    });

    [Fact]
    public void TimesAreLocalWithTheZoneNamedAndDaysAreLocalDays()
    {
        IReadOnlyList<StoredSession> sessions = AnnotatedWeeks();
        string html = Render(sessions);

        Assert.Contains("made 2026-02-20 03:00 by lumbarband", html, StringComparison.Ordinal);
        Assert.Contains("times in Test/Minus9 (UTC-09:00)", html, StringComparison.Ordinal);
        Assert.Contains("2026-01-04 23:00 UTC-09:00", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" UTC<", html, StringComparison.Ordinal);
        // Daily totals by the wearer's day: the first walk counts for Sunday Jan 4 there.
        int steps = sessions[0].Decoded!.Totals.Steps;
        Assert.Contains(Invariant($"<td>2026-01-04 Sun</td><td>1</td><td>{steps}</td>"), html, StringComparison.Ordinal);
    }

    [Fact]
    public void EachWalkListsItsBoutsItsCuesByRuleAndItsSettingsInForce()
    {
        IReadOnlyList<StoredSession> sessions = AnnotatedWeeks();
        string html = Render(sessions);
        DecodedSession first = sessions[0].Decoded!;

        Assert.Equal(sessions.Count, Count(html, "<caption>Walking bouts"));
        Assert.Equal(sessions.Count, Count(html, "<caption>Cues by rule</caption>"));
        int flexionCues = first.Events.Count(e => e.Kind == SessionEventKind.Cue && e.Rule == CueRule.Flexion);
        Assert.True(flexionCues > 0);
        Assert.Contains(Invariant($"<tr><td>flexion</td><td>{flexionCues}</td>"), html, StringComparison.Ordinal);
        // Timeline cue markers say their rule.
        Assert.Contains("cue: flexion (F)", html, StringComparison.Ordinal);
        Assert.Contains("cue: lateral bend (L)", html, StringComparison.Ordinal);
        // The settings snapshot of each walk, by Core's names.
        SettingDefinition threshold = SettingCatalog.Get(SettingId.FlexionThresholdCentidegrees);
        Assert.Equal(sessions.Count, Count(html, Invariant($"{threshold.Name} = {threshold.Default} cdeg")));
        // Walking bouts: each walk's rows add up to its walking time.
        Assert.Matches(BoutRow(), html);
    }

    [Fact]
    public void PostureAcrossWalksAndDailyTotalsAreShown()
    {
        IReadOnlyList<StoredSession> sessions = AnnotatedWeeks();
        string html = Render(sessions);
        Assert.Contains("<h3>Daily totals</h3>", html, StringComparison.Ordinal);
        Assert.Contains("<h3>Posture across walks</h3>", html, StringComparison.Ordinal);
        SessionTotals t = sessions[0].Decoded!.Totals;
        Assert.Contains(Invariant($"<td>{t.Cues}</td><td>{t.Cues / (t.WalkingMinutes / 60):0.0}</td></tr>"), html, StringComparison.Ordinal);
        Assert.Contains(ChartColors.DailySteps, html, StringComparison.Ordinal);
        Assert.Contains(ChartColors.ExcessivePosture, html, StringComparison.Ordinal);
        Assert.Contains(ChartColors.CueRate, html, StringComparison.Ordinal);
    }

    [Fact]
    public void PainMarkersCarryTheirIntensityAndNote()
    {
        string html = Render(AnnotatedWeeks());
        Assert.Contains("<caption>Pain markers</caption>", html, StringComparison.Ordinal);
        Assert.Contains("<td>6</td><td>after the hill</td>", html, StringComparison.Ordinal);
        Assert.Contains(">6/10</text>", html, StringComparison.Ordinal);
        Assert.Contains("Note on the walk: windy day", html, StringComparison.Ordinal);
    }

    [Fact]
    public void NoMinusZeroTickNoSliverBarsAndAPrintStyle()
    {
        string html = Render(AnnotatedWeeks());
        Assert.DoesNotContain(">-0<", html, StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
        foreach (Match bar in BarRect().Matches(html))
        {
            double x = double.Parse(bar.Groups["x"].Value, CultureInfo.InvariantCulture);
            double width = double.Parse(bar.Groups["w"].Value, CultureInfo.InvariantCulture);
            Assert.True(width >= SvgChart.MinBarPixels, $"a bar {width} px wide");
            Assert.True(x >= 58 && x + width <= 1100 - 18 + 0.1, $"a bar at {x}..{x + width} px leaves the plot");
        }
    }

    [SkippableFact]
    public void HeadlessChromiumDrawsTheDailyAndPostureCharts()
    {
        SystemTool.Require(HeadlessChromium.MissingReason(), output);
        IReadOnlyList<StoredSession> sessions = AnnotatedWeeks();
        string withCharts = _temp.File("report.html");
        string withoutCharts = _temp.File("tables-only.html");
        File.WriteAllText(withCharts, Render(sessions));
        File.WriteAllText(withoutCharts, Render(sessions, charts: false));
        // Tall enough to reach the newest walk's timeline (its pain marker) below the trends, speed and stride length included.
        HeadlessChromium.AssertSeriesDrawn(withCharts, withoutCharts, _temp.Path, 3400, output,
            ("steps per day", ChartColors.DailySteps), ("excessive posture share", ChartColors.ExcessivePosture),
            ("cues per walking hour", ChartColors.CueRate), ("pain marker with intensity", ChartColors.Pain));
    }

    private static int Count(string text, string part) => Regex.Count(text, Regex.Escape(part));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("<tr><td>1</td><td>\\d\\d:\\d\\d:\\d\\d</td><td>0\\.0</td><td>[0-9.]+ (min|s)</td><td>[0-9.]+ (min|s)</td><td>[1-9]\\d*</td>")]
    private static partial Regex BoutRow();

    [GeneratedRegex("<rect x=\"(?<x>[0-9.]+)\" y=\"[0-9.]+\" width=\"(?<w>[0-9.]+)\" height=\"[0-9.]+\" fill=\"#(80cbc4|d81b60|5d4037)\"/>")]
    private static partial Regex BarRect();
}
