using LumbarBand.Core.Storage;

namespace LumbarBand.Core.Protocol
{
    /// <summary>
    /// The live summary on the status characteristic (read, and notified every
    /// <see cref="ProtocolConstants.StatusIntervalMs"/> while a client is subscribed). 20 bytes, little-endian:
    /// <c>flags:u8 | conditions:u8 | batteryPercent:u8 | storageUsedPercent:u8 | steps:u32 | cadence:u16 |
    /// cues:u16 | flexionDeg:i8 | lateralBendDeg:i8 | sessionSeconds:u16 | walkingSeconds:u16 | storedSessions:u8 |
    /// unacknowledgedSessions:u8</c>. Counters saturate at their field's maximum. A newer minor version may append
    /// fields when the payload allows; clients ignore bytes they do not know.
    /// </summary>
    public sealed class StatusMessage
    {
        /// <summary>Encoded length of this version (exactly the default payload).</summary>
        public const int EncodedBytes = 20;

        /// <summary>Value of an angle field when the band has no neutral posture yet.</summary>
        public const int UnknownAngle = sbyte.MinValue;

        /// <summary>Value of the battery field when the band cannot measure it.</summary>
        public const int UnknownBattery = byte.MaxValue;

        /// <summary>Flags bit: walking (in a confirmed walking bout).</summary>
        public const byte FlagWalking = 0x01;

        /// <summary>Flags bit: a session is being recorded.</summary>
        public const byte FlagSessionOpen = 0x02;

        /// <summary>Flags bit: a neutral posture has been captured.</summary>
        public const byte FlagCalibrated = 0x04;

        /// <summary>Flags bit: the UTC clock was set since power-on.</summary>
        public const byte FlagClockSet = 0x08;

        /// <summary>Flags bit: storage is full of unacknowledged sessions; recording has stopped.</summary>
        public const byte FlagStorageFull = 0x10;

        /// <summary>Flags bit: training mode (cues vibrate); clear in tracking mode.</summary>
        public const byte FlagTraining = 0x20;

        /// <summary>Flags bit: the pairing window is open.</summary>
        public const byte FlagPairingWindowOpen = 0x40;

        /// <summary>Flags bit: the battery is charging.</summary>
        public const byte FlagCharging = 0x80;

        private const int FlagsOffset = 0;
        private const int ConditionsOffset = 1;
        private const int BatteryOffset = 2;
        private const int StorageOffset = 3;
        private const int StepsOffset = 4;
        private const int CadenceOffset = 8;
        private const int CuesOffset = 10;
        private const int FlexionOffset = 12;
        private const int LateralOffset = 13;
        private const int SessionSecondsOffset = 14;
        private const int WalkingSecondsOffset = 16;
        private const int StoredOffset = 18;
        private const int UnacknowledgedOffset = 19;

        /// <summary>
        /// Conditions bit 6: flash failed; recording stopped, cues go on (a fault record is kept, docs/protocol.md §8).
        /// </summary>
        public const byte FaultStorage = 0x40;

        /// <summary>Conditions bit 7: the IMU stopped answering and bus recoveries failed; sampling paused, retried every 10 s.</summary>
        public const byte FaultImu = 0x80;

        /// <summary>Bits <see cref="FlagWalking"/> .. <see cref="FlagCharging"/>.</summary>
        public byte Flags;

        /// <summary>
        /// Excessive-motion conditions in effect now, one bit a <see cref="Cueing.CueRule"/>: bit (rule − 1), so
        /// bit 0 flexion, bit 1 lateral lean, bit 2 sway; and the faults the band carries on through, bits 6–7
        /// (<see cref="FaultStorage"/>, <see cref="FaultImu"/>). 0: within limits, no fault.
        /// </summary>
        public byte Conditions;

        /// <summary>Battery level 0–100 %, or <see cref="UnknownBattery"/>.</summary>
        public int BatteryPercent;

        /// <summary>Share of the session log in use, 0–100 %.</summary>
        public int StorageUsedPercent;

        /// <summary>Steps counted in the current session (since power-on when none is open).</summary>
        public int Steps;

        /// <summary>Current cadence in centi-steps per minute (11250 = 112.5 steps/min); 0 when not walking.</summary>
        public int CadenceCentiStepsPerMinute;

        /// <summary>Cues given in the current session.</summary>
        public int Cues;

        /// <summary>Trunk flexion relative to neutral, whole degrees (forward positive), or <see cref="UnknownAngle"/>.</summary>
        public int FlexionDegrees;

        /// <summary>Lateral bend relative to neutral, whole degrees (right positive), or <see cref="UnknownAngle"/>.</summary>
        public int LateralBendDegrees;

        /// <summary>Seconds since the current session started (0 when none is open).</summary>
        public int SessionSeconds;

        /// <summary>Seconds walked in the current session.</summary>
        public int WalkingSeconds;

        /// <summary>Sessions stored on the band.</summary>
        public int StoredSessions;

        /// <summary>Stored sessions not yet acknowledged by a host.</summary>
        public int UnacknowledgedSessions;

        /// <summary>Sets every field to "nothing known": no flags, zero counters, unknown angles and battery.</summary>
        public void Clear()
        {
            Flags = 0;
            Conditions = 0;
            BatteryPercent = UnknownBattery;
            StorageUsedPercent = 0;
            Steps = 0;
            CadenceCentiStepsPerMinute = 0;
            Cues = 0;
            FlexionDegrees = UnknownAngle;
            LateralBendDegrees = UnknownAngle;
            SessionSeconds = 0;
            WalkingSeconds = 0;
            StoredSessions = 0;
            UnacknowledgedSessions = 0;
        }

        /// <summary>Writes the message at <paramref name="index"/>, saturating counters; returns <see cref="EncodedBytes"/>.</summary>
        public int Write(byte[] buffer, int index)
        {
            buffer[index + FlagsOffset] = Flags;
            buffer[index + ConditionsOffset] = Conditions;
            buffer[index + BatteryOffset] = (byte)SaturateByte(BatteryPercent);
            buffer[index + StorageOffset] = (byte)SaturateByte(StorageUsedPercent);
            LittleEndian.WriteUInt32(buffer, index + StepsOffset, Steps < 0 ? 0 : (uint)Steps);
            LittleEndian.WriteUInt16(buffer, index + CadenceOffset, Saturation.ToUInt16(CadenceCentiStepsPerMinute));
            LittleEndian.WriteUInt16(buffer, index + CuesOffset, Saturation.ToUInt16(Cues));
            buffer[index + FlexionOffset] = (byte)Angle(FlexionDegrees);
            buffer[index + LateralOffset] = (byte)Angle(LateralBendDegrees);
            LittleEndian.WriteUInt16(buffer, index + SessionSecondsOffset, Saturation.ToUInt16(SessionSeconds));
            LittleEndian.WriteUInt16(buffer, index + WalkingSecondsOffset, Saturation.ToUInt16(WalkingSeconds));
            buffer[index + StoredOffset] = (byte)SaturateByte(StoredSessions);
            buffer[index + UnacknowledgedOffset] = (byte)SaturateByte(UnacknowledgedSessions);
            return EncodedBytes;
        }

        /// <summary>
        /// Reads the message from <paramref name="count"/> bytes at <paramref name="index"/>; false when fewer than
        /// <see cref="EncodedBytes"/>. Later bytes are ignored.
        /// </summary>
        public bool Read(byte[] buffer, int index, int count)
        {
            if (buffer == null || count < EncodedBytes || index < 0 || index + count > buffer.Length)
            {
                return false;
            }

            Flags = buffer[index + FlagsOffset];
            Conditions = buffer[index + ConditionsOffset];
            BatteryPercent = buffer[index + BatteryOffset];
            StorageUsedPercent = buffer[index + StorageOffset];
            Steps = (int)LittleEndian.ReadUInt32(buffer, index + StepsOffset);
            CadenceCentiStepsPerMinute = LittleEndian.ReadUInt16(buffer, index + CadenceOffset);
            Cues = LittleEndian.ReadUInt16(buffer, index + CuesOffset);
            FlexionDegrees = (sbyte)buffer[index + FlexionOffset];
            LateralBendDegrees = (sbyte)buffer[index + LateralOffset];
            SessionSeconds = LittleEndian.ReadUInt16(buffer, index + SessionSecondsOffset);
            WalkingSeconds = LittleEndian.ReadUInt16(buffer, index + WalkingSecondsOffset);
            StoredSessions = buffer[index + StoredOffset];
            UnacknowledgedSessions = buffer[index + UnacknowledgedOffset];
            return true;
        }

        /// <summary>True when <paramref name="flag"/> (one of the Flag constants) is set.</summary>
        public bool Has(byte flag)
        {
            return (Flags & flag) != 0;
        }

        /// <summary>Sets or clears <paramref name="flag"/>.</summary>
        public void Set(byte flag, bool on)
        {
            Flags = on ? (byte)(Flags | flag) : (byte)(Flags & ~flag);
        }

        private static int SaturateByte(int value)
        {
            if (value < 0)
            {
                return 0;
            }

            return value > byte.MaxValue ? byte.MaxValue : value;
        }

        private static int Angle(int degrees)
        {
            return degrees == UnknownAngle ? UnknownAngle : Saturation.ToInt8(degrees);
        }
    }
}
