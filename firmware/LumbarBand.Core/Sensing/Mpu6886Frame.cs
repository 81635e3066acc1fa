namespace LumbarBand.Core.Sensing
{
    /// <summary>
    /// The MPU-6886 as the band uses it: the registers the firmware writes (addresses and values as named constants),
    /// and the decoder of one 14-byte data burst (ACCEL_XOUT_H .. GYRO_ZOUT_L) into the six raw counts that
    /// <see cref="Band.OnSample"/> takes. The firmware owns one instance and decodes into it in place, so nothing is
    /// allocated per sample; the decode runs unchanged on the PC, where the tests check it.
    /// </summary>
    /// <remarks>
    /// <para>Register addresses and bit positions are those of nanoFramework's binding (nanoFramework.IoT.Device,
    /// devices/Mpu6886/Register.cs, AccelerometerScale.cs, GyroscopeScale.cs, AccelerometerLowPowerMode.cs) and of the
    /// MPU-6886 register map (TDK DS-000193). The binding fixes ±8 g / ±2000 °/s and scales in doubles, so the firmware
    /// uses it only to check WHO_AM_I and to reset the chip, then writes <see cref="ConfigurationStepCount"/> register
    /// values of its own (<see cref="ConfigurationRegister"/>, <see cref="ConfigurationValue"/>).</para>
    /// <para>The data registers are big-endian two's-complement int16: accelerometer X, Y, Z, temperature, gyroscope
    /// X, Y, Z, at consecutive addresses, so one burst read starting at <see cref="AccelXoutH"/> returns a coherent
    /// sample; a FIFO packet (accelerometer and gyroscope enabled) has the same 14 bytes in the same order, so
    /// <see cref="Decode"/> reads both. The temperature word is skipped. The FIFO registers (FIFO_COUNTH/L 0x72–0x73,
    /// FIFO_R_W 0x74, INT_STATUS 0x3A) and bits are from the datasheet; the binding does not name them.</para>
    /// </remarks>
    public sealed class Mpu6886Frame
    {
        /// <summary>I2C address with AD0 low (M5Stack Core2, M5StickC Plus, most breakouts).</summary>
        public const int DefaultI2cAddress = 0x68;

        /// <summary>I2C address with AD0 high.</summary>
        public const int SecondaryI2cAddress = 0x69;

        /// <summary>SMPLRT_DIV: output (register) rate = internal rate / (1 + value); internal rate 1 kHz with the DLPF on.</summary>
        public const byte SmplrtDiv = 0x19;

        /// <summary>CONFIG: FIFO_MODE (bit 6), EXT_SYNC_SET (bits 5:3), DLPF_CFG (bits 2:0, gyroscope and temperature filter).</summary>
        public const byte Config = 0x1A;

        /// <summary>GYRO_CONFIG: self-test (bits 7:5), FS_SEL (bits 4:3), FCHOICE_B (bits 1:0, 00 = DLPF in use).</summary>
        public const byte GyroConfig = 0x1B;

        /// <summary>ACCEL_CONFIG: self-test (bits 7:5), ACCEL_FS_SEL (bits 4:3).</summary>
        public const byte AccelConfig = 0x1C;

        /// <summary>ACCEL_CONFIG2: DEC2_CFG (bits 5:4, low-power averaging), ACCEL_FCHOICE_B (bit 3), A_DLPF_CFG (bits 2:0).</summary>
        public const byte AccelConfig2 = 0x1D;

        /// <summary>FIFO_EN: which sensors feed the FIFO.</summary>
        public const byte FifoEnable = 0x23;

        /// <summary>INT_ENABLE: interrupt sources (bit 0 = data ready).</summary>
        public const byte IntEnable = 0x38;

        /// <summary>ACCEL_XOUT_H: first of the 14 data bytes read in one burst.</summary>
        public const byte AccelXoutH = 0x3B;

        /// <summary>TEMP_OUT_H: the temperature word inside the burst (bytes 6 and 7), skipped.</summary>
        public const byte TempOutH = 0x41;

        /// <summary>GYRO_XOUT_H: the gyroscope words inside the burst (bytes 8 to 13).</summary>
        public const byte GyroXoutH = 0x43;

        /// <summary>ACCEL_INTEL_CTRL: bit 1 OUTPUT_LIMIT.</summary>
        public const byte AccelIntelCtrl = 0x69;

        /// <summary>USER_CTRL: FIFO enable and resets.</summary>
        public const byte UserCtrl = 0x6A;

        /// <summary>PWR_MGMT_1: DEVICE_RESET (bit 7), SLEEP (bit 6), CLKSEL (bits 2:0).</summary>
        public const byte PwrMgmt1 = 0x6B;

        /// <summary>PWR_MGMT_2: per-axis standby bits (1 = axis off).</summary>
        public const byte PwrMgmt2 = 0x6C;

        /// <summary>WHO_AM_I register.</summary>
        public const byte WhoAmI = 0x75;

        /// <summary>The value WHO_AM_I reads on an MPU-6886 (the binding refuses any other).</summary>
        public const byte WhoAmIValue = 0x19;

        /// <summary>PWR_MGMT_1 value that resets every register to its default (the binding's Reset() writes it).</summary>
        public const byte PwrMgmt1DeviceReset = 0x80;

        /// <summary>PWR_MGMT_1 value the band runs with: awake (SLEEP = 0), CLKSEL = 1 (best available clock, the gyro PLL).</summary>
        public const byte PwrMgmt1Run = 0x01;

        /// <summary>PWR_MGMT_2 value: all six axes on.</summary>
        public const byte PwrMgmt2AllAxesOn = 0x00;

        /// <summary>DLPF_CFG = 4: gyroscope low-pass at about 20 Hz (3 dB), below the 25 Hz Nyquist limit of 50 Hz sampling.</summary>
        public const byte GyroDlpfCfg = 4;

        /// <summary>
        /// CONFIG bit 6, FIFO_MODE = 1: a full FIFO keeps its oldest samples and refuses new ones, so what the reader
        /// finds after a long stall is contiguous and the loss is at its end (<see cref="ImuFifoPump"/>).
        /// </summary>
        public const byte ConfigFifoModeKeepOldest = 0x40;

        /// <summary>CONFIG value: FIFO_MODE 1, no external sync, <see cref="GyroDlpfCfg"/>.</summary>
        public const byte ConfigValue = ConfigFifoModeKeepOldest | GyroDlpfCfg;

        /// <summary>GYRO_CONFIG FS_SEL = 2: ±1000 °/s, the <see cref="ImuFormat.GyroFullScaleDps"/> Core expects.</summary>
        public const byte GyroFsSel = 2;

        /// <summary>GYRO_CONFIG value: no self-test, FS_SEL in bits 4:3, FCHOICE_B = 00 (the DLPF is used).</summary>
        public const byte GyroConfigValue = GyroFsSel << 3;

        /// <summary>ACCEL_CONFIG ACCEL_FS_SEL = 2: ±8 g (4096 counts/g), the <see cref="ImuFormat.AccelFullScaleG"/> Core expects.</summary>
        public const byte AccelFsSel = 2;

        /// <summary>ACCEL_CONFIG value: no self-test, ACCEL_FS_SEL in bits 4:3.</summary>
        public const byte AccelConfigValue = AccelFsSel << 3;

        /// <summary>A_DLPF_CFG = 4: accelerometer low-pass at about 21 Hz (3 dB), matched to the gyroscope's.</summary>
        public const byte AccelDlpfCfg = 4;

        /// <summary>ACCEL_CONFIG2 value: DEC2_CFG 0, ACCEL_FCHOICE_B 0 (the DLPF is used), <see cref="AccelDlpfCfg"/>.</summary>
        public const byte AccelConfig2Value = AccelDlpfCfg;

        /// <summary>SMPLRT_DIV for a 50 Hz output rate (1 kHz / (1 + 19)).</summary>
        public const byte SampleRateDivider50Hz = 19;

        /// <summary>
        /// SMPLRT_DIV the band writes: 50 Hz. The chip is the band's clock: it writes one sample every 20 ms into its
        /// FIFO, and the firmware drains whole packets whenever it wakes (<see cref="ImuFifoPump"/>), so the reader's
        /// wake-up jitter (a scheduler tick, about 10 ms) and stalls up to the FIFO's depth neither skip nor repeat a
        /// sample. The anti-alias filtering is the DLPF's (the divider decimates without filtering).
        /// </summary>
        public const byte SampleRateDividerValue = SampleRateDivider50Hz;

        /// <summary>INT_ENABLE bit 4, FIFO_OFLOW_EN: latch a FIFO overflow in INT_STATUS (the INT pin is not used).</summary>
        public const byte IntEnableFifoOverflow = 0x10;

        /// <summary>INT_ENABLE value: only the FIFO overflow status (the band polls it).</summary>
        public const byte IntEnableValue = IntEnableFifoOverflow;

        /// <summary>FIFO_EN bits 4 and 3, GYRO_FIFO_EN and ACC_FIFO_EN: each sample's gyroscope and accelerometer (and, with them, temperature) go to the FIFO.</summary>
        public const byte FifoEnableValue = 0x18;

        /// <summary>USER_CTRL bit 6, FIFO_EN: the FIFO runs.</summary>
        public const byte UserCtrlFifoEnable = 0x40;

        /// <summary>USER_CTRL bit 2, FIFO_RST: empties the FIFO (clears itself).</summary>
        public const byte UserCtrlFifoReset = 0x04;

        /// <summary>USER_CTRL value: FIFO on, emptied as it starts.</summary>
        public const byte UserCtrlValue = UserCtrlFifoEnable | UserCtrlFifoReset;

        /// <summary>INT_STATUS register; bit 4 (<see cref="IntStatusFifoOverflow"/>) latches a FIFO overflow, cleared by reading.</summary>
        public const byte IntStatus = 0x3A;

        /// <summary>INT_STATUS bit 4, FIFO_OFLOW_INT.</summary>
        public const byte IntStatusFifoOverflow = 0x10;

        /// <summary>FIFO_COUNTH: high byte of the bytes waiting (FIFO_COUNTL follows at 0x73; read both in one burst).</summary>
        public const byte FifoCountH = 0x72;

        /// <summary>FIFO_R_W: reading it pops bytes from the FIFO, oldest first.</summary>
        public const byte FifoReadWrite = 0x74;

        /// <summary>
        /// ACCEL_INTEL_CTRL value: OUTPUT_LIMIT = 1, which the datasheet asks for at every power-up so outputs are not
        /// limited below 0x7F7F (as the binding's constructor does).
        /// </summary>
        public const byte AccelIntelCtrlValue = 0x02;

        /// <summary>First register of the data burst.</summary>
        public const byte BurstRegister = AccelXoutH;

        /// <summary>Bytes in one data burst: accelerometer (6), temperature (2), gyroscope (6).</summary>
        public const int BurstLength = 14;

        /// <summary>Register writes in <see cref="ConfigurationRegister"/>/<see cref="ConfigurationValue"/>, in order.</summary>
        public const int ConfigurationStepCount = 11;

        /// <summary>Accelerometer X in counts (±8 g full scale).</summary>
        public short Ax;

        /// <summary>Accelerometer Y in counts.</summary>
        public short Ay;

        /// <summary>Accelerometer Z in counts.</summary>
        public short Az;

        /// <summary>Gyroscope X in counts (±1000 °/s full scale).</summary>
        public short Gx;

        /// <summary>Gyroscope Y in counts.</summary>
        public short Gy;

        /// <summary>Gyroscope Z in counts.</summary>
        public short Gz;

        /// <summary>
        /// The register of configuration step <paramref name="step"/> (0 .. <see cref="ConfigurationStepCount"/> − 1),
        /// written after the reset: wake first, then ranges, filters and rate, then the rest.
        /// </summary>
        public static byte ConfigurationRegister(int step)
        {
            switch (step)
            {
                case 0: return PwrMgmt1;
                case 1: return PwrMgmt2;
                case 2: return Config;
                case 3: return GyroConfig;
                case 4: return AccelConfig;
                case 5: return AccelConfig2;
                case 6: return SmplrtDiv;
                case 7: return IntEnable;
                case 8: return FifoEnable;
                case 9: return UserCtrl;
                case 10: return AccelIntelCtrl;
                default: return 0;
            }
        }

        /// <summary>The value written in configuration step <paramref name="step"/>.</summary>
        public static byte ConfigurationValue(int step)
        {
            switch (step)
            {
                case 0: return PwrMgmt1Run;
                case 1: return PwrMgmt2AllAxesOn;
                case 2: return ConfigValue;
                case 3: return GyroConfigValue;
                case 4: return AccelConfigValue;
                case 5: return AccelConfig2Value;
                case 6: return SampleRateDividerValue;
                case 7: return IntEnableValue;
                case 8: return FifoEnableValue;
                case 9: return UserCtrlValue;
                case 10: return AccelIntelCtrlValue;
                default: return 0;
            }
        }

        /// <summary>
        /// True for the steps the firmware reads back after writing: the ranges, filters and rate that Core's scaling
        /// and filtering depend on. A mismatch means the chip is not the one Core was tuned for, and the band stops.
        /// </summary>
        public static bool IsVerifiedAfterWrite(int step)
        {
            return step >= 2 && step <= 6;
        }

        /// <summary>Reads a big-endian two's-complement int16 at <paramref name="offset"/>.</summary>
        public static short ReadInt16BigEndian(byte[] buffer, int offset)
        {
            return (short)((buffer[offset] << 8) | buffer[offset + 1]);
        }

        /// <summary>
        /// Decodes one burst of <see cref="BurstLength"/> bytes starting at <paramref name="offset"/> into
        /// <see cref="Ax"/> .. <see cref="Gz"/>; the temperature word (bytes 6 and 7) is skipped.
        /// </summary>
        public void Decode(byte[] burst, int offset)
        {
            Ax = (short)((burst[offset] << 8) | burst[offset + 1]);
            Ay = (short)((burst[offset + 2] << 8) | burst[offset + 3]);
            Az = (short)((burst[offset + 4] << 8) | burst[offset + 5]);
            Gx = (short)((burst[offset + 8] << 8) | burst[offset + 9]);
            Gy = (short)((burst[offset + 10] << 8) | burst[offset + 11]);
            Gz = (short)((burst[offset + 12] << 8) | burst[offset + 13]);
        }

        /// <summary>Passes the decoded sample to <paramref name="band"/>, stamped with <paramref name="timeUs"/>.</summary>
        public void FeedTo(Band band, long timeUs)
        {
            band.OnSample(timeUs, Ax, Ay, Az, Gx, Gy, Gz);
        }
    }

    /// <summary>
    /// The band's 50 Hz sample schedule on a microsecond clock (on the device, nanoFramework's HighResTimer). The
    /// sampling thread asks <see cref="TryTakeSlot"/> whether a sample is due; each due slot is stamped with its grid
    /// time (start + n × <see cref="ImuFormat.SamplePeriodUs"/>), so the timestamps and the sample count that Core sees
    /// stay in step, exactly as the host tools feed it a uniform 50 Hz grid. Between slots the thread sleeps
    /// <see cref="SleepMilliseconds"/>. Nothing is allocated; integer arithmetic only.
    /// </summary>
    /// <remarks>
    /// <para>Late wake-ups (the scheduler tick is about 10 ms, and a flash write or garbage collection can stall the
    /// thread) are absorbed: every slot whose time has come is taken, back to back, up to
    /// <see cref="MaxCatchUpSlots"/> behind. A longer stall is not replayed: the schedule jumps to the newest slot, the
    /// skipped slots are counted in <see cref="SkippedSlots"/> and <see cref="Resyncs"/>, and Core's sample index
    /// then lags real time by that many samples.</para>
    /// <para>Wake-up lateness (read time − slot time) is tracked in <see cref="MaxLatenessUs"/> for diagnostics.</para>
    /// </remarks>
    public sealed class ImuSamplePacer
    {
        /// <summary>Default for how many slots behind the schedule may fall and still be caught up (100 ms at 50 Hz).</summary>
        public const int DefaultMaxCatchUpSlots = 5;

        /// <summary>A slot counts as due this many microseconds before its time (a sleep rarely lands exactly).</summary>
        public const int EarlyToleranceUs = 500;

        private readonly long _periodUs;
        private readonly int _maxCatchUpSlots;
        private long _nextSlotUs;
        private bool _started;

        /// <summary>Creates a pacer for <see cref="ImuFormat.SamplePeriodUs"/> and <see cref="DefaultMaxCatchUpSlots"/>.</summary>
        public ImuSamplePacer()
            : this(ImuFormat.SamplePeriodUs, DefaultMaxCatchUpSlots)
        {
        }

        /// <summary>Creates a pacer with a period of <paramref name="periodUs"/> µs, catching up at most <paramref name="maxCatchUpSlots"/> slots.</summary>
        public ImuSamplePacer(int periodUs, int maxCatchUpSlots)
        {
            _periodUs = periodUs > 0 ? periodUs : ImuFormat.SamplePeriodUs;
            _maxCatchUpSlots = maxCatchUpSlots > 0 ? maxCatchUpSlots : 1;
        }

        /// <summary>Slots taken so far.</summary>
        public long SlotsTaken { get; private set; }

        /// <summary>Slots dropped by resynchronisation after long stalls.</summary>
        public long SkippedSlots { get; private set; }

        /// <summary>How many times the schedule jumped ahead after a stall longer than <see cref="MaxCatchUpSlots"/>.</summary>
        public int Resyncs { get; private set; }

        /// <summary>Largest (read time − slot time) seen, in µs.</summary>
        public long MaxLatenessUs { get; private set; }

        /// <summary>How many slots behind the schedule may fall and still be caught up.</summary>
        public int MaxCatchUpSlots { get { return _maxCatchUpSlots; } }

        /// <summary>Time of the next slot to take, in µs (valid after <see cref="Start"/>).</summary>
        public long NextSlotUs { get { return _nextSlotUs; } }

        /// <summary>Starts the schedule: the first slot is one period after <paramref name="nowUs"/>.</summary>
        public void Start(long nowUs)
        {
            _nextSlotUs = nowUs + _periodUs;
            _started = true;
        }

        /// <summary>
        /// True if a slot is due at <paramref name="nowUs"/>; then <paramref name="slotUs"/> is its time and the schedule
        /// moves on by one slot. Call again until false: after a late wake-up several slots may be due.
        /// </summary>
        public bool TryTakeSlot(long nowUs, out long slotUs)
        {
            if (!_started)
            {
                Start(nowUs);
            }

            long next = _nextSlotUs;
            if (nowUs < next - EarlyToleranceUs)
            {
                slotUs = 0;
                return false;
            }

            long behind = (nowUs - next) / _periodUs;
            if (behind > _maxCatchUpSlots)
            {
                SkippedSlots += behind;
                Resyncs++;
                next += behind * _periodUs;
            }

            long lateness = nowUs - next;
            if (lateness > MaxLatenessUs)
            {
                MaxLatenessUs = lateness;
            }

            slotUs = next;
            _nextSlotUs = next + _periodUs;
            SlotsTaken++;
            return true;
        }

        /// <summary>
        /// Milliseconds to sleep at <paramref name="nowUs"/> before asking again: the whole milliseconds left until the
        /// next slot (rounded down, so the sleep ends at or just before it), at least 1 while a slot is not yet due, and
        /// 0 when one is due.
        /// </summary>
        public int SleepMilliseconds(long nowUs)
        {
            if (!_started)
            {
                return 0;
            }

            long remaining = _nextSlotUs - nowUs;
            if (remaining <= EarlyToleranceUs)
            {
                return 0;
            }

            long ms = remaining / 1000;
            return ms < 1 ? 1 : (int)ms;
        }
    }
}
