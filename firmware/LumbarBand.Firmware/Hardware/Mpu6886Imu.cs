using System;
using System.Device.I2c;
using System.IO;
using System.Threading;
using Iot.Device.Mpu6886;
using LumbarBand.Core.Sensing;

namespace LumbarBand.Firmware.Hardware
{
    /// <summary>
    /// The MPU-6886 as raw counts. The nanoFramework binding checks WHO_AM_I (its constructor throws IOException
    /// unless it reads 0x19) and resets the chip; then this class writes Core's configuration
    /// (<see cref="Mpu6886Frame.ConfigurationRegister"/>: ±8 g, ±1000 °/s, ~20 Hz low-pass, 1 kHz register refresh),
    /// reads back the registers Core's scaling depends on, and from then on reads all 14 data bytes in one I2C
    /// write-then-read (<see cref="I2cDevice.WriteRead"/>) into buffers allocated here, once.
    /// </summary>
    /// <remarks>
    /// The binding's Vector3 API is not used: it returns doubles and scales with constants fixed for ±8 g/±2000 °/s.
    /// </remarks>
    internal sealed class Mpu6886Imu
    {
        private const int ResetSettleMs = 50;
        private const int WakeSettleMs = 20;

        private readonly I2cDevice _device;

        // Kept so the binding (which owns the same I2cDevice in its Dispose) is not collected with a live device.
        private readonly Mpu6886AccelerometerGyroscope _binding;

        private readonly byte[] _burstRegister = new byte[] { Mpu6886Frame.BurstRegister };
        private readonly byte[] _burst = new byte[Mpu6886Frame.BurstLength];
        private readonly Mpu6886Frame _frame = new Mpu6886Frame();

        /// <summary>Opens the IMU at <paramref name="address"/> on I2C bus <paramref name="busId"/> (pins already assigned) and configures it.</summary>
        public Mpu6886Imu(int busId, int address)
        {
            _device = I2cDevice.Create(new I2cConnectionSettings(busId, address));
            _binding = new Mpu6886AccelerometerGyroscope(_device);
            _binding.Reset();
            Thread.Sleep(ResetSettleMs);

            if (ReadRegister(Mpu6886Frame.WhoAmI) != Mpu6886Frame.WhoAmIValue)
            {
                throw new IOException("MPU-6886 WHO_AM_I changed after reset");
            }

            Configure();
        }

        /// <summary>The last sample, decoded in place by <see cref="TryRead"/>.</summary>
        public Mpu6886Frame Frame { get { return _frame; } }

        /// <summary>Failed burst reads since start.</summary>
        public int ReadErrors { get; private set; }

        /// <summary>
        /// Reads ACCEL_XOUT_H..GYRO_ZOUT_L in one burst and decodes it into <see cref="Frame"/>. False (and
        /// <see cref="Frame"/> unchanged) if the transfer did not complete.
        /// </summary>
        public bool TryRead()
        {
            // SpanByte is a ref struct (stack-only), so the spans are made here, per call, over arrays allocated once.
            I2cTransferResult result = _device.WriteRead(new SpanByte(_burstRegister), new SpanByte(_burst));
            if (result.Status != I2cTransferStatus.FullTransfer)
            {
                ReadErrors++;
                return false;
            }

            _frame.Decode(_burst, 0);
            return true;
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
