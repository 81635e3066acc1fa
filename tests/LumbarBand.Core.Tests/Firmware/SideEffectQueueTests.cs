using LumbarBand.Core.Runtime;

namespace LumbarBand.Core.Tests.Firmware;

/// <summary>The bounded single-producer, single-consumer queue between the band's threads.</summary>
public sealed class SideEffectQueueTests
{
    [Fact]
    public void CommandsComeOutInOrderAndAFullQueueRefusesAndCounts()
    {
        var queue = new SideEffectQueue(3);
        Assert.True(queue.TryPost(1, 10));
        Assert.True(queue.TryPost(2, 20));
        Assert.True(queue.TryPost(3, 30));
        Assert.False(queue.TryPost(4, 40)); // full: the producer does not wait
        Assert.Equal(1, queue.Dropped);
        Assert.True(queue.TryTake(out int kind, out int value));
        Assert.Equal((1, 10), (kind, value));
        Assert.True(queue.TryPost(5, 50)); // wraps around
        int[] expected = [2, 3, 5];
        foreach (int k in expected)
        {
            Assert.True(queue.TryTake(out kind, out _));
            Assert.Equal(k, kind);
        }

        Assert.False(queue.TryTake(out _, out _));
    }

    [Fact]
    public void AProducerAndAConsumerOnTwoThreadsLoseNothingAcceptedAndNeverBlock()
    {
        var queue = new SideEffectQueue(16);
        const int posts = 200_000;
        var accepted = new List<int>();
        var taken = new List<int>();
        var producer = new Thread(() =>
        {
            for (int i = 0; i < posts; i++)
            {
                if (queue.TryPost(1, i))
                {
                    accepted.Add(i);
                }
            }
        });
        var consumer = new Thread(() =>
        {
            int idle = 0;
            while (idle < 1_000_000)
            {
                if (queue.TryTake(out _, out int value))
                {
                    taken.Add(value);
                    idle = 0;
                    if ((value & 1023) == 0)
                    {
                        Thread.Sleep(1); // the control thread stalls on flash now and then
                    }
                }
                else
                {
                    idle++;
                }
            }
        });
        producer.Start();
        consumer.Start();
        producer.Join();
        consumer.Join();
        Assert.Equal(accepted, taken);
        Assert.Equal(posts, accepted.Count + queue.Dropped);
    }
}
