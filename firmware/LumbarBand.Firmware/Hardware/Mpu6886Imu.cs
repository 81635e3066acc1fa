using System;
using System.Device.Gpio;
using System.Device.I2c;
using System.IO;
using System.Threading;
using Iot.Device.Mpu6886;
using LumbarBand.Core.Sensing;
using nanoFramework.Hardware.Esp32;

namespace LumbarBand.Firmware.Hardware
{
    /// <summary>
    /// The MPU-6886 as Core's <see cref="IImuFifo"/>. The nanoFramework binding checks WHO_AM_I (its constructor throws
    /// IOException unless it reads 0x19) and resets the chip; then this class writes Core's configuration
    /// (<see cref="Mpu6886Frame.ConfigurationRegister"/>: ±8 g, ±1000 °/s, ~20 Hz low-pass, 50 Hz into the FIFO, FIFO
    /// keeps its oldest samples when full, overflow latched), reads back the registers Core's scaling depends on, and
    /// from then on answers the sampling loop's FIFO reads (count, packets, overflow, reset), each one I2C transfer
    /// into buffers allocated here, once. Bus errors are reported, never thrown, so Core's <see cref="ImuBusRecovery"/>
    /// decides; <see cref="Recover"/> clears a stuck bus and configures the chip again.
    /// </summary>
    /// <remarks>
    /// The binding's Vector3 API is not used: it returns doubles and scales with constants fixed for ±8 g/±2000 °/s.
    /// </remarks>
    internal sealed class Mpu6886Imu : IImuFifo
    {
        private const int ResetSettleMs = 50;
        private const int WakeSettleMs = 20;

        /// <summary>SCL pulses that free a slave holding SDA low mid-byte (8 data bits and an acknowledge).</summary>
        private const int BusClearPulses = 9;

        private readonly int _busId;
        private readonly int _address;
        private readonly int _sclPin;
        private readonly int _sdaPin;
        private readonly GpioController _gpio;
        private readonly byte[] _countRegister = new byte[] { Mpu6886Frame.FifoCountH };
        private readonly byte[] _fifoRegister = new byte[] { Mpu6886Frame.FifoReadWrite };
        private readonly byte[] _statusRegister = new byte[] { Mpu6886Frame.IntStatus };
        private readonly byte[] _count = new byte[2];
        private readonly byte[] _status = new byte[1];
        private readonly byte[] _fifoReset = new byte[] { Mpu6886Frame.UserCtrl, Mpu6886Frame.UserCtrlValue };
        private I2cDevice _device;

        // Kept so the binding (which owns the same I2cDevice in its Dispose) is not collected with a live device.
        private Mpu6886AccelerometerGyroscope _binding;

        /// <summary>Opens the IMU at <paramref name="address"/> on I2C bus <paramref name="busId"/> (pins already assigned) and configures it.</summary>
        public Mpu6886Imu(int busId, int address, int sclPin, int sdaPin, GpioController gpio)
        {
            _busId = busId;
            _address = address;
            _sclPin = sclPin;
            _sdaPin = sdaPin;
            _gpio = gpio;
            Open();
        }

        /// <summary>I2C transfers that failed since start.</summary>
        public int BusErrors { get; private set; }

        /// <inheritdoc/>
        public int ReadCount()
        {
            if (!Transfer(_countRegister, _count, _count.Length))
            {
                return -1;
            }

            return (_count[0] << 8) | _count[1];
        }

        /// <inheritdoc/>
        public bool ReadBytes(byte[] buffer, int count)
        {
            return Transfer(_fifoRegister, buffer, count);
        }

        /// <inheritdoc/>
        public bool TakeOverflow()
        {
            // INT_STATUS clears when read; a failed read reports no overflow (the full-FIFO check still sees one).
            return Transfer(_statusRegister, _status, 1) && (_status[0] & Mpu6886Frame.IntStatusFifoOverflow) != 0;
        }

        /// <inheritdoc/>
        public bool Reset()
        {
            // SpanByte is a ref struct (stack-only), so it is made here, per call, over an array allocated once.
            I2cTransferResult result = _device.Write(new SpanByte(_fifoReset));
            return Counted(result.Status == I2cTransferStatus.FullTransfer);
        }

        /// <summary>
        /// Bus recovery then re-initialisation: releases the I2C device, clocks SCL nine times as a GPIO (a slave stuck
        /// mid-byte lets go of SDA), gives the pins back to I2C1, resets and configures the chip, which restarts its
        /// FIFO empty. False if the chip still does not answer.
        /// </summary>
        public bool Recover()
        {
            try
            {
                if (_device != null)
                {
                    _device.Dispose();
                    _device = null;
                }

                _gpio.OpenPin(_sclPin, PinMode.OutputOpenDrain);
                for (int i = 0; i < BusClearPulses; i++)
                {
                    _gpio.Write(_sclPin, PinValue.Low);
                    Thread.Sleep(1);
                    _gpio.Write(_sclPin, PinValue.High);
                    Thread.Sleep(1);
                }

                _gpio.ClosePin(_sclPin);
                Configuration.SetPinFunction(_sclPin, DeviceFunction.I2C1_CLOCK);
                Configuration.SetPinFunction(_sdaPin, DeviceFunction.I2C1_DATA);
                Open();
                return true;
            }
            catch (Exception)
            {
                BusErrors++;
                return false;
            }
        }

        private void Open()
        {
            _device = I2cDevice.Create(new I2cConnectionSettings(_busId, _address));
            _binding = new Mpu6886AccelerometerGyroscope(_device);
            _binding.Reset();
            Thread.Sleep(ResetSettleMs);

            if (ReadRegister(Mpu6886Frame.WhoAmI) != Mpu6886Frame.WhoAmIValue)
            {
                throw new IOException("MPU-6886 WHO_AM_I changed after reset");
            }

            Configure();
        }

        private bool Transfer(byte[] register, byte[] buffer, int count)
        {
            I2cTransferResult result = _device.WriteRead(new SpanByte(register), new SpanByte(buffer, 0, count));
            return Counted(result.Status == I2cTransferStatus.FullTransfer);
        }

        private bool Counted(bool ok)
        {
            if (!ok)
            {
                BusErrors++;
            }

            return ok;
        }

        private void Configure()
        {
            for (int step = 0; step < Mpu6886Frame.ConfigurationStepCount; step++)
            {
                byte register = Mpu6886Frame.ConfigurationRegister(step);
                byte value = Mpu6886Frame.ConfigurationValue(step);
                WriteRegister(register, value);
                Thread.Sleep(step == 0 ? WakeSettleMs : 1);
            }

            for (int step = 0; step < Mpu6886Frame.ConfigurationStepCount; step++)
            {
                if (!Mpu6886Frame.IsVerifiedAfterWrite(step))
                {
                    continue;
                }

                byte register = Mpu6886Frame.ConfigurationRegister(step);
                byte expected = Mpu6886Frame.ConfigurationValue(step);
                byte actual = ReadRegister(register);
                if (actual != expected)
                {
                    throw new IOException("MPU-6886 register 0x" + register.ToString("X2") + " reads 0x" + actual.ToString("X2") + ", wrote 0x" + expected.ToString("X2"));
                }
            }
        }

        private void WriteRegister(byte register, byte value)
        {
            I2cTransferResult result = _device.Write(new SpanByte(new byte[] { register, value }));
            if (result.Status != I2cTransferStatus.FullTransfer)
            {
                throw new IOException("MPU-6886 write to 0x" + register.ToString("X2") + " failed");
            }
        }

        private byte ReadRegister(byte register)
        {
            byte[] value = new byte[1];
            I2cTransferResult result = _device.WriteRead(new SpanByte(new byte[] { register }), new SpanByte(value));
            if (result.Status != I2cTransferStatus.FullTransfer)
            {
                throw new IOException("MPU-6886 read of 0x" + register.ToString("X2") + " failed");
            }

            return value[0];
        }
    }
}
