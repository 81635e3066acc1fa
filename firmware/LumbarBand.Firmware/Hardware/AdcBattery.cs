using System.Device.Adc;
using nanoFramework.Hardware.Esp32;

namespace LumbarBand.Firmware.Hardware
{
    /// <summary>
    /// Battery voltage through a resistor divider on an ESP32 ADC1 pin. Uncalibrated, the ESP32 ADC is good to about
    /// ±5 %; the board profile's full-scale constant is the one number to calibrate (hardware/README.md).
    /// </summary>
    internal sealed class AdcBattery : IBatteryGauge
    {
        private const int Samples = 8;

        private readonly AdcChannel _channel;
        private readonly int _maxValue;
        private readonly int _fullScaleMillivolts;
        private readonly int _dividerRatioPercent;

        /// <summary>Opens ADC1 <paramref name="channel"/> on <paramref name="pin"/>.</summary>
        public AdcBattery(int pin, DeviceFunction function, int channel, int fullScaleMillivolts, int dividerRatioPercent)
        {
            Configuration.SetPinFunction(pin, function);
            AdcController adc = new AdcController();
            _channel = adc.OpenChannel(channel);
            _maxValue = adc.MaxValue;
            _fullScaleMillivolts = fullScaleMillivolts;
            _dividerRatioPercent = dividerRatioPercent;
        }

        /// <inheritdoc/>
        public int ReadMillivolts()
        {
            long sum = 0;
            for (int i = 0; i < Samples; i++)
            {
                sum += _channel.ReadValue();
            }

            long pinMillivolts = sum * _fullScaleMillivolts / ((long)_maxValue * Samples);
            return (int)(pinMillivolts * _dividerRatioPercent / 100);
        }
    }
}
