using LumbarBand.Core.Sensing;
using nanoFramework.TestFramework;

namespace LumbarBand.Core.DeviceTests
{
    /// <summary>The 50 Hz schedule's arithmetic under the device interpreter (64-bit longs on a 32-bit CPU).</summary>
    [TestClass]
    public class ImuSamplePacerDeviceTests
    {
        [TestMethod]
        public void LateWakeUpsAreCaughtUpOnTheGrid()
        {
            const long Start = 4000000000L;
            ImuSamplePacer pacer = new ImuSamplePacer();
            pacer.Start(Start);

            long slot;
            int taken = 0;
            long now = Start + ImuFormat.SamplePeriodUs + 70000;
            while (pacer.TryTakeSlot(now, out slot))
            {
                taken++;
                Assert.AreEqual(Start + (taken * (long)ImuFormat.SamplePeriodUs), slot);
            }

            Assert.AreEqual(4, taken);
            Assert.AreEqual(0L, pacer.SkippedSlots);
        }

        [TestMethod]
        public void ALongStallResynchronises()
        {
            ImuSamplePacer pacer = new ImuSamplePacer();
            pacer.Start(0);
            long slot;
            int taken = 0;
            while (pacer.TryTakeSlot(ImuFormat.SamplePeriodUs + 1000000, out slot))
            {
                taken++;
            }

            Assert.AreEqual(1, taken);
            Assert.AreEqual(50L, pacer.SkippedSlots);
            Assert.AreEqual(1, pacer.Resyncs);
        }
    }
}
