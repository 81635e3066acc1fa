using Iot.Device.Axp192;

namespace LumbarBand.Firmware.Hardware
{
    /// <summary>Battery voltage from the AXP192's ADC (1.1 mV per count, binding: GetBatteryVoltage).</summary>
    internal sealed class Axp192Battery : IBatteryGauge
    {
        private readonly Axp192 _power;

        /// <summary>Enables the AXP192's ADCs (the battery-voltage channel is off after some power-ups).</summary>
        public Axp192Battery(Axp192 power)
        {
            _power = power;
            _power.AdcPinEnabled = AdcPinEnabled.All;
        }

        /// <inheritdoc/>
        public int ReadMillivolts()
        {
            if (!_power.IsBatteryConnected())
            {
                return -1;
            }

            return (int)(_power.GetBatteryVoltage().Volts * 1000.0);
        }
    }
}
