using System.Device.Gpio;
using LumbarBand.Core.Controls;

namespace LumbarBand.Firmware.Hardware
{
    /// <summary>A push button on a GPIO pin: the raw level is polled, Core's <see cref="ButtonGestureDetector"/> debounces and classifies.</summary>
    internal sealed class GpioButtonInput : IButtonInput
    {
        private readonly GpioPin _pin;
        private readonly PinValue _pressedLevel;
        private readonly ButtonGestureDetector _detector = new ButtonGestureDetector();

        /// <summary>Opens <paramref name="pin"/> as an input.</summary>
        public GpioButtonInput(GpioController gpio, int pin, bool activeLow, bool internalPullUp)
        {
            _pin = gpio.OpenPin(pin, internalPullUp ? PinMode.InputPullUp : PinMode.Input);
            _pressedLevel = activeLow ? PinValue.Low : PinValue.High;
        }

        /// <inheritdoc/>
        public ButtonGesture Poll(long nowMs)
        {
            return _detector.Update(nowMs, _pin.Read() == _pressedLevel);
        }
    }
}
