using LumbarBand.Core;
using nanoFramework.TestFramework;

namespace LumbarBand.Core.DeviceTests
{
    /// <summary>The ring between the per-sample pipeline and the session: order, overflow, emptiness.</summary>
    [TestClass]
    public class EventQueueDeviceTests
    {
        [TestMethod]
        public void EventsComeOutInOrder()
        {
            EventQueue queue = new EventQueue(4);
            queue.Add(BandEventKind.Step, 100, 1);
            queue.Add(BandEventKind.BoutStart, 200, 0);

            BandEvent e;
            Assert.IsTrue(queue.TryTake(out e));
            Assert.AreEqual((int)BandEventKind.Step, (int)e.Kind);
            Assert.AreEqual(100L, e.TimeUs);
            Assert.AreEqual(1, e.Value);
            Assert.IsTrue(queue.TryTake(out e));
            Assert.AreEqual((int)BandEventKind.BoutStart, (int)e.Kind);
            Assert.IsFalse(queue.TryTake(out e));
            Assert.AreEqual(0, queue.Count);
        }

        [TestMethod]
        public void AFullQueueDropsTheOldestAndCountsIt()
        {
            EventQueue queue = new EventQueue(3);
            for (int i = 1; i <= 5; i++)
            {
                queue.Add(BandEventKind.Step, i * 1000, i);
            }

            Assert.AreEqual(3, queue.Count);
            Assert.AreEqual(2, queue.Dropped);
            BandEvent e;
            Assert.IsTrue(queue.TryTake(out e));
            Assert.AreEqual(3, e.Value);
        }
    }
}
