using System;
using System.Device.Pwm;
using LumbarBand.Core.Cueing;
using nanoFramework.Hardware.Esp32;

namespace LumbarBand.Firmware.Hardware
{
    /// <summary>
    /// A coin motor switched by a transistor on a PWM pin: duty cycle = intensity. Core's haptic player calls
    /// <see cref="SetDuty"/> only when the level changes; setting a duty cycle is a register write, no waiting.
    /// </summary>
    internal sealed class PwmMotor : IHapticMotor
    {
        private readonly PwmChannel _channel;
        private bool _running;

        /// <summary>Assigns <paramref name="function"/> to <paramref name="pin"/> and opens its PWM channel, stopped.</summary>
        public PwmMotor(int pin, DeviceFunction function, int frequencyHz)
        {
            Configuration.SetPinFunction(pin, function);
            _channel = PwmChannel.CreateFromPin(pin, frequencyHz, 0.0);
            if (_channel == null)
            {
                throw new InvalidOperationException("no PWM channel on GPIO " + pin);
            }
        }

        /// <inheritdoc/>
        public void SetDuty(int dutyPercent)
        {
            if (dutyPercent <= 0)
            {
                if (_running)
                {
                    _channel.DutyCycle = 0.0;
                    _channel.Stop();
                    _running = false;
                }

                return;
            }

            _channel.DutyCycle = dutyPercent >= 100 ? 1.0 : dutyPercent / 100.0;
            if (!_running)
            {
                _channel.Start();
                _running = true;
            }
        }
    }
}
