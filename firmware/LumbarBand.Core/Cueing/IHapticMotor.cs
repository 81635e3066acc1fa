namespace LumbarBand.Core.Cueing
{
    /// <summary>
    /// The vibration motor, as the firmware drives it: a PWM channel (duty = percent) or a plain on/off output (on
    /// for any duty above 0). <see cref="HapticPlayer"/> calls it only when the level changes, from the sample loop,
    /// so an implementation must return quickly (set a register, no waiting).
    /// </summary>
    public interface IHapticMotor
    {
        /// <summary>Drives the motor at <paramref name="dutyPercent"/> (1–100), or stops it (0).</summary>
        void SetDuty(int dutyPercent);
    }
}
