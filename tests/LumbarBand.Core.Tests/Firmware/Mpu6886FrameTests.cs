using LumbarBand.Core.Sensing;

namespace LumbarBand.Core.Tests.Firmware;

/// <summary>
/// The firmware's IMU burst decoding and register configuration (Core's <see cref="Mpu6886Frame"/>): byte order, sign,
/// the skipped temperature word, and that the ranges written are the ones <see cref="ImuFormat"/> promises Core.
/// </summary>
public sealed class Mpu6886FrameTests
{
    /// <summary>Encodes six counts (and a temperature word) as the chip lays them out from ACCEL_XOUT_H.</summary>
    internal static byte[] Burst(short ax, short ay, short az, short temperature, short gx, short gy, short gz, int offset = 0)
    {
        var bytes = new byte[offset + Mpu6886Frame.BurstLength];
        short[] words = [ax, ay, az, temperature, gx, gy, gz];
        for (int i = 0; i < words.Length; i++)
        {
            bytes[offset + (2 * i)] = (byte)((ushort)words[i] >> 8);
            bytes[offset + (2 * i) + 1] = (byte)(ushort)words[i];
        }

        return bytes;
    }

    [Fact]
    public void DecodesBigEndianTwosComplementCounts()
    {
        var frame = new Mpu6886Frame();
        frame.Decode(Burst(4096, -4096, short.MaxValue, 1234, short.MinValue, -1, 258), 0);

        Assert.Equal(4096, frame.Ax);
        Assert.Equal(-4096, frame.Ay);
        Assert.Equal(short.MaxValue, frame.Az);
        Assert.Equal(short.MinValue, frame.Gx);
        Assert.Equal(-1, frame.Gy);
        Assert.Equal(258, frame.Gz);
    }

    [Fact]
    public void ReadsHighByteFirst()
    {
        // 0x01 0x02 is 258 big-endian (513 if it were read little-endian); 0xFF 0xFE is -2.
        byte[] raw = [0x01, 0x02, 0xFF, 0xFE, 0x80, 0x00, 0x7F, 0x7F, 0x00, 0x01, 0xFF, 0xFF, 0x10, 0x00];
        var frame = new Mpu6886Frame();
        frame.Decode(raw, 0);

        Assert.Equal(258, frame.Ax);
        Assert.Equal(-2, frame.Ay);
        Assert.Equal(-32768, frame.Az);
        Assert.Equal(1, frame.Gx);
        Assert.Equal(-1, frame.Gy);
        Assert.Equal(4096, frame.Gz);
        Assert.Equal(258, Mpu6886Frame.ReadInt16BigEndian(raw, 0));
        Assert.Equal(-2, Mpu6886Frame.ReadInt16BigEndian(raw, 2));
    }

    [Fact]
    public void SkipsTheTemperatureWord()
    {
        var frame = new Mpu6886Frame();
        frame.Decode(Burst(1, 2, 3, 0x7777, 5, 6, 7), 0);
        short[] decoded = [frame.Ax, frame.Ay, frame.Az, frame.Gx, frame.Gy, frame.Gz];

        Assert.Equal([1, 2, 3, 5, 6, 7], decoded.Select(v => (int)v));
        Assert.DoesNotContain((short)0x7777, decoded);
    }

    [Fact]
    public void DecodesAtAnOffset()
    {
        byte[] raw = Burst(-100, 200, -300, 0, 400, -500, 600, offset: 3);
        raw[0] = 0xAA;
        raw[1] = 0xBB;
        raw[2] = 0xCC;
        var frame = new Mpu6886Frame();
        frame.Decode(raw, 3);

        Assert.Equal(-100, frame.Ax);
        Assert.Equal(600, frame.Gz);
    }

    [Fact]
    public void BurstCoversAccelTemperatureGyroInRegisterOrder()
    {
        Assert.Equal(0x3B, Mpu6886Frame.AccelXoutH);
        Assert.Equal(Mpu6886Frame.AccelXoutH, Mpu6886Frame.BurstRegister);
        Assert.Equal(6, Mpu6886Frame.TempOutH - Mpu6886Frame.AccelXoutH);
        Assert.Equal(8, Mpu6886Frame.GyroXoutH - Mpu6886Frame.AccelXoutH);

        // GYRO_ZOUT_L (0x48) is the last byte of the burst.
        Assert.Equal(0x48, Mpu6886Frame.AccelXoutH + Mpu6886Frame.BurstLength - 1);
    }

    [Fact]
    public void RegisterAddressesAreThoseOfTheNanoFrameworkBinding()
    {
        // nanoFramework.IoT.Device devices/Mpu6886/Register.cs
        Assert.Equal(0x19, Mpu6886Frame.SmplrtDiv);
        Assert.Equal(0x1A, Mpu6886Frame.Config);
        Assert.Equal(0x1B, Mpu6886Frame.GyroConfig);
        Assert.Equal(0x1C, Mpu6886Frame.AccelConfig);
        Assert.Equal(0x1D, Mpu6886Frame.AccelConfig2);
        Assert.Equal(0x23, Mpu6886Frame.FifoEnable);
        Assert.Equal(0x38, Mpu6886Frame.IntEnable);
        Assert.Equal(0x69, Mpu6886Frame.AccelIntelCtrl);
        Assert.Equal(0x6A, Mpu6886Frame.UserCtrl);
        Assert.Equal(0x6B, Mpu6886Frame.PwrMgmt1);
        Assert.Equal(0x6C, Mpu6886Frame.PwrMgmt2);
        Assert.Equal(0x75, Mpu6886Frame.WhoAmI);
        Assert.Equal(0x19, Mpu6886Frame.WhoAmIValue);
        Assert.Equal(0x68, Mpu6886Frame.DefaultI2cAddress);
    }

    [Fact]
    public void RangesWrittenAreTheRangesCoreIsScaledFor()
    {
        // ACCEL_FS_SEL n selects ±(2 << n) g; FS_SEL n selects ±(250 << n) °/s (binding: AccelerometerScale, GyroscopeScale).
        Assert.Equal(ImuFormat.AccelFullScaleG, 2 << Mpu6886Frame.AccelFsSel);
        Assert.Equal(ImuFormat.GyroFullScaleDps, 250 << Mpu6886Frame.GyroFsSel);
        Assert.Equal(0b0001_0000, Mpu6886Frame.AccelConfigValue);
        Assert.Equal(0b0001_0000, Mpu6886Frame.GyroConfigValue);

        // FCHOICE_B = 00 and ACCEL_FCHOICE_B = 0: both digital low-pass filters are in use.
        Assert.Equal(0, Mpu6886Frame.GyroConfigValue & 0b11);
        Assert.Equal(0, Mpu6886Frame.AccelConfig2Value & 0b1000);
        Assert.Equal(Mpu6886Frame.GyroDlpfCfg, Mpu6886Frame.ConfigValue & 0b111);
        Assert.Equal(Mpu6886Frame.AccelDlpfCfg, Mpu6886Frame.AccelConfig2Value & 0b111);
    }

    [Fact]
    public void SampleRateDividerConstantsMatchTheirRates()
    {
        const int InternalRateHz = 1000;
        Assert.Equal(ImuFormat.SampleRateHz, InternalRateHz / (1 + Mpu6886Frame.SampleRateDivider50Hz));
        Assert.Equal(ImuFormat.SampleRateHz, InternalRateHz / (1 + Mpu6886Frame.SampleRateDividerValue)); // the chip paces the band
    }

    [Fact]
    public void ConfigurationWakesFirstAndWritesEachRegisterOnce()
    {
        var registers = new List<byte>();
        for (int step = 0; step < Mpu6886Frame.ConfigurationStepCount; step++)
        {
            registers.Add(Mpu6886Frame.ConfigurationRegister(step));
        }

        Assert.Equal(Mpu6886Frame.PwrMgmt1, registers[0]);
        Assert.Equal(Mpu6886Frame.PwrMgmt1Run, Mpu6886Frame.ConfigurationValue(0));
        Assert.Equal(0, Mpu6886Frame.PwrMgmt1Run & 0b0100_0000);
        Assert.Equal(registers.Count, registers.Distinct().Count());
        Assert.DoesNotContain((byte)0, registers);
        Assert.Equal(0, Mpu6886Frame.ConfigurationRegister(Mpu6886Frame.ConfigurationStepCount));
    }

    [Fact]
    public void EveryRegisterCoreDependsOnIsVerifiedAfterWrite()
    {
        byte[] mustVerify = [Mpu6886Frame.Config, Mpu6886Frame.GyroConfig, Mpu6886Frame.AccelConfig, Mpu6886Frame.AccelConfig2, Mpu6886Frame.SmplrtDiv];
        var verified = new List<byte>();
        for (int step = 0; step < Mpu6886Frame.ConfigurationStepCount; step++)
        {
            if (Mpu6886Frame.IsVerifiedAfterWrite(step))
            {
                verified.Add(Mpu6886Frame.ConfigurationRegister(step));
            }
        }

        Assert.Equal(mustVerify.Order(), verified.Order());
        Assert.Equal(Mpu6886Frame.GyroConfigValue, ValueWrittenTo(Mpu6886Frame.GyroConfig));
        Assert.Equal(Mpu6886Frame.AccelConfigValue, ValueWrittenTo(Mpu6886Frame.AccelConfig));
        Assert.Equal(Mpu6886Frame.SampleRateDividerValue, ValueWrittenTo(Mpu6886Frame.SmplrtDiv));
    }

    private static byte ValueWrittenTo(byte register)
    {
        for (int step = 0; step < Mpu6886Frame.ConfigurationStepCount; step++)
        {
            if (Mpu6886Frame.ConfigurationRegister(step) == register)
            {
                return Mpu6886Frame.ConfigurationValue(step);
            }
        }

        throw new InvalidOperationException($"register 0x{register:X2} is never written");
    }
}
