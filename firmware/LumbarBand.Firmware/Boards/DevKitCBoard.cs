using nanoFramework.Hardware.Esp32;

namespace LumbarBand.Firmware.Boards
{
    /// <summary>
    /// Generic ESP32 DevKitC (ESP32-WROOM-32) with an MPU-6886 breakout, a coin motor switched by a transistor, a
    /// push button and a LiPo measured through a 100 kΩ/100 kΩ divider. Wiring: hardware/wiring-devkitc.svg.
    /// </summary>
    internal static class DevKitCBoard
    {
        /// <summary>The DevKitC profile.</summary>
        public static BoardProfile Create()
        {
            BoardProfile b = new BoardProfile();
            b.Name = "ESP32 DevKitC + MPU-6886 breakout";
            b.NanoffTarget = "ESP32_BLE_REV0";

            // The usual ESP32 I2C pins; breakout with its own 4.7 kΩ pull-ups, AD0 to GND.
            b.I2cBusId = 1;
            b.I2cSclPin = 22;
            b.I2cSdaPin = 21;
            b.ImuAddress = 0x68;
            b.HasAxp192 = false;

            b.Motor = MotorKind.PwmPin;
            b.MotorPin = 25;
            b.MotorPwmFunction = DeviceFunction.PWM1;
            b.MotorPwmFrequencyHz = 1000;

            // Button from GPIO 27 to GND, internal pull-up.
            b.Button = ButtonKind.GpioPin;
            b.ButtonPin = 27;
            b.ButtonActiveLow = true;
            b.ButtonInternalPullUp = true;

            // LiPo+ — 100 kΩ — GPIO 34 (ADC1 channel 6) — 100 kΩ — GND, 100 nF across the lower resistor.
            b.Battery = BatteryKind.AdcDivider;
            b.BatteryAdcPin = 34;
            b.BatteryAdcChannel = 6;
            b.BatteryAdcFunction = DeviceFunction.ADC1_CH6;
            b.BatteryDividerRatioPercent = 200;
            b.BatteryAdcFullScaleMillivolts = 3300;
            return b;
        }
    }
}
