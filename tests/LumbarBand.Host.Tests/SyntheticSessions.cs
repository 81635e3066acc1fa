using LumbarBand.Core.Cueing;
using LumbarBand.Core.Protocol;
using LumbarBand.Core.Storage;
using LumbarBand.Host.Sessions;
using LumbarBand.Host.Store;

namespace LumbarBand.Host.Tests;

/// <summary>Sessions with every metric filled in (as the real recorder will fill them), for the store, exports and report.</summary>
public static class SyntheticSessions
{
    /// <summary>The device id they are stored under.</summary>
    public const string DeviceId = "0B00B1E5";

    /// <summary>
    /// A session of <paramref name="minutes"/> one-minute epochs starting at <paramref name="start"/>, walking at
    /// <paramref name="cadence"/> with flexion, lateral bend and sway recorded, two cues and (when given) a pain
    /// marker at <paramref name="painAtSeconds"/>.
    /// </summary>
    public static DecodedSession Make(uint id, DateTimeOffset? start, int minutes, double cadence, double? painAtSeconds)
    {
        var epochs = new List<SessionEpoch>();
        for (int i = 0; i < minutes; i++)
        {
            epochs.Add(new SessionEpoch
            {
                Index = i,
                StartSeconds = i * 60,
                DurationSeconds = 60,
                Steps = (int)(cadence * 0.8),
                WalkingSeconds = 48,
                CadenceSpm = cadence + (i % 3),
                FlexionMeanDegrees = 4 + (i % 4),
                FlexionMaxDegrees = 12 + (i % 5),
                LateralBendMeanDegrees = -1.5 + (i % 2),
                LateralBendMaxDegrees = 6,
                SwayMeanDegrees = 3 + (0.2 * i),
                SwayMaxDegrees = 6 + (0.3 * i),
                ExcessiveFlexionSeconds = i == 2 ? 20 : 0,
                FlexionCues = i == 2 ? 1 : 0,
                SwayCues = i == 4 ? 1 : 0,
                PainMarkers = painAtSeconds is double p && (int)(p / 60) == i ? 1 : 0,
                BatteryPercent = 100 - i,
            });
        }

        var events = new List<SessionEvent>
        {
            new() { OffsetSeconds = 2.5, Kind = SessionEventKind.Calibration },
            new() { OffsetSeconds = 150, Kind = SessionEventKind.Cue, Rule = CueRule.Flexion, Value = 1 },
            new() { OffsetSeconds = 270, Kind = SessionEventKind.Cue, Rule = CueRule.Sway, Value = 2 },
        };
        if (painAtSeconds is double pain)
        {
            events.Add(new SessionEvent { OffsetSeconds = pain, Kind = SessionEventKind.PainMarker });
        }

        events.Sort((a, b) => a.OffsetSeconds.CompareTo(b.OffsetSeconds));
        return new DecodedSession
        {
            Header = new SessionHeader { SessionId = id, StartUtc = start, StartUptimeSeconds = 12.5, FirmwareVersion = "0.3.1", EpochSeconds = 60 },
            Epochs = epochs,
            Events = events,
            Totals = SessionTotals.Compute(epochs, events),
        };
    }

    /// <summary>The band's list entry for <paramref name="bytes"/> as session <paramref name="id"/>.</summary>
    public static SessionInfo Entry(uint id, byte[] bytes) => new()
    {
        Id = id,
        Length = bytes.Length,
        Crc = Crc32.Compute(bytes, 0, bytes.Length),
    };

    /// <summary>
    /// Stores six weeks of walks (two a week, cadence rising, walking before pain growing) and returns the store's
    /// sessions.
    /// </summary>
    public static IReadOnlyList<StoredSession> StoreWeeks(SessionStore store)
    {
        store.UpsertDevice(DeviceId, new DeviceInfo { SerialNumber = 0x0B00B1E5, ProtocolMajor = 1, FirmwareMinor = 3, FirmwarePatch = 1, HardwareRevision = 1 });
        var monday = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
        uint id = 1;
        for (int week = 0; week < 6; week++)
        {
            foreach (int day in new[] { 0, 3 })
            {
                byte[] bytes = StandInSessionCodec.Encode(Make(id, monday.AddDays((week * 7) + day), 8 + week, 98 + (2 * week), 180 + (45 * week)));
                store.Import(DeviceId, Entry(id, bytes), bytes, "test fixture");
                id++;
            }
        }

        return store.Sessions();
    }
}
