using nanoFramework.Hardware.Esp32;

namespace LumbarBand.Firmware.Boards
{
    /// <summary>How a board drives its vibration motor.</summary>
    internal enum MotorKind
    {
        /// <summary>No motor: cues are recorded, not felt.</summary>
        None,

        /// <summary>The AXP192 power chip's LDO3 rail, on/off (M5Stack Core2's built-in motor).</summary>
        Axp192Ldo3,

        /// <summary>A PWM pin driving a transistor that switches a coin motor (duty = intensity).</summary>
        PwmPin,
    }

    /// <summary>Where a board's button is read.</summary>
    internal enum ButtonKind
    {
        /// <summary>No button.</summary>
        None,

        /// <summary>The AXP192 power key (PEK), which reports short and long presses itself.</summary>
        Axp192PowerKey,

        /// <summary>A GPIO pin, polled and debounced by Core's ButtonGestureDetector.</summary>
        GpioPin,
    }

    /// <summary>Where a board's battery voltage is read.</summary>
    internal enum BatteryKind
    {
        /// <summary>Not measured.</summary>
        None,

        /// <summary>The AXP192's battery-voltage ADC.</summary>
        Axp192,

        /// <summary>An ESP32 ADC1 pin behind a resistor divider.</summary>
        AdcDivider,
    }

    /// <summary>
    /// Everything board-specific: pins, buses, which chip drives the motor, reads the button and measures the battery.
    /// Each supported board fills one of these in one file (<see cref="M5StackCore2Board"/>, <see cref="M5StickCPlusBoard"/>,
    /// <see cref="DevKitCBoard"/>); nothing else in the firmware names a pin. <see cref="SelectedBoard"/> picks one.
    /// </summary>
    internal sealed class BoardProfile
    {
        /// <summary>Shown in debug output and the README.</summary>
        public string Name;

        /// <summary>The nanoff --target this board runs (must include Bluetooth LE).</summary>
        public string NanoffTarget;

        /// <summary>I2C bus the IMU (and an AXP192, if any) sit on; nanoFramework numbers ESP32 buses from 1.</summary>
        public int I2cBusId;

        /// <summary>GPIO for I2C SCL, assigned with Configuration.SetPinFunction(pin, DeviceFunction.I2C1_CLOCK).</summary>
        public int I2cSclPin;

        /// <summary>GPIO for I2C SDA (DeviceFunction.I2C1_DATA).</summary>
        public int I2cSdaPin;

        /// <summary>MPU-6886 I2C address (0x68 with AD0 low).</summary>
        public int ImuAddress;

        /// <summary>True if an AXP192 power chip sits on the I2C bus at 0x34 (M5Stack Core2, M5StickC Plus).</summary>
        public bool HasAxp192;

        /// <summary>How the motor is driven.</summary>
        public MotorKind Motor;

        /// <summary>Motor PWM pin (for <see cref="MotorKind.PwmPin"/>).</summary>
        public int MotorPin;

        /// <summary>The ESP32 PWM function assigned to <see cref="MotorPin"/>.</summary>
        public DeviceFunction MotorPwmFunction;

        /// <summary>Motor PWM frequency in Hz; well above the motor's mechanical response, below the transistor's switching limits.</summary>
        public int MotorPwmFrequencyHz;

        /// <summary>LDO3 output for the motor in millivolts (for <see cref="MotorKind.Axp192Ldo3"/>), 1800–3300.</summary>
        public int MotorLdoMillivolts;

        /// <summary>How the button is read.</summary>
        public ButtonKind Button;

        /// <summary>Button GPIO (for <see cref="ButtonKind.GpioPin"/>).</summary>
        public int ButtonPin;

        /// <summary>True if the button pulls the pin low when pressed.</summary>
        public bool ButtonActiveLow;

        /// <summary>True to enable the ESP32's internal pull-up (not available on GPIO 34–39, which need an external one).</summary>
        public bool ButtonInternalPullUp;

        /// <summary>How the battery is measured.</summary>
        public BatteryKind Battery;

        /// <summary>ADC GPIO (for <see cref="BatteryKind.AdcDivider"/>); must be an ADC1 pin (ADC2 is unusable with the radio on).</summary>
        public int BatteryAdcPin;

        /// <summary>The ADC1 channel of <see cref="BatteryAdcPin"/> (AdcController.OpenChannel number).</summary>
        public int BatteryAdcChannel;

        /// <summary>The ESP32 ADC function of <see cref="BatteryAdcPin"/>.</summary>
        public DeviceFunction BatteryAdcFunction;

        /// <summary>Battery voltage = pin voltage × <see cref="BatteryDividerRatioPercent"/> / 100 (200 for two equal resistors).</summary>
        public int BatteryDividerRatioPercent;

        /// <summary>Pin voltage at the ADC's maximum raw value, in mV: calibrate once with a multimeter (see hardware/README.md).</summary>
        public int BatteryAdcFullScaleMillivolts;
    }
}
