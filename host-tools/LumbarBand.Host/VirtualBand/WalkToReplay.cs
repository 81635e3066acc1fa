using LumbarBand.Analysis.Recordings;

namespace LumbarBand.Host.VirtualBand;

/// <summary>
/// One walk for the virtual band to replay as one session: the IMU counts the band would sample, what they are, when
/// the walk happened, and when the wearer pressed the pain marker.
/// </summary>
/// <param name="Samples">Raw device counts at the device rate (<see cref="DeviceQuantizer"/>).</param>
/// <param name="Label">What this is, e.g. the simulated walk's label (which says "simulated") or a recording's file name.</param>
/// <param name="StartUtc">Wall-clock time of the first sample (the virtual band's clock); null: clock not set.</param>
/// <param name="PainAtSeconds">Seconds from the start at which the pain-marker button is pressed.</param>
public sealed record WalkToReplay(RawImuSamples Samples, string Label, DateTimeOffset? StartUtc, IReadOnlyList<double> PainAtSeconds)
{
    /// <summary>
    /// Settings a host writes to the band before this walk (e.g. a walking plan), through the band's own settings
    /// path; null: the band keeps what it has.
    /// </summary>
    public Core.Configuration.BandSettings? Settings { get; init; }
}
