using LumbarBand.Core;
using LumbarBand.Core.Configuration;
using LumbarBand.Core.Session;
using LumbarBand.Host.Store;

namespace LumbarBand.Host.Planning;

/// <summary>
/// The stored walks with their walking plan: read from each session's raw bytes with Core's
/// <see cref="SessionDecoder"/> (the stretch records and settings snapshot are Core's format; the store keeps the
/// bytes), oldest first.
/// </summary>
public static class PlanHistory
{
    /// <summary>Every stored session of <paramref name="deviceId"/> (all devices when null) that walked under an active plan.</summary>
    public static IReadOnlyList<PlannedWalk> Load(SessionStore store, string? deviceId = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var walks = new List<PlannedWalk>();
        foreach (StoredSession session in store.Sessions(deviceId))
        {
            if (session.Decoded is null)
            {
                continue;
            }

            PlannedWalk? walk = FromBytes(session.DeviceId, store.RawBytes(session.RowId));
            if (walk is not null && (walk.Plan.Active || walk.Stretches.Count > 0))
            {
                walks.Add(walk);
            }
        }

        return walks;
    }

    /// <summary>The plan and stretches of one session's serialized form; null when it does not decode.</summary>
    public static PlannedWalk? FromBytes(string deviceId, byte[] raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var content = new SessionContent();
        if (SessionDecoder.Decode(raw, 0, raw.Length, content) != SessionDecodeResult.Ok || !content.HasHeader)
        {
            return null;
        }

        var settings = new BandSettings();
        if (content.SettingsLength > 0)
        {
            var snapshot = new byte[content.SettingsLength];
            content.CopySettings(snapshot, 0);
            var candidate = new BandSettings();
            if (SettingsCodec.Decode(snapshot, 0, snapshot.Length, candidate, out _).IsOk)
            {
                settings = candidate;
            }
        }

        var totals = new SessionFooter();
        content.ComputeTotals(totals);
        var pain = new List<double>();
        for (int i = 0; i < content.EventCount; i++)
        {
            if (content.Event(i).Kind == BandEventKind.PainMarker)
            {
                pain.Add(content.Event(i).OffsetMs / 1000.0);
            }
        }

        // The walking bouts, in the host's units, for each stretch's speed (format 4 on).
        IReadOnlyList<Sessions.WalkingBout> bouts = Sessions.SessionContentMapper.ToModel(content).Bouts;
        uint utc = content.Header.StartUtcSeconds;
        return new PlannedWalk
        {
            DeviceId = deviceId,
            SessionId = content.SessionId,
            StartUtc = utc == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(utc),
            Plan = WalkingPlanValues.From(settings),
            Stretches = [.. Enumerable.Range(0, content.StretchCount).Select(i => StretchResult.From(content.Stretch(i), bouts, content.MeasuresWalkingOutcomes))],
            PainSeconds = pain,
            WalkingSecondsBeforePain = totals.WalkingMsBeforePain == SessionUnits.NotHappened ? null : totals.WalkingMsBeforePain / 1000.0,
        };
    }
}
