using LumbarBand.Core.Controls;
using nanoFramework.TestFramework;

namespace LumbarBand.Core.DeviceTests
{
    /// <summary>Press, double press and long press from a polled level, as the control loop feeds them.</summary>
    [TestClass]
    public class ButtonGestureDeviceTests
    {
        private static int RunAndCount(ButtonGestureDetector detector, int[] script, ButtonGesture wanted)
        {
            // script: duration ms, level (1 pressed, 0 released), repeated; polled every 20 ms
            int count = 0;
            long now = 0;
            for (int i = 0; i + 1 < script.Length; i += 2)
            {
                for (int t = 0; t < script[i]; t += 20)
                {
                    if (detector.Update(now, script[i + 1] != 0) == wanted)
                    {
                        count++;
                    }

                    now += 20;
                }
            }

            return count;
        }

        [TestMethod]
        public void AShortPressIsOnePress()
        {
            Assert.AreEqual(1, RunAndCount(new ButtonGestureDetector(), new int[] { 200, 0, 120, 1, 1000, 0 }, ButtonGesture.Press));
        }

        [TestMethod]
        public void TwoQuickPressesAreOneDoublePressAndNoPress()
        {
            int[] script = new int[] { 200, 0, 100, 1, 150, 0, 100, 1, 1000, 0 };
            Assert.AreEqual(1, RunAndCount(new ButtonGestureDetector(), script, ButtonGesture.DoublePress));
            Assert.AreEqual(0, RunAndCount(new ButtonGestureDetector(), script, ButtonGesture.Press));
        }

        [TestMethod]
        public void HoldingIsOneLongPress()
        {
            int[] script = new int[] { 200, 0, 3000, 1, 1000, 0 };
            Assert.AreEqual(1, RunAndCount(new ButtonGestureDetector(), script, ButtonGesture.LongPress));
            Assert.AreEqual(0, RunAndCount(new ButtonGestureDetector(), script, ButtonGesture.Press));
        }
    }
}
