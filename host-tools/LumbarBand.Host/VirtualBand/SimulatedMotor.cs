using LumbarBand.Core.Cueing;

namespace LumbarBand.Host.VirtualBand;

/// <summary>
/// The virtual band's vibration motor: nothing vibrates; it counts the pulses the band's one player drives (cues,
/// pacing signals, acknowledgements and the host's test cues), so tests and status output can see them.
/// </summary>
public sealed class SimulatedMotor : IHapticMotor
{
    private int _duty;

    /// <summary>Times the motor was switched on (each pulse of each cue pattern).</summary>
    public int Pulses { get; private set; }

    /// <summary>The duty in force, percent; 0 when off.</summary>
    public int Duty => _duty;

    /// <inheritdoc/>
    public void SetDuty(int dutyPercent)
    {
        if (dutyPercent > 0 && _duty == 0)
        {
            Pulses++;
        }

        _duty = Math.Clamp(dutyPercent, 0, 100);
    }
}
