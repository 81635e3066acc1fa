using nanoFramework.Hardware.Esp32;

namespace LumbarBand.Firmware.Boards
{
    /// <summary>
    /// M5StickC Plus flashed with the ESP32_BLE_REV0 runtime (its own M5StickCPlus runtime has no Bluetooth), with an
    /// external coin motor on header pin G26 through a transistor. Pins: nanoFramework.M5Stack,
    /// nanoFramework.M5StickCommon/M5StickCBase.cs (I2C1 on GPIO 22/21 with the AXP192 at 0x34, the front "M5" button on
    /// GPIO 37, the side button on GPIO 39).
    /// </summary>
    internal static class M5StickCPlusBoard
    {
        /// <summary>The StickC Plus profile.</summary>
        public static BoardProfile Create()
        {
            BoardProfile b = new BoardProfile();
            b.Name = "M5StickC Plus";
            b.NanoffTarget = "ESP32_BLE_REV0";

            b.I2cBusId = 1;
            b.I2cSclPin = 22;
            b.I2cSdaPin = 21;
            b.ImuAddress = 0x68;
            b.HasAxp192 = true;

            // External motor driver (hardware/wiring-m5stickc-plus.svg) on the 8-pin header's G26.
            b.Motor = MotorKind.PwmPin;
            b.MotorPin = 26;
            b.MotorPwmFunction = DeviceFunction.PWM1;
            b.MotorPwmFrequencyHz = 1000;

            // The big front button "M5": active low with the board's own pull-up (GPIO 37 is input-only, no internal pull).
            b.Button = ButtonKind.GpioPin;
            b.ButtonPin = 37;
            b.ButtonActiveLow = true;
            b.ButtonInternalPullUp = false;

            b.Battery = BatteryKind.Axp192;
            b.BatteryAdcPin = -1;
            return b;
        }
    }
}
