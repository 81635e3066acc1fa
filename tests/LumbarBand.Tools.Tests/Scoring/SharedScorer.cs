using System.Diagnostics;
using System.Text.Json;

namespace LumbarBand.Tools.Tests.Scoring;

/// <summary>Runs one of the shared Python scorers (../shared/tools beside the data) on detections and returns its JSON output.</summary>
internal static class SharedScorer
{
    /// <summary>
    /// Writes <paramref name="detections"/> to a temporary JSON file and runs
    /// <c>python3 ../shared/tools/SCRIPT DATA_DIR [OPTION] DETS.json</c>; the last JSON line it prints is returned.
    /// </summary>
    public static JsonElement Run(string script, string dataDir, object detections, string? option = null)
    {
        string scorer = Path.GetFullPath(Path.Combine(dataDir, "..", "..", "tools", script));
        Assert.True(File.Exists(scorer), $"the shared scorer is absent: expected it at {scorer}");
        string json = Path.Combine(Path.GetTempPath(), $"dets-{Guid.NewGuid():N}.json");
        File.WriteAllText(json, JsonSerializer.Serialize(detections));
        try
        {
            var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(scorer);
            start.ArgumentList.Add(dataDir);
            if (option != null)
            {
                start.ArgumentList.Add(option);
            }

            start.ArgumentList.Add(json);
            using Process p = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
            string output = p.StandardOutput.ReadToEnd();
            string error = p.StandardError.ReadToEnd();
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, $"{script} failed ({p.ExitCode}): {error}");
            return JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement.Clone();
        }
        finally
        {
            File.Delete(json);
        }
    }
}
