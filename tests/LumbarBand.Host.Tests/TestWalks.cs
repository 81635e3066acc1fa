using LumbarBand.Analysis.Recordings;
using LumbarBand.Analysis.Simulation;
using LumbarBand.Host.VirtualBand;

namespace LumbarBand.Host.Tests;

/// <summary>Short simulated walks for the virtual band (simulated once per process: they are deterministic).</summary>
public static class TestWalks
{
    /// <summary>A fixed start, so tests do not depend on the clock: 2026-03-02 09:00 UTC (a Monday).</summary>
    public static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<RawImuSamples> ShortWalk = new(() => DeviceQuantizer.ToDevice(BuiltInWalks.Normal(1.5, seed: 7).Recording));

    /// <summary>
    /// <paramref name="count"/> walks of 1.5 min (simulated), a day apart from <see cref="Monday"/>, each with a
    /// pain marker 60 s in.
    /// </summary>
    public static IReadOnlyList<WalkToReplay> Walks(int count) =>
        Enumerable.Range(0, count)
            .Select(i => new WalkToReplay(ShortWalk.Value, "simulated walk (test, 1.5 min)", Monday.AddDays(i), [60.0]))
            .ToList();

    /// <summary>The real band on simulated hardware after replaying <paramref name="walks"/> walks (one closed session each).</summary>
    public static SimulatedBand RecordedBand(int walks)
    {
        var band = new SimulatedBand(Walks(walks));
        band.RunToEnd();
        return band;
    }

    /// <summary>A virtual band that has recorded <paramref name="walks"/> closed sessions, serving on a free port.</summary>
    public static VirtualBandServer StartBand(int walks, VirtualBandOptions? options = null)
    {
        SimulatedBand band = RecordedBand(walks);
        var server = new VirtualBandServer(band, options);
        server.Start();
        return server;
    }
}
