using LumbarBand.Core.Sensing;
using nanoFramework.TestFramework;

namespace LumbarBand.Core.DeviceTests
{
    /// <summary>The 14-byte IMU burst decoded by the device's own interpreter: byte order, sign, skipped temperature.</summary>
    [TestClass]
    public class Mpu6886FrameDeviceTests
    {
        [TestMethod]
        public void DecodesBigEndianSignedCountsAndSkipsTemperature()
        {
            // ax 258, ay -2, az -32768, temperature 0x7F7F, gx 1, gy -1, gz 4096
            byte[] burst = new byte[] { 0x01, 0x02, 0xFF, 0xFE, 0x80, 0x00, 0x7F, 0x7F, 0x00, 0x01, 0xFF, 0xFF, 0x10, 0x00 };
            Mpu6886Frame frame = new Mpu6886Frame();
            frame.Decode(burst, 0);

            Assert.AreEqual((short)258, frame.Ax);
            Assert.AreEqual((short)-2, frame.Ay);
            Assert.AreEqual((short)-32768, frame.Az);
            Assert.AreEqual((short)1, frame.Gx);
            Assert.AreEqual((short)-1, frame.Gy);
            Assert.AreEqual((short)4096, frame.Gz);
        }

        [TestMethod]
        public void RangesMatchTheFormatCoreIsScaledFor()
        {
            Assert.AreEqual(ImuFormat.AccelFullScaleG, 2 << Mpu6886Frame.AccelFsSel);
            Assert.AreEqual(ImuFormat.GyroFullScaleDps, 250 << Mpu6886Frame.GyroFsSel);
            Assert.AreEqual(14, Mpu6886Frame.BurstLength);
        }
    }
}
