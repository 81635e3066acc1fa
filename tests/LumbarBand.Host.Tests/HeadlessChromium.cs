using System.Diagnostics;
using Xunit.Abstractions;

namespace LumbarBand.Host.Tests;

/// <summary>Debian's Chromium, headless, taking a screenshot of a local file (nothing else is loaded).</summary>
public static class HeadlessChromium
{
    /// <summary>Where Debian installs it.</summary>
    public const string Executable = "/usr/bin/chromium";

    /// <summary>Why it cannot run here (what to install), or null when it can.</summary>
    public static string? MissingReason() =>
        File.Exists(Executable) ? null : "Chromium is not installed at /usr/bin/chromium: apt-get install -y chromium";

    /// <summary>Renders <paramref name="html"/> at 1200 × <paramref name="height"/> into <paramref name="png"/>, with a fresh profile in <paramref name="profile"/>.</summary>
    public static void Screenshot(string html, string png, string profile, int height = 2000)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--hide-scrollbars", "--user-data-dir=" + profile, "--screenshot=" + png, "--window-size=1200," + height.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new Uri(Path.GetFullPath(html)).AbsoluteUri,
        })
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(90_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("Chromium did not finish the screenshot in 90 s");
        }

        if (!File.Exists(png))
        {
            throw new InvalidOperationException($"Chromium wrote no screenshot (exit {process.ExitCode}): {stdout.Result} {stderr.Result}");
        }
    }

    /// <summary>
    /// Screenshots a report rendered with charts (<paramref name="withCharts"/>) and without (<paramref name="tablesOnly"/>),
    /// at 1200 × <paramref name="height"/>, into <paramref name="folder"/>, and checks each series' colour: drawn (at
    /// least 40 pixels) with the charts, absent (at most 5) without them, so the pixels are the charts' own.
    /// </summary>
    public static void AssertSeriesDrawn(string withCharts, string tablesOnly, string folder, int height, ITestOutputHelper output, params (string Name, string Color)[] series)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(series);
        string chartsPng = Path.Combine(folder, "charts.png");
        string tablesPng = Path.Combine(folder, "tables-only.png");
        Screenshot(withCharts, chartsPng, Path.Combine(folder, "profile-charts"), height);
        Screenshot(tablesOnly, tablesPng, Path.Combine(folder, "profile-tables"), height);
        PngImage charts = PngImage.Read(chartsPng);
        PngImage tables = PngImage.Read(tablesPng);
        foreach ((string name, string color) in series)
        {
            int drawn = charts.Count(color, tolerance: 30);
            int without = tables.Count(color, tolerance: 30);
            output.WriteLine($"{name,-28} {color}: {drawn} px with charts, {without} px without");
            Assert.True(drawn >= 40, $"{name} ({color}) has only {drawn} pixels in the screenshot");
            Assert.True(without <= 5, $"{name} ({color}) shows {without} pixels without charts");
        }
    }
}
