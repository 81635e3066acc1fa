using System.Text;
using LumbarBand.Host.Store;

namespace LumbarBand.Host.Export;

/// <summary>Writes an export to files: for CSV, <c>epochs.csv</c>, <c>events.csv</c> and <c>bouts.csv</c> in a folder; for JSON, one file.</summary>
public static class SessionExporter
{
    /// <summary>File name of the per-epoch CSV.</summary>
    public const string EpochsFileName = "epochs.csv";

    /// <summary>File name of the per-event CSV.</summary>
    public const string EventsFileName = "events.csv";

    /// <summary>File name of the per-walking-bout CSV (speed, stride length and rhythm per bout).</summary>
    public const string BoutsFileName = "bouts.csv";

    /// <summary>File name of the JSON export when the target is a folder.</summary>
    public const string JsonFileName = "sessions.json";

    /// <summary>
    /// Exports <paramref name="sessions"/> as <paramref name="format"/> to <paramref name="target"/> (a folder for
    /// CSV; a folder or a .json file for JSON); returns the files written.
    /// </summary>
    public static IReadOnlyList<string> Write(IReadOnlyList<StoredSession> sessions, ExportFormat format, string target)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentException.ThrowIfNullOrEmpty(target);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        if (format == ExportFormat.Json)
        {
            string file = target.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? target : Path.Combine(target, JsonFileName);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
            using FileStream stream = File.Create(file);
            JsonExporter.Write(sessions, stream);
            return [file];
        }

        Directory.CreateDirectory(target);
        string epochs = Path.Combine(target, EpochsFileName);
        string events = Path.Combine(target, EventsFileName);
        string bouts = Path.Combine(target, BoutsFileName);
        using (var writer = new StreamWriter(epochs, false, utf8))
        {
            CsvExporter.WriteEpochs(sessions, writer);
        }

        using (var writer = new StreamWriter(events, false, utf8))
        {
            CsvExporter.WriteEvents(sessions, writer);
        }

        using (var writer = new StreamWriter(bouts, false, utf8))
        {
            CsvExporter.WriteBouts(sessions, writer);
        }

        return [epochs, events, bouts];
    }
}
