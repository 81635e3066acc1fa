using System.Text.RegularExpressions;
using LumbarBand.Host.Report;
using LumbarBand.Host.Store;
using Xunit.Abstractions;

namespace LumbarBand.Host.Tests;

public sealed partial class ReportTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void TheReportIsOneSelfContainedFileWithTrendAndTimelineCharts()
    {
        using SessionStore store = SessionStore.Open(_temp.File("data"));
        IReadOnlyList<StoredSession> sessions = SyntheticSessions.StoreWeeks(store);

        string html = HtmlReport.Render(sessions, new ReportOptions { GeneratedAt = new DateTimeOffset(2026, 2, 20, 12, 0, 0, TimeSpan.Zero) });

        // Nothing is fetched: no script, no link, no image or font from elsewhere.
        foreach (string forbidden in new[] { "http:", "https:", "<script", "<link", "src=", "url(", "@import" })
        {
            Assert.DoesNotContain(forbidden, html, StringComparison.OrdinalIgnoreCase);
        }

        // Trends: walking before pain, cadence, daily steps, posture, and (the band measures them) weekly speed and stride
        // length beside the minutes before pain; then three timeline panels per session.
        Assert.Equal(6 + (3 * sessions.Count), SvgElement().Count(html));
        Assert.Contains("Walking minutes before pain", html, StringComparison.Ordinal);
        Assert.Contains("Cadence over weeks", html, StringComparison.Ordinal);
        Assert.Contains("Sway per stride", html, StringComparison.Ordinal);
        Assert.Contains(ChartColors.Pain, html, StringComparison.Ordinal);
        Assert.Contains(ChartColors.Cue, html, StringComparison.Ordinal);
        Assert.Contains("<td>2026-01-05</td><td>4.4</td><td>105.2</td>", html, StringComparison.Ordinal);
        Assert.Contains("decoder lumbarband-session-v1", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", HtmlReport.Render(sessions, new ReportOptions { IncludeCharts = false }), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void HeadlessChromiumDrawsTheCharts()
    {
        SystemTool.Require(HeadlessChromium.MissingReason(), output);
        using SessionStore store = SessionStore.Open(_temp.File("data"));
        IReadOnlyList<StoredSession> sessions = SyntheticSessions.StoreWeeks(store);
        string withCharts = _temp.File("report.html");
        string withoutCharts = _temp.File("tables-only.html");
        HtmlReport.Write(sessions, withCharts);
        HtmlReport.Write(sessions, withoutCharts, new ReportOptions { IncludeCharts = false });

        // Tall enough for the trends, daily totals, posture across walks and the newest walk's tables and timeline.
        HeadlessChromium.Screenshot(withCharts, _temp.File("report.png"), _temp.File("profile-1"), height: 3600);
        HeadlessChromium.Screenshot(withoutCharts, _temp.File("tables-only.png"), _temp.File("profile-2"), height: 3600);
        PngImage charts = PngImage.Read(_temp.File("report.png"));
        PngImage tables = PngImage.Read(_temp.File("tables-only.png"));

        Assert.Equal((1200, 3600), (charts.Width, charts.Height));
        var series = new (string Name, string Color)[]
        {
            ("cadence", ChartColors.Cadence), ("flexion", ChartColors.Flexion), ("lateral bend", ChartColors.LateralBend),
            ("mediolateral sway", ChartColors.SwayMediolateral), ("anteroposterior sway", ChartColors.SwayAnteroposterior),
            ("rotation", ChartColors.SwayRotation), ("cue markers", ChartColors.Cue), ("pain markers", ChartColors.Pain),
            ("walking before pain", ChartColors.BeforePain), ("walking in all", ChartColors.Walking),
        };
        foreach ((string name, string color) in series)
        {
            int drawn = charts.Count(color, tolerance: 36);
            int withoutChart = tables.Count(color, tolerance: 36);
            output.WriteLine($"{name,-20} {color}: {drawn} px with charts, {withoutChart} px without");
            Assert.True(drawn >= 40, $"{name} ({color}) has only {drawn} pixels in the screenshot");
            Assert.True(withoutChart <= 5, $"{name} ({color}) shows {withoutChart} pixels without charts");
        }

        // The same page without its charts is grey text and rules, and the "simulated" banner and badges (the real
        // band recorded these sessions from a simulated walk): the rest of the colour is the charts'.
        output.WriteLine($"coloured pixels: {charts.Coloured()} with charts, {tables.Coloured()} without");
        Assert.True(charts.Coloured() > tables.Coloured() + 20_000);
        Assert.True(tables.Coloured() < 10_000);
    }

    [GeneratedRegex("<svg ")]
    private static partial Regex SvgElement();
}
