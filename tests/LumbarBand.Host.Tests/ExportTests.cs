using System.Text.Json;
using LumbarBand.Host.Export;
using LumbarBand.Host.Store;

namespace LumbarBand.Host.Tests;

public sealed class ExportTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void CsvHasARowPerEpochAndPerEventWithUnitsInTheHeader()
    {
        using SessionStore store = SessionStore.Open(_temp.File("data"));
        IReadOnlyList<StoredSession> sessions = SyntheticSessions.StoreWeeks(store);

        IReadOnlyList<string> files = SessionExporter.Write(sessions, ExportFormat.Csv, _temp.File("out"));

        string[] epochs = File.ReadAllLines(files[0]);
        string[] events = File.ReadAllLines(files[1]);
        Assert.Equal(CsvExporter.EpochHeader, epochs[0]);
        Assert.Equal(CsvExporter.EventHeader, events[0]);
        Assert.Equal(1 + sessions.Sum(s => s.Decoded!.Epochs.Count), epochs.Length);
        Assert.Equal(1 + sessions.Sum(s => s.Decoded!.Events.Count), events.Length);
        Assert.Equal("0B00B1E5,1,2026-01-05T08:00:00Z,0,0,60,78,48,98,4,12,-1.5,6,3,6,0,0,0,0,0,0,0,100", epochs[1]);
        Assert.Contains("0B00B1E5,1,2026-01-05T08:00:00Z,150,2026-01-05T08:02:30Z,cue,flexion,1", events);
        Assert.Contains("0B00B1E5,1,2026-01-05T08:00:00Z,180,2026-01-05T08:03:00Z,pain_marker,,0", events);
        Assert.All(epochs, line => Assert.Equal(epochs[0].Count(c => c == ','), line.Count(c => c == ',')));
    }

    [Fact]
    public void JsonHoldsSessionsWithTotalsEpochsAndEvents()
    {
        using SessionStore store = SessionStore.Open(_temp.File("data"));
        IReadOnlyList<StoredSession> sessions = SyntheticSessions.StoreWeeks(store);

        string file = Assert.Single(SessionExporter.Write(sessions, ExportFormat.Json, _temp.File("sessions.json")));

        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(file));
        JsonElement root = json.RootElement;
        Assert.Equal(JsonExporter.FormatName, root.GetProperty("format").GetString());
        Assert.Equal(sessions.Count, root.GetProperty("sessions").GetArrayLength());
        JsonElement first = root.GetProperty("sessions")[0];
        Assert.Equal("0B00B1E5", first.GetProperty("device_id").GetString());
        Assert.Equal(2.4, first.GetProperty("totals").GetProperty("walking_min_before_pain").GetDouble(), 3);
        Assert.Equal(8, first.GetProperty("epochs").GetArrayLength());
        Assert.Equal("calibration", first.GetProperty("events")[0].GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Number, first.GetProperty("epochs")[0].GetProperty("sway_mean_deg").ValueKind);
    }
}
