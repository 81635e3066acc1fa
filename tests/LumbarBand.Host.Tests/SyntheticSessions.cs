using LumbarBand.Analysis.Recordings;
using LumbarBand.Analysis.Simulation;
using LumbarBand.Core.Protocol;
using LumbarBand.Core.Storage;
using LumbarBand.Host.Store;
using LumbarBand.Host.VirtualBand;

namespace LumbarBand.Host.Tests;

/// <summary>
/// Sessions recorded by the real band (Core's Band, recorder, record log and port, on simulated hardware) from the
/// built-in simulated walk, for the store, exports and report: cadence, flexion (with cues), lateral bend, sway and a
/// pain marker, each in the band's own session format.
/// </summary>
public static class SyntheticSessions
{
    /// <summary>The device id they are stored under.</summary>
    public const string DeviceId = "0B00B1E5";

    /// <summary>The first walk's start: Monday 2026-01-05 08:00 UTC; two walks a week follow.</summary>
    public static readonly DateTimeOffset FirstWalk = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Walks recorded: two a week for three weeks.</summary>
    public const int WalkCount = 6;

    private static readonly Lazy<RawImuSamples> DemoWalk = new(() => DeviceQuantizer.ToDevice(BuiltInWalks.Demo().Recording));

    private static readonly Lazy<IReadOnlyList<(SessionInfo Entry, byte[] Bytes)>> Recorded = new(Record);

    /// <summary>When walk <paramref name="walk"/> (from 0) happened: Mondays and Thursdays from <see cref="FirstWalk"/>.</summary>
    public static DateTimeOffset WalkStart(int walk) => FirstWalk.AddDays((walk / 2 * 7) + (walk % 2 * 3));

    /// <summary>When the wearer pressed the pain marker in walk <paramref name="walk"/>: later every walk (seconds into it).</summary>
    public static double PainAt(int walk) => 40 + (20 * walk);

    /// <summary>The sessions the band recorded, oldest first: its list entry and the exact bytes it serves.</summary>
    public static IReadOnlyList<(SessionInfo Entry, byte[] Bytes)> Sessions => Recorded.Value;

    /// <summary>The band's list entry for <paramref name="bytes"/> as session <paramref name="id"/>.</summary>
    public static SessionInfo Entry(uint id, byte[] bytes) => new()
    {
        Id = id,
        Length = bytes.Length,
        Crc = Crc32C.Compute(bytes, 0, bytes.Length),
    };

    /// <summary>Stores the band's sessions and returns the store's.</summary>
    public static IReadOnlyList<StoredSession> StoreWeeks(SessionStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        store.UpsertDevice(DeviceId, new DeviceInfo { SerialNumber = 0x0B00B1E5, ProtocolMajor = 1, FirmwareMinor = 1, HardwareRevision = 0 });
        foreach ((SessionInfo entry, byte[] bytes) in Sessions)
        {
            store.Import(DeviceId, entry, bytes, "test fixture: the real band on the built-in simulated walk");
        }

        return store.Sessions();
    }

    private static List<(SessionInfo Entry, byte[] Bytes)> Record()
    {
        var walks = Enumerable.Range(0, WalkCount)
            .Select(i => new WalkToReplay(DemoWalk.Value, "built-in simulated walk (test)", WalkStart(i), [PainAt(i)]))
            .ToList();
        var band = new SimulatedBand(walks);
        band.RunToEnd();
        return band.ListSessions().Select(s => (Entry: s, Bytes: band.ReadSessionBytes(s.Id))).ToList();
    }
}
