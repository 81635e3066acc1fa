using nanoFramework.Hardware.Esp32;

namespace LumbarBand.Firmware.Boards
{
    /// <summary>
    /// M5Stack Core2 (the default): MPU-6886, AXP192, vibration motor, battery and BLE firmware all built in.
    /// Pins: nanoFramework.M5Stack, M5StackCommon/Core2ToughCommon.cs (I2C1 on GPIO 22/21 shared by the AXP192 at
    /// 0x34, the motor on LDO3 at 2.0 V).
    /// </summary>
    internal static class M5StackCore2Board
    {
        /// <summary>The Core2's profile.</summary>
        public static BoardProfile Create()
        {
            BoardProfile b = new BoardProfile();
            b.Name = "M5Stack Core2";
            b.NanoffTarget = "M5Core2";

            b.I2cBusId = 1;
            b.I2cSclPin = 22;
            b.I2cSdaPin = 21;
            b.ImuAddress = 0x68;
            b.HasAxp192 = true;

            // The built-in motor hangs on LDO3; M5Stack's own init sets LDO3 to 2.0 V for it.
            b.Motor = MotorKind.Axp192Ldo3;
            b.MotorLdoMillivolts = 2000;
            b.MotorPin = -1;
            b.MotorPwmFunction = DeviceFunction.PWM1;

            // The side power key: short press, long press (1.5 s); holding 6 s still powers the Core2 off.
            b.Button = ButtonKind.Axp192PowerKey;
            b.ButtonPin = -1;

            b.Battery = BatteryKind.Axp192;
            b.BatteryAdcPin = -1;
            return b;
        }
    }
}
