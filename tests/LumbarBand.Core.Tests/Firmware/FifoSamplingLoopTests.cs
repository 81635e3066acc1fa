using LumbarBand.Core.Sensing;

namespace LumbarBand.Core.Tests.Firmware;

/// <summary>
/// The firmware's sampling loop logic (Core's <see cref="ImuFifoPump"/>) against a simulated MPU-6886 that samples at
/// 50 Hz on its own clock into a 1 KB FIFO: with wake-up jitter, stalls of the sampling thread (waiting on a lock while
/// flash is written) and a drifting chip clock, no sample is lost or repeated up to the FIFO's depth, and a longer stall
/// is reported as a loss of the right size.
/// </summary>
public sealed class FifoSamplingLoopTests
{
    private const int PeriodUs = ImuFifoPump.DefaultPeriodUs;
    private const long FifoDepthUs = (long)ImuFifoPump.FifoCapacityPackets * PeriodUs;

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 10_000)]   // chip clock 1 % slow
    [InlineData(3, -10_000)]  // chip clock 1 % fast
    public void StallsJitterAndFlashLatencyUpToTheFifoDepthLoseAndRepeatNothing(int seed, int chipDriftPpm)
    {
        var chip = new SimulatedImuFifo(PeriodUs, chipDriftPpm);
        var sink = new RecordingSink();
        var pump = new ImuFifoPump();
        var random = new Random(seed);
        pump.Start(0);
        long now = 0;
        long longestStall = 0;
        while (now < 300_000_000)
        {
            now += 5_000 + random.Next(0, 40_000); // wake-up jitter: 5–45 ms between drains
            if (random.Next(25) == 0)
            {
                // The sampling thread waited on a lock while flash was written (erase, settings, log commit).
                long stall = random.Next(100_000, (int)(FifoDepthUs - (2 * PeriodUs) - 45_000));
                now += stall;
                longestStall = Math.Max(longestStall, stall);
            }

            chip.AdvanceTo(now);
            Assert.Equal(FifoPumpResult.Ok, pump.Pump(chip, sink, now));
        }

        Assert.True(longestStall > FifoDepthUs * 9 / 10, $"the run should include a stall near the FIFO depth; longest {longestStall} µs");
        Assert.Equal(0, chip.SamplesDroppedByChip);
        Assert.Equal(0, pump.SamplesLost);
        Assert.Equal(0, pump.Overflows);
        Assert.Equal(chip.SamplesProduced - chip.PacketsWaiting, sink.Indices.Count);
        for (int i = 0; i < sink.Indices.Count; i++)
        {
            Assert.Equal(i, sink.Indices[i]); // every chip sample once, in order
            Assert.Equal((long)i * PeriodUs, sink.TimesUs[i]); // stamped on the chip's clock
        }

        Assert.True(pump.MaxDrainGapUs < FifoDepthUs);
    }

    [Fact]
    public void AStallLongerThanTheFifoIsReportedAsALossOfTheRightSizeAndNothingRepeats()
    {
        var chip = new SimulatedImuFifo(PeriodUs, 0);
        var sink = new RecordingSink();
        var pump = new ImuFifoPump();
        pump.Start(0);
        long now = 0;
        for (int i = 0; i < 100; i++)
        {
            now += 30_000;
            chip.AdvanceTo(now);
            pump.Pump(chip, sink, now);
        }

        now += 2_500_000; // 2.5 s: the FIFO holds 1.46 s
        chip.AdvanceTo(now);
        Assert.Equal(FifoPumpResult.Overflowed, pump.Pump(chip, sink, now));
        // The pump reset the FIFO: the chip fills it again on the same clock.
        for (int i = 0; i < 100; i++)
        {
            now += 30_000;
            chip.AdvanceTo(now);
            Assert.Equal(FifoPumpResult.Ok, pump.Pump(chip, sink, now));
        }

        Assert.True(chip.SamplesDroppedByChip > 40);
        Assert.Equal(1, pump.Overflows);
        Assert.InRange(pump.SamplesLost, chip.SamplesDroppedByChip - 1, chip.SamplesDroppedByChip + 1);
        for (int i = 1; i < sink.Indices.Count; i++)
        {
            Assert.True(sink.Indices[i] > sink.Indices[i - 1], $"sample {sink.Indices[i]} repeated or out of order");
        }

        // Timestamps stay true after the gap: within one period of the chip's own sample time.
        for (int i = 0; i < sink.Indices.Count; i++)
        {
            Assert.InRange(sink.TimesUs[i] - (sink.Indices[i] * PeriodUs), -PeriodUs, PeriodUs);
        }
    }

    [Fact]
    public void ABusErrorDeliversNothingAndTheRecoveryCountsTheGap()
    {
        var chip = new SimulatedImuFifo(PeriodUs, 0);
        var sink = new RecordingSink();
        var pump = new ImuFifoPump();
        pump.Start(0);
        chip.AdvanceTo(200_000);
        pump.Pump(chip, sink, 200_000);
        chip.FailBus = true;
        chip.AdvanceTo(260_000);
        Assert.Equal(FifoPumpResult.BusError, pump.Pump(chip, sink, 260_000));
        Assert.Equal(10, sink.Indices.Count);

        // Recovery re-initialises the chip at 400 ms: its FIFO starts empty, the 10 samples between are lost.
        chip.FailBus = false;
        chip.RestartAt(400_000);
        pump.OnFifoReset(400_000);
        Assert.Equal(10, pump.SamplesLost);
        chip.AdvanceTo(500_000);
        pump.Pump(chip, sink, 500_000);
        Assert.Equal(20, sink.Indices[10]);
        Assert.Equal(20L * PeriodUs, sink.TimesUs[10]);
    }

    [Fact]
    public void PumpingIntoTheBandAllocatesNothing()
    {
        var chip = new SimulatedImuFifo(PeriodUs, 0);
        var band = new Band();
        var pump = new ImuFifoPump();
        pump.Start(0);
        chip.AdvanceTo(1_000_000);
        pump.Pump(chip, band, 1_000_000); // warm up
        long now = 1_000_000;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++)
        {
            now += 40_000;
            chip.AdvanceTo(now);
            pump.Pump(chip, band, now);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(chip.SamplesProduced - chip.PacketsWaiting, pump.SamplesDelivered);
    }

    /// <summary>Records each sample's index (encoded by the simulated chip in the counts) and timestamp.</summary>
    private sealed class RecordingSink : IImuSampleSink
    {
        public List<long> Indices { get; } = [];

        public List<long> TimesUs { get; } = [];

        public void OnSample(long timeUs, short ax, short ay, short az, short gx, short gy, short gz)
        {
            Indices.Add((ushort)ax | ((long)(ushort)ay << 16));
            TimesUs.Add(timeUs);
        }
    }
}

/// <summary>
/// A simulated MPU-6886 FIFO: one 14-byte packet per sample on the chip's own clock (its period off by
/// <c>driftPpm</c>), 1024 bytes deep, FIFO_MODE = 1 (a full FIFO drops new samples and raises the overflow flag). Each
/// packet carries its sample number in the accelerometer X and Y words so the reader's output can be checked.
/// </summary>
internal sealed class SimulatedImuFifo : IImuFifo
{
    private readonly Queue<byte> _fifo = new();
    private readonly double _periodUs;
    private long _next;
    private bool _overflow;

    public SimulatedImuFifo(int periodUs, int driftPpm)
    {
        _periodUs = periodUs * (1 + (driftPpm / 1_000_000.0));
    }

    public long SamplesProduced => _next;

    public long SamplesDroppedByChip { get; private set; }

    public int PacketsWaiting => _fifo.Count / ImuFifoPump.PacketBytes;

    public bool FailBus { get; set; }

    /// <summary>The chip takes every sample due by <paramref name="nowUs"/>.</summary>
    public void AdvanceTo(long nowUs)
    {
        while ((long)(_next * _periodUs) <= nowUs - (long)_periodUs + 1)
        {
            if (_fifo.Count + ImuFifoPump.PacketBytes > ImuFifoPump.FifoCapacityBytes)
            {
                _overflow = true;
                SamplesDroppedByChip++;
            }
            else
            {
                WritePacket(_next);
            }

            _next++;
        }
    }

    /// <summary>The chip was reset and configured again at <paramref name="nowUs"/>: it restarts its clock there, numbering on.</summary>
    public void RestartAt(long nowUs)
    {
        _fifo.Clear();
        _next = Math.Max(_next, (long)Math.Round(nowUs / _periodUs));
    }

    public int ReadCount() => FailBus ? -1 : _fifo.Count;

    public bool ReadBytes(byte[] buffer, int count)
    {
        if (FailBus || count > _fifo.Count)
        {
            return false;
        }

        for (int i = 0; i < count; i++)
        {
            buffer[i] = _fifo.Dequeue();
        }

        return true;
    }

    public bool TakeOverflow()
    {
        bool was = _overflow;
        _overflow = false;
        return was;
    }

    public bool Reset()
    {
        if (FailBus)
        {
            return false;
        }

        _fifo.Clear();
        return true;
    }

    private void WritePacket(long index)
    {
        // Big-endian words in register order: accel X, Y, Z, temperature, gyro X, Y, Z.
        // Written without allocating, so the allocation test measures the reader alone.
        for (int word = 0; word < 7; word++)
        {
            int w = word switch
            {
                0 => (int)(index & 0xFFFF),
                1 => (int)((index >> 16) & 0xFFFF),
                2 => 4096,
                _ => 0,
            };
            _fifo.Enqueue((byte)(w >> 8));
            _fifo.Enqueue((byte)w);
        }
    }
}
