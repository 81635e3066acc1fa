namespace LumbarBand.Core.Sensing
{
    /// <summary>
    /// The sampling loop's logic, paced by the IMU: the MPU-6886 samples at 50 Hz on its own clock into its 1 KB FIFO
    /// (accelerometer, temperature, gyroscope: one 14-byte packet a sample, in register order), and each call drains
    /// every whole packet waiting. A sample is stamped by its index on the chip's clock (start + index × period), so
    /// a late or stalled reader changes no timestamp and neither loses nor repeats a sample while the FIFO holds
    /// them (<see cref="FifoCapacityPackets"/>, 1.46 s). A longer stall overflows the FIFO: the chip keeps the oldest
    /// packets (CONFIG.FIFO_MODE = 1), those are delivered, and the samples that did not fit are counted in
    /// <see cref="SamplesLost"/> (estimated from the stall's length on the reader's clock) and skipped in the index,
    /// so later timestamps stay true.
    /// </summary>
    /// <remarks>
    /// Allocation-free: the read buffer is sized once for a full FIFO. Decoding reuses <see cref="Mpu6886Frame"/>.
    /// Register facts (FIFO size, packet order, FIFO_MODE) are from the MPU-6886 datasheet (TDK InvenSense
    /// DS-000193), not verified on hardware here.
    /// </remarks>
    public sealed class ImuFifoPump
    {
        /// <summary>Bytes per FIFO packet: accelerometer, temperature, gyroscope, big-endian words.</summary>
        public const int PacketBytes = Mpu6886Frame.BurstLength;

        /// <summary>The MPU-6886 FIFO's size in bytes.</summary>
        public const int FifoCapacityBytes = 1024;

        /// <summary>Whole packets the FIFO holds (73, i.e. 1.46 s at 50 Hz): the longest stall that loses nothing.</summary>
        public const int FifoCapacityPackets = FifoCapacityBytes / PacketBytes;

        /// <summary>Bytes in a FIFO that cannot take another packet (73 whole packets).</summary>
        public const int FullBytes = FifoCapacityPackets * PacketBytes;

        /// <summary>The band's sample period, µs (50 Hz: SMPLRT_DIV 19 on the 1 kHz internal rate).</summary>
        public const int DefaultPeriodUs = 20000;

        private readonly byte[] _buffer = new byte[FifoCapacityPackets * PacketBytes];
        private readonly Mpu6886Frame _frame = new Mpu6886Frame();
        private readonly int _periodUs;
        private long _startUs;
        private long _lastDrainUs;

        /// <summary>A pump for the band's 50 Hz.</summary>
        public ImuFifoPump()
            : this(DefaultPeriodUs)
        {
        }

        /// <summary>A pump for a chip sampling every <paramref name="periodUs"/>.</summary>
        public ImuFifoPump(int periodUs)
        {
            if (periodUs <= 0)
            {
                throw new System.ArgumentException("must be positive", nameof(periodUs));
            }

            _periodUs = periodUs;
        }

        /// <summary>Index of the next sample on the chip's clock (samples delivered plus samples lost).</summary>
        public long NextIndex { get; private set; }

        /// <summary>Samples delivered since <see cref="Start"/>.</summary>
        public long SamplesDelivered { get; private set; }

        /// <summary>Samples lost to FIFO overflows (estimated from each stall's length) or bus recoveries.</summary>
        public long SamplesLost { get; private set; }

        /// <summary>FIFO overflows seen.</summary>
        public int Overflows { get; private set; }

        /// <summary>Longest time between two drains, µs (how close the reader came to the FIFO's depth).</summary>
        public long MaxDrainGapUs { get; private set; }

        /// <summary>Starts the clock: the chip's FIFO was reset (emptied) at <paramref name="nowUs"/>.</summary>
        public void Start(long nowUs)
        {
            _startUs = nowUs;
            _lastDrainUs = nowUs;
            NextIndex = 0;
            SamplesDelivered = 0;
            SamplesLost = 0;
            Overflows = 0;
            MaxDrainGapUs = 0;
        }

        /// <summary>The timestamp of sample <paramref name="index"/>, µs.</summary>
        public long TimeOf(long index)
        {
            return _startUs + (index * _periodUs);
        }

        /// <summary>
        /// Drains <paramref name="fifo"/> at <paramref name="nowUs"/> (the reader's clock) into
        /// <paramref name="sink"/>: every whole packet, oldest first, each stamped by its index.
        /// </summary>
        public FifoPumpResult Pump(IImuFifo fifo, IImuSampleSink sink, long nowUs)
        {
            bool overflowed = fifo.TakeOverflow();
            int count = fifo.ReadCount();
            if (count < 0)
            {
                return FifoPumpResult.BusError;
            }

            // A full FIFO may have refused samples even if the flag was missed: treat it as an overflow (the loss is
            // estimated from the stall's length, so a FIFO that filled exactly counts none).
            overflowed |= count >= FullBytes;

            int packets = count / PacketBytes;
            if (packets > FifoCapacityPackets)
            {
                packets = FifoCapacityPackets;
            }

            if (packets > 0)
            {
                if (!fifo.ReadBytes(_buffer, packets * PacketBytes))
                {
                    return FifoPumpResult.BusError;
                }

                for (int p = 0; p < packets; p++)
                {
                    _frame.Decode(_buffer, p * PacketBytes);
                    sink.OnSample(TimeOf(NextIndex), _frame.Ax, _frame.Ay, _frame.Az, _frame.Gx, _frame.Gy, _frame.Gz);
                    NextIndex++;
                }

                SamplesDelivered += packets;
            }

            long gap = nowUs - _lastDrainUs;
            if (gap > MaxDrainGapUs)
            {
                MaxDrainGapUs = gap;
            }

            if (overflowed)
            {
                // The chip stopped writing when full: the samples of the stall beyond what it held are gone.
                Overflows++;
                SkipLost(nowUs, packets);
                if (!fifo.Reset())
                {
                    return FifoPumpResult.BusError;
                }

                _lastDrainUs = nowUs;
                return FifoPumpResult.Overflowed;
            }

            _lastDrainUs = nowUs;
            return FifoPumpResult.Ok;
        }

        /// <summary>
        /// The bus was recovered and the FIFO reset at <paramref name="nowUs"/>: samples since the last drain are
        /// lost; they are counted and skipped so later timestamps stay true.
        /// </summary>
        public void OnFifoReset(long nowUs)
        {
            SkipLost(nowUs, 0);
            _lastDrainUs = nowUs;
        }

        /// <summary>Counts and skips the samples the chip took between the last drain and <paramref name="nowUs"/> that were not delivered.</summary>
        private void SkipLost(long nowUs, int deliveredNow)
        {
            long taken = (nowUs - _lastDrainUs + (_periodUs / 2)) / _periodUs;
            long lost = taken - deliveredNow;
            if (lost > 0)
            {
                SamplesLost += lost;
                NextIndex += lost;
            }
        }
    }
}
