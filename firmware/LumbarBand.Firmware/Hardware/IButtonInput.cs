using LumbarBand.Core.Controls;

namespace LumbarBand.Firmware.Hardware
{
    /// <summary>The band's button, polled every few tens of milliseconds by the control loop.</summary>
    internal interface IButtonInput
    {
        /// <summary>Reads the button at <paramref name="nowMs"/> and returns the gesture completed, if any.</summary>
        ButtonGesture Poll(long nowMs);
    }
}
