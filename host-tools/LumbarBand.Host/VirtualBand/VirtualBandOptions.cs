using LumbarBand.Core.Protocol;

namespace LumbarBand.Host.VirtualBand;

/// <summary>How the virtual band serves: where, and how its pairing window behaves.</summary>
public sealed record VirtualBandOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one (see <see cref="VirtualBandServer.Port"/>).</summary>
    public int Port { get; init; }

    /// <summary>
    /// True: the pairing window is open from the start, as if the wearer had just held the button (one bond, then it
    /// closes). False: every new bond is refused, which shows a host's "pairing refused" path.
    /// </summary>
    public bool PairingWindowOpenAtStart { get; init; } = true;

    /// <summary>How long the pairing window stays open, ms (the band's is <see cref="ProtocolConstants.PairingWindowMs"/>).</summary>
    public int PairingWindowMs { get; init; } = ProtocolConstants.PairingWindowMs;

    /// <summary>How often status notifications go out while a trusted client subscribes, ms.</summary>
    public int StatusIntervalMs { get; init; } = ProtocolConstants.StatusIntervalMs;
}
