using LumbarBand.Analysis.Recordings;
using LumbarBand.Analysis.Simulation;

namespace LumbarBand.Host.VirtualBand;

/// <summary>Walks the virtual band replays when told nothing else.</summary>
public static class BuiltInReplays
{
    /// <summary>When the demo's (simulated) wearer presses the pain marker: during the second walk, 140 s after the start.</summary>
    public const double DemoPainAtSeconds = 140;

    /// <summary>
    /// The built-in simulated walk (<see cref="BuiltInWalks.Demo"/>, labelled simulated) with a pain marker at
    /// <see cref="DemoPainAtSeconds"/> (a simulated press, and the label says so), started at
    /// <paramref name="startUtc"/> (null: the band's clock is not set).
    /// </summary>
    public static WalkToReplay Demo(DateTimeOffset? startUtc) => Demo(startUtc, [DemoPainAtSeconds]);

    /// <summary>The built-in simulated walk with simulated pain-marker presses at <paramref name="painAtSeconds"/>.</summary>
    public static WalkToReplay Demo(DateTimeOffset? startUtc, IReadOnlyList<double> painAtSeconds)
    {
        ArgumentNullException.ThrowIfNull(painAtSeconds);
        SimulatedWalk walk = BuiltInWalks.Demo();
        string label = painAtSeconds.Count == 0
            ? walk.Label
            : walk.Label + ", simulated pain-marker press at " + string.Join(", ", painAtSeconds.Select(p => p.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " s"));
        return new WalkToReplay(DeviceQuantizer.ToDevice(walk.Recording), label, startUtc, painAtSeconds);
    }

    /// <summary>
    /// The built-in simulated walk under a plan (<see cref="BuiltInWalks.PlannedWalk"/>, two 75 s stretches with a
    /// 40 s rest), once per process: the walks of a plan's history replay it on different days.
    /// </summary>
    private static readonly Lazy<(RawImuSamples Samples, string Label)> Planned = new(() =>
    {
        SimulatedWalk walk = BuiltInWalks.PlannedWalk();
        return (DeviceQuantizer.ToDevice(walk.Recording), walk.Label);
    });

    /// <summary>
    /// The simulated walk under a plan at <paramref name="startUtc"/>, with the plan <paramref name="settings"/> set on
    /// the band before it and simulated pain-marker presses at <paramref name="painAtSeconds"/>.
    /// </summary>
    public static WalkToReplay PlannedWalk(DateTimeOffset startUtc, Core.Configuration.BandSettings settings, IReadOnlyList<double> painAtSeconds)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(painAtSeconds);
        (RawImuSamples samples, string label) = Planned.Value;
        string pain = painAtSeconds.Count == 0 ? "" : ", simulated pain-marker press at " + string.Join(", ", painAtSeconds.Select(p => p.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " s"));
        return new WalkToReplay(samples, label + pain, startUtc, painAtSeconds) { Settings = settings };
    }

    /// <summary>A recorded walk from an IMU CSV file (any mounting), started at <paramref name="startUtc"/>.</summary>
    public static WalkToReplay FromRecording(string path, DateTimeOffset? startUtc, IReadOnlyList<double> painAtSeconds)
    {
        ImuRecording recording = ImuCsv.Read(path);
        return new WalkToReplay(DeviceQuantizer.ToDevice(recording), "recorded walk " + Path.GetFileName(path), startUtc, painAtSeconds);
    }
}
