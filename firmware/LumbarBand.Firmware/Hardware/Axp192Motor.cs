using Iot.Device.Axp192;
using LumbarBand.Core.Cueing;
using UnitsNet;

namespace LumbarBand.Firmware.Hardware
{
    /// <summary>
    /// The M5Stack Core2's built-in vibration motor on the AXP192's LDO3 rail (nanoFramework.M5Stack,
    /// M5StackCommon/Core2ToughCommon.cs: Vibrate = EnableLDO3). On/off only: any duty above 0 switches the rail on, at
    /// the voltage set once here. Each change is one register read and one write on the I2C bus, with the binding's
    /// preallocated buffers.
    /// </summary>
    internal sealed class Axp192Motor : IHapticMotor
    {
        private readonly Axp192 _power;
        private bool _on;

        /// <summary>Sets LDO3 to <paramref name="millivolts"/> and switches it off.</summary>
        public Axp192Motor(Axp192 power, int millivolts)
        {
            _power = power;
            _power.LDO3OutputVoltage = ElectricPotential.FromVolts(millivolts / 1000.0);
            _power.EnableLDO3(false);
        }

        /// <inheritdoc/>
        public void SetDuty(int dutyPercent)
        {
            bool on = dutyPercent > 0;
            if (on != _on)
            {
                _power.EnableLDO3(on);
                _on = on;
            }
        }
    }
}
