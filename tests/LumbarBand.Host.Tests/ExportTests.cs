using System.Globalization;
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
        // The real band's first session: it started at the first step (5 s into the walk); the wearer pressed the pain
        // marker 40 s into the walk after walking all along; 20 s of 30° flexion in the second minute gave a cue (20.5 s in excess: it ends once the posture average is back, 0.4 s after).
        // Sway per axis, mean and max: mediolateral, anteroposterior (the second minute's max is the stride in which the
        // wearer bent forward), rotation.
        // Then speed and stride length as the band measured them (empty: not measured), and that its firmware measures them.
        // The second minute's mean flexion is walking's: the standing after the walk's last step is left out (23°, 22° with it).
        Assert.Equal("0B00B1E5,1,2026-01-05T08:00:05Z,0,0,60,106,60,105,3,6,0,-2,2.25,2.5,3.5,5.75,8.75,10.25,0,0,0,0,0,0,1,100," + Gait(sessions[0], 0), epochs[1]);
        Assert.Equal("0B00B1E5,1,2026-01-05T08:00:05Z,1,60,60,51,29,106,23,35,0,-2,3.25,3.75,4.75,29,7.5,9.25,20.5,0,0,1,0,0,0,100," + Gait(sessions[0], 1), epochs[2]);
        Assert.Contains("0B00B1E5,1,2026-01-05T08:00:05Z,34.68,2026-01-05T08:00:39Z,pain_marker,,34680", events);
        Assert.Contains("0B00B1E5,1,2026-01-05T08:00:05Z,65.48,2026-01-05T08:01:10Z,cue,flexion,0", events);
        Assert.Contains(events, line => line.Contains(",cue,lateral_lean,", StringComparison.Ordinal));
        Assert.All(epochs, line => Assert.Equal(epochs[0].Count(c => c == ','), line.Count(c => c == ',')));

        // A row per walking bout the band recorded (session format 4), each with its steps; the simulated walks say so.
        string[] bouts = File.ReadAllLines(files[2]);
        Assert.Equal(CsvExporter.BoutHeader, bouts[0]);
        int boutCount = sessions.Sum(s => s.Decoded!.Bouts.Count);
        Assert.True(boutCount >= sessions.Count, $"{boutCount} bouts in {sessions.Count} walks");
        Assert.Equal(1 + boutCount, bouts.Length);
        Sessions.WalkingBout first = sessions[0].Decoded!.Bouts[0];
        Assert.StartsWith(string.Create(CultureInfo.InvariantCulture, $"0B00B1E5,1,2026-01-05T08:00:05Z,1,1,{first.StartSeconds},{first.DurationSeconds},{first.Steps},"), bouts[1], StringComparison.Ordinal);
        Assert.True(first.Steps > 50, $"the first bout has {first.Steps} steps");
    }

    private static string Gait(StoredSession session, int epoch)
    {
        Sessions.SessionEpoch e = session.Decoded!.Epochs[epoch];
        return string.Create(CultureInfo.InvariantCulture, $"{e.SpeedMps},{e.StrideLengthM},1");
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
        Assert.Equal(0.578, first.GetProperty("totals").GetProperty("walking_min_before_pain").GetDouble(), 3);
        Assert.Equal(3, first.GetProperty("epochs").GetArrayLength());
        Assert.Equal("pain_marker", first.GetProperty("events")[0].GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Number, first.GetProperty("epochs")[0].GetProperty("sway_rotation_mean_deg").ValueKind);
        Assert.Equal(4, first.GetProperty("session_format").GetInt32());
        Assert.True(first.GetProperty("walking_outcomes_measured").GetBoolean());
        Assert.Equal(sessions[0].Decoded!.Bouts.Count, first.GetProperty("bouts").GetArrayLength());
        Assert.Equal(sessions[0].Decoded!.Bouts[0].Steps, first.GetProperty("bouts")[0].GetProperty("steps").GetInt32());
        Assert.True(first.GetProperty("totals").TryGetProperty("mean_speed_mps", out _));
    }
}
