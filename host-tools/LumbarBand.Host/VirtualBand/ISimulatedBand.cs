using LumbarBand.Core.Protocol;

namespace LumbarBand.Host.VirtualBand;

/// <summary>
/// A band running on simulated hardware: its protocol port, and a way to feed it the next IMU samples of a walk.
/// The virtual band serves <see cref="Port"/> through Core's <see cref="CommandHandler"/> and calls
/// <see cref="Advance"/> from its clock; both happen under one lock, so implementations need not be thread-safe.
/// </summary>
/// <remarks>
/// <see cref="SimulatedBand"/> is the implementation: Core's band, record log and <c>BandPort</c> on simulated hardware.
/// </remarks>
public interface ISimulatedBand
{
    /// <summary>The band's side of the protocol.</summary>
    IBandPort Port { get; }

    /// <summary>What the band is replaying, saying whether it is simulated or recorded.</summary>
    string Description { get; }

    /// <summary>IMU samples per second of simulated time.</summary>
    int SampleRateHz { get; }

    /// <summary>Samples still to replay.</summary>
    int SamplesRemaining { get; }

    /// <summary>Samples replayed so far.</summary>
    long SamplesDone { get; }

    /// <summary>
    /// Tells the band where its pairing window is (the virtual band server owns it, and calls this once); the band's
    /// status reports it.
    /// </summary>
    void ConnectPairingWindow(Func<bool> isOpen);

    /// <summary>
    /// Runs the band owner's drain now, as the firmware's sampling thread does every 40 ms even between samples:
    /// applies the commands the port sent (<see cref="IBandPort.TryTakeAnswer"/> then has their answers) and
    /// publishes the band's state.
    /// </summary>
    void RunBandOwner();

    /// <summary>
    /// Completes a factory reset whose response has left: default settings, the log formatted, the band's session
    /// ended and its clock forgotten (the port's <c>CompleteFactoryReset</c>, then the band owner's drain).
    /// </summary>
    void CompleteFactoryReset();

    /// <summary>Feeds up to <paramref name="samples"/> more samples; returns how many were fed (0 once finished).</summary>
    int Advance(int samples);
}
