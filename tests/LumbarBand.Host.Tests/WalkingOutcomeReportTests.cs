using System.Globalization;
using System.Text.RegularExpressions;
using LumbarBand.Host.Export;
using LumbarBand.Host.Report;
using LumbarBand.Host.Sessions;
using LumbarBand.Host.Store;
using LumbarBand.TestSupport;
using Xunit.Abstractions;

namespace LumbarBand.Host.Tests;

/// <summary>
/// Issue 14 in the report and exports: speed, stride length and rhythm per walk (from the band's bout records), and
/// speed and stride length per week beside the walking minutes before pain, from sessions with known bout values
/// (<see cref="KnownBoutSessions"/>); older firmwares' sessions say "not measured by this firmware", never 0.
/// </summary>
public sealed class WalkingOutcomeReportTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private IReadOnlyList<StoredSession> Stored(string? olderFormat = null)
    {
        using SessionStore store = SessionStore.Open(_temp.File("data"));
        return KnownBoutSessions.Store(store, olderFormat);
    }

    private static string Render(IReadOnlyList<StoredSession> sessions, bool charts = true) => HtmlReport.Render(sessions, new ReportOptions
    {
        GeneratedAt = new DateTimeOffset(2026, 2, 20, 12, 0, 0, TimeSpan.Zero),
        TimeZone = TimeZoneInfo.Utc,
        IncludeCharts = charts,
    });

    [Fact]
    public void TheStoreKeepsEachBoutAsTheBandRecordedIt()
    {
        IReadOnlyList<StoredSession> sessions = Stored();
        Assert.Equal(4, sessions.Count);
        DecodedSession a = sessions[0].Decoded!;
        Assert.Equal(4, a.Header.FormatVersion);
        Assert.True(a.MeasuresWalkingOutcomes);
        Assert.Equal(2, a.Bouts.Count);
        WalkingBout first = a.Bouts[0];
        Assert.Equal((105, 105.0, 0.80, 0.91, 4.0, 3.1, 2.5, 0.78), (first.Steps, first.CadenceSpm, first.SpeedMps, first.StrideLengthM, first.StepTimeCvPercent, first.StrideTimeCvPercent, first.StepTimeAsymmetryPercent, first.StrideRegularity));
        Assert.Equal(0, first.StartSeconds);
        Assert.Equal(104 * 0.571429, first.DurationSeconds, 2);
        Assert.Equal(0.90, a.MeanSpeedMps!.Value, 9);
        Assert.True(sessions.All(s => s.IsSimulated));
    }

    [Fact]
    public void EachWalkShowsItsBoutsSpeedStrideLengthAndVariabilityWithTheWalksMeans()
    {
        string html = Render(Stored());
        Assert.Equal(4, Count(html, "<caption>Speed, stride length and rhythm per bout"));
        // Walk A, bout 2: 210 steps at 105.0 steps/min, 0.95 m/s, stride 1.09 m, CVs 3.0 and 2.2 %, asymmetry 1.5 %, regularity 0.85.
        Assert.Matches(Row(2, 210, "105.0", "0.95", "1.09", "3.0", "2.2", "1.5", "0.85"), html);
        // Its mean row: 315 steps, 0.90 m/s, stride (105·0.91 + 210·1.09)/315 = 1.03 m, step-time CV (105·4 + 210·3)/315 = 3.3 %.
        Assert.Contains("<td>315</td><td>105.0</td><td>0.90</td><td>1.03</td><td>3.3</td>", html, StringComparison.Ordinal);
        Assert.Matches(Row(1, 210, "105.0", "0.70", "0.81", "6.0", "4.8", "3.5", "0.70"), html);
    }

    [Fact]
    public void WeeklySpeedAndStrideLengthSitBesideTheMinutesWalkedBeforePain()
    {
        IReadOnlyList<StoredSession> sessions = Stored();
        string html = Render(sessions);
        Assert.Contains("<h3>Walking speed and stride length over weeks</h3>", html, StringComparison.Ordinal);
        double beforePainA = sessions[0].Decoded!.Totals.WalkingMinutesBeforePain!.Value;
        double beforePainD = sessions[3].Decoded!.Totals.WalkingMinutesBeforePain!.Value;
        output.WriteLine($"walking minutes before pain: walk A {beforePainA:0.00}, walk D {beforePainD:0.00}");
        // Week 1: 1.00 m/s, stride (324.45 + 393.75)/630 = 1.14 m, one walk with pain; week 2: 0.95 m/s, 1.09 m.
        Assert.Contains(Invariant($"<td>2026-01-05</td><td>2</td>"), html, StringComparison.Ordinal);
        Assert.Matches(Invariant($"<td>2026-01-05</td><td>2</td><td>[0-9.]+</td><td>1.00</td><td>1.14</td><td>[0-9.]+</td><td>1</td><td>{beforePainA:0.0}</td>"), html);
        Assert.Matches(Invariant($"<td>2026-01-12</td><td>2</td><td>[0-9.]+</td><td>0.95</td><td>1.09</td><td>[0-9.]+</td><td>1</td><td>{beforePainD:0.0}</td>"), html);
        Assert.Contains("Walks with a pain marker: mean speed 0.80 m/s", html, StringComparison.Ordinal);
        Assert.Contains("Walks without one: mean speed 1.15 m/s", html, StringComparison.Ordinal);
        Assert.Contains("Includes simulated walks", html, StringComparison.Ordinal);
    }

    [Fact]
    public void WalksWhoseBoutsHadTooFewUsableStepsSayNotMeasuredAndAreNotComparedWithPain()
    {
        IReadOnlyList<StoredSession> unmeasured = Stored()
            .Select(s => s with { Decoded = s.Decoded! with { Bouts = [.. s.Decoded.Bouts.Select(b => b with { SpeedMps = null, StrideLengthM = null })] } })
            .ToList();
        string html = Render(unmeasured);
        Assert.Contains("No walk has a measured speed yet", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Walks with a pain marker", html, StringComparison.Ordinal);
        Assert.Matches("<td>105.0</td><td>not measured</td><td>not measured</td><td>3.0</td>", html);
    }

    [Fact]
    public void ASessionOfAnOlderFirmwareSaysNotMeasuredInsteadOfZeros()
    {
        IReadOnlyList<StoredSession> sessions = Stored(StoredSessionBytes.Format3DemoWalk);
        StoredSession old = Assert.Single(sessions, s => !s.Decoded!.MeasuresWalkingOutcomes);
        Assert.Equal(3, old.Decoded!.Header.FormatVersion);
        Assert.Empty(old.Decoded.Bouts);
        Assert.All(old.Decoded.Epochs, e => Assert.Null(e.SpeedMps));

        string html = Render(sessions);
        Assert.Contains("Speed, stride length and rhythm: not measured by this firmware (session format 3).", html, StringComparison.Ordinal);
        Assert.Contains("1 of 5 walks come from a firmware that does not measure speed", html, StringComparison.Ordinal);
        // Its week (2026-03-02, the demo walk's) has no measured walk: said so, not 0.00.
        Assert.Matches("<td>2026-03-02</td><td>1</td><td>[0-9.]+</td><td colspan=\"3\">not measured by this firmware</td>", html);
        Assert.Equal(4, Count(html, "<caption>Speed, stride length and rhythm per bout"));

        IReadOnlyList<string> files = SessionExporter.Write(sessions, ExportFormat.Csv, _temp.File("out"));
        string[] bouts = File.ReadAllLines(files[2]);
        Assert.Equal(1 + 5, bouts.Length);
        Assert.DoesNotContain(bouts, line => line.Contains("2026-03-02", StringComparison.Ordinal));
        string[] epochs = File.ReadAllLines(files[0]);
        Assert.All(epochs.Where(line => line.Contains("2026-03-02", StringComparison.Ordinal)), line => Assert.EndsWith(",,,0", line, StringComparison.Ordinal));
    }

    [Fact]
    public void OnlySessionsOfOlderFirmwaresGiveOneLineAndNoChart()
    {
        using SessionStore store = SessionStore.Open(_temp.File("old"));
        store.UpsertDevice("0B0000F3", new Core.Protocol.DeviceInfo { SerialNumber = 0x0B0000F3, ProtocolMajor = 1 });
        foreach ((int format, string name, string hex) in StoredSessionBytes.All)
        {
            byte[] bytes = StoredSessionBytes.Bytes(hex);
            store.Import("0B0000F3", SyntheticSessions.Entry((uint)format * 10, bytes), bytes, "test fixture: " + name + " (simulated walk)");
        }

        IReadOnlyList<StoredSession> sessions = store.Sessions();
        Assert.Equal(StoredSessionBytes.All.Length, sessions.Count(s => s.Decoded is not null));
        string html = Render(sessions);
        Assert.Contains("Walking speed, stride length and rhythm: not measured by this firmware (none of the 5 walks", html, StringComparison.Ordinal);
        Assert.DoesNotContain(ChartColors.Speed, html, StringComparison.Ordinal);
        Assert.Equal(5, Count(html, "not measured by this firmware (session format "));
    }

    [Fact]
    public void ASessionWithADamagedBoutRecordIsKeptRawWithTheRecordNamedAndTheOthersAreUntouched()
    {
        IReadOnlyList<byte[]> recorded = KnownBoutSessions.Record();
        byte[] damaged = (byte[])recorded[1].Clone();
        int at = 0;
        while (damaged[at] != Core.Session.SessionRecordTypes.Bout)
        {
            Core.Storage.RecordCodec.Decode(damaged, at, damaged.Length - at, out Core.Storage.RecordHeader h);
            at += h.EncodedLength;
        }

        damaged[at + Core.Storage.RecordFormat.HeaderLength + 3] ^= 0x40; // a bit of its duration: the CRC no longer matches
        using SessionStore store = SessionStore.Open(_temp.File("data"));
        IReadOnlyList<StoredSession> before = KnownBoutSessions.Store(store);
        Assert.Equal(ImportOutcome.Imported, store.Import(KnownBoutSessions.DeviceId, SyntheticSessions.Entry(9, damaged), damaged, KnownBoutSessions.Source));

        StoredSession kept = Assert.Single(store.Sessions(), s => s.SessionId == 9);
        Assert.Null(kept.Decoded);
        Assert.Contains(Invariant($"at byte {at}, a walking-bout record (type 0x17)"), kept.DecodeError, StringComparison.Ordinal);
        Assert.Equal(damaged, store.RawBytes(kept.RowId));
        Assert.Equal(before.Select(s => s.Decoded!.Bouts.Count), store.Sessions().Where(s => s.SessionId != 9).Select(s => s.Decoded!.Bouts.Count));
    }

    [Fact]
    public void AStretchOfAPlannedWalkTakesTheSpeedOfTheBoutsThatBeganInIt()
    {
        var record = new Core.Session.SessionStretchRecord { Number = 1, StartOffsetMs = 0, WalkEndOffsetMs = 200_000, WalkedMs = 190_000, Steps = 315 };
        WalkingBout[] bouts =
        [
            new() { StartSeconds = 0, DurationSeconds = 60, Steps = 105, SpeedMps = 0.80 },
            new() { StartSeconds = 80, DurationSeconds = 120, Steps = 210, SpeedMps = 0.95 },
            new() { StartSeconds = 260, DurationSeconds = 60, Steps = 105, SpeedMps = 1.40 },
        ];
        Assert.Equal(0.90, Planning.StretchResult.From(record, bouts, measuresSpeed: true).SpeedMps!.Value, 9);
        Planning.StretchResult older = Planning.StretchResult.From(record, bouts, measuresSpeed: false);
        Assert.False(older.MeasuresSpeed);
        Assert.Null(older.SpeedMps);
    }

    [SkippableFact]
    public void HeadlessChromiumDrawsTheSpeedAndStrideLengthTrend()
    {
        SystemTool.Require(HeadlessChromium.MissingReason(), output);
        IReadOnlyList<StoredSession> sessions = Stored(StoredSessionBytes.Format3DemoWalk);
        string withCharts = _temp.File("report.html");
        string withoutCharts = _temp.File("tables-only.html");
        File.WriteAllText(withCharts, Render(sessions));
        File.WriteAllText(withoutCharts, Render(sessions, charts: false));
        HeadlessChromium.AssertSeriesDrawn(withCharts, withoutCharts, _temp.Path, 2400, output,
            ("weekly speed", ChartColors.Speed), ("weekly stride length", ChartColors.StrideLength));
    }

    private static int Count(string text, string part) => Regex.Count(text, Regex.Escape(part));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>A bout row: number, start, minutes in, duration, then steps and the measures in the table's order.</summary>
    private static string Row(int bout, int steps, params string[] measures) =>
        Invariant($"<tr><td>{bout}</td><td>[0-9:–]+</td><td>[0-9.]+</td><td>[0-9.]+ (min|s)</td><td>{steps}</td>") + string.Concat(measures.Select(m => "<td>" + Regex.Escape(m) + "</td>"));
}
