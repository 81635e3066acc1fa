using LumbarBand.Core;
using LumbarBand.Core.Sensing;
using nanoFramework.TestFramework;

namespace LumbarBand.Core.DeviceTests
{
    /// <summary>The whole per-sample pipeline under the device interpreter: still input counts no steps and captures neutral.</summary>
    [TestClass]
    public class BandDeviceTests
    {
        [TestMethod]
        public void TenStillSecondsCountNoStepsAndCaptureNeutral()
        {
            Band band = new Band();
            Mpu6886Frame frame = new Mpu6886Frame();
            byte[] burst = new byte[Mpu6886Frame.BurstLength];

            // Lying flat: +1 g on Z (4096 counts, 0x1000), a little noise-free offset on X, gyro near zero.
            burst[0] = 0x00;
            burst[1] = 0x0C;
            burst[4] = 0x10;
            burst[5] = 0x00;
            burst[9] = 0x03;

            bool neutralCaptured = false;
            int steps = 0;
            long timeUs = 0;
            for (int i = 0; i < 10 * ImuFormat.SampleRateHz; i++)
            {
                timeUs += ImuFormat.SamplePeriodUs;
                frame.Decode(burst, 0);
                frame.FeedTo(band, timeUs);

                BandEvent e;
                while (band.Events.TryTake(out e))
                {
                    if (e.Kind == BandEventKind.NeutralCaptured)
                    {
                        neutralCaptured = true;
                    }
                    else if (e.Kind == BandEventKind.Step)
                    {
                        steps++;
                    }
                }
            }

            Assert.AreEqual(0, band.TotalSteps);
            Assert.AreEqual(0, steps);
            Assert.IsFalse(band.IsWalking);
            Assert.AreEqual((long)(10 * ImuFormat.SampleRateHz), band.SampleCount);
            Assert.IsTrue(neutralCaptured);
        }
    }
}
