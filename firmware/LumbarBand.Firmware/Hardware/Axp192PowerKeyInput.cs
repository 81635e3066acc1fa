using Iot.Device.Axp192;
using LumbarBand.Core.Controls;

namespace LumbarBand.Firmware.Hardware
{
    /// <summary>
    /// The AXP192 power key (M5Stack Core2's side button) as the band's button. The AXP192 classifies presses itself
    /// (short, or long after the time set here) and latches them in an IRQ status register, which the binding's
    /// GetButtonStatus reads and clears; Core's <see cref="ButtonGestureDetector"/> turns two short presses into a
    /// double press. Holding for the shutdown time still powers the board off, as M5Stack intends.
    /// </summary>
    internal sealed class Axp192PowerKeyInput : IButtonInput
    {
        private readonly Axp192 _power;
        private readonly ButtonGestureDetector _detector = new ButtonGestureDetector();

        /// <summary>Enables short and long press IRQs: long press 1.5 s, power-off after 6 s.</summary>
        public Axp192PowerKeyInput(Axp192 power)
        {
            _power = power;
            _power.SetButtonBehavior(LongPressTiming.S1_5, ShortPressTiming.Ms128, true, SignalDelayAfterPowerUp.Ms64, ShutdownTiming.S6);
            _power.EnableButtonPressed(ButtonPressed.LongPressed | ButtonPressed.ShortPressed);
            _power.GetButtonStatus();
        }

        /// <inheritdoc/>
        public ButtonGesture Poll(long nowMs)
        {
            ButtonPressed status = _power.GetButtonStatus();
            if ((status & ButtonPressed.LongPressed) == ButtonPressed.LongPressed)
            {
                return _detector.OnLongClick(nowMs);
            }

            if ((status & ButtonPressed.ShortPressed) == ButtonPressed.ShortPressed)
            {
                return _detector.OnShortClick(nowMs);
            }

            return _detector.Poll(nowMs);
        }
    }
}
