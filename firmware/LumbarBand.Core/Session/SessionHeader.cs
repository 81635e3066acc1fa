using LumbarBand.Core.Storage;

namespace LumbarBand.Core.Session
{
    /// <summary>
    /// The first record of a session after the log's start record (type <see cref="SessionRecordTypes.Header"/>),
    /// 42 bytes (38 in formats 1–2), little-endian (docs/sessions.md §3):
    /// <code>
    ///  0 formatVersion:u8      <see cref="CurrentFormatVersion"/>
    ///  1 sessionId:u32         the log's session id (the same as in the SessionStart record before it)
    ///  5 firmwareMajor:u8  6 firmwareMinor:u8  7 firmwarePatch:u8
    ///  8 startUptimeSeconds:u32  device uptime at the start
    /// 12 startUtcSeconds:u32   host-synced UTC at the start, seconds since 1970; 0 when the clock was not set
    /// 16 epochSeconds:u16      epoch length of this session
    /// 18 startReason:u8        <see cref="SessionStartReason"/>
    /// 19 calibration[19]       <see cref="SessionCalibration"/> at the start
    /// 38 serialNumber:u32      the band's serial (<see cref="Protocol.DeviceInfo.SerialNumber"/>), format 3 on
    /// </code>
    /// A later minor version may append fields; readers ignore bytes they do not know.
    /// </summary>
    public sealed class SessionHeader
    {
        /// <summary>
        /// The session format this firmware writes: 2 added <see cref="SessionRecordTypes.Stretch"/> records (walking
        /// plan); 3 appends the band's serial to this header, so every session says which band recorded it (two
        /// wearers' sessions never merge under one id); 4 adds <see cref="SessionRecordTypes.Bout"/> records (speed,
        /// stride length and rhythm per walking bout) and each epoch's speed and stride length
        /// (<see cref="EpochSummary.EncodedLength"/> 26 instead of 24 bytes). Nothing else changed.
        /// </summary>
        public const int CurrentFormatVersion = 4;

        /// <summary>The first format whose band measures walking speed, stride length and rhythm (bout records, epoch speed).</summary>
        public const int FirstWalkingOutcomeFormatVersion = 4;

        /// <summary>Oldest session format hosts still read (1: sessions without walking-plan records).</summary>
        public const int OldestReadableFormatVersion = 1;

        /// <summary>Bytes of a format 1–2 header: what every readable header has at least.</summary>
        public const int MinEncodedLength = 19 + SessionCalibration.EncodedLength;

        /// <summary>Bytes of this version's header: format 2's and the serial.</summary>
        public const int EncodedLength = MinEncodedLength + 4;

        /// <summary>Offset of the session id, which the writer fills in once the log has started the session.</summary>
        public const int SessionIdOffset = 1;

        private const int VersionOffset = 0;
        private const int FirmwareOffset = 5;
        private const int UptimeOffset = 8;
        private const int UtcOffset = 12;
        private const int EpochOffset = 16;
        private const int ReasonOffset = 18;
        private const int CalibrationOffset = 19;
        private const int SerialOffset = MinEncodedLength;

        private readonly SessionCalibration _calibration = new SessionCalibration();

        /// <summary>Session format version.</summary>
        public int FormatVersion = CurrentFormatVersion;

        /// <summary>Session id (starts at 1, never repeats until the log is formatted).</summary>
        public uint SessionId;

        /// <summary>Firmware version, major.</summary>
        public int FirmwareMajor;

        /// <summary>Firmware version, minor.</summary>
        public int FirmwareMinor;

        /// <summary>Firmware version, patch.</summary>
        public int FirmwarePatch;

        /// <summary>Device uptime at the start, seconds.</summary>
        public uint StartUptimeSeconds;

        /// <summary>UTC at the start, seconds since 1970; 0 when the band's clock was not set.</summary>
        public uint StartUtcSeconds;

        /// <summary>Epoch length, seconds.</summary>
        public int EpochSeconds;

        /// <summary>The recording band's serial number; 0 in sessions of formats 1–2 or from a band without one.</summary>
        public uint SerialNumber;

        /// <summary>Why the session began.</summary>
        public SessionStartReason StartReason;

        /// <summary>The calibration at the start.</summary>
        public SessionCalibration Calibration { get { return _calibration; } }

        /// <summary>Writes the header at <paramref name="index"/>; returns <see cref="EncodedLength"/>.</summary>
        public int Encode(byte[] buffer, int index)
        {
            buffer[index + VersionOffset] = (byte)FormatVersion;
            LittleEndian.WriteUInt32(buffer, index + SessionIdOffset, SessionId);
            buffer[index + FirmwareOffset] = (byte)FirmwareMajor;
            buffer[index + FirmwareOffset + 1] = (byte)FirmwareMinor;
            buffer[index + FirmwareOffset + 2] = (byte)FirmwarePatch;
            LittleEndian.WriteUInt32(buffer, index + UptimeOffset, StartUptimeSeconds);
            LittleEndian.WriteUInt32(buffer, index + UtcOffset, StartUtcSeconds);
            LittleEndian.WriteUInt16(buffer, index + EpochOffset, Saturation.ToUInt16(EpochSeconds));
            buffer[index + ReasonOffset] = (byte)StartReason;
            _calibration.Encode(buffer, index + CalibrationOffset);
            LittleEndian.WriteUInt32(buffer, index + SerialOffset, SerialNumber);
            return EncodedLength;
        }

        /// <summary>The format version of an encoded header (its first byte).</summary>
        public static int ReadFormatVersion(byte[] buffer, int index)
        {
            return buffer[index + VersionOffset];
        }

        /// <summary>The start UTC of an encoded header (for the session list, without decoding the rest).</summary>
        public static uint ReadStartUtcSeconds(byte[] buffer, int index)
        {
            return LittleEndian.ReadUInt32(buffer, index + UtcOffset);
        }

        /// <summary>Reads a header from the <see cref="EncodedLength"/> bytes at <paramref name="index"/> (the caller checked they are there).</summary>
        public void Decode(byte[] buffer, int index)
        {
            Decode(buffer, index, EncodedLength);
        }

        /// <summary>
        /// Reads a header of <paramref name="length"/> bytes (at least <see cref="MinEncodedLength"/>, checked by the
        /// caller) at <paramref name="index"/>: the serial when the record carries it, else 0.
        /// </summary>
        public void Decode(byte[] buffer, int index, int length)
        {
            FormatVersion = buffer[index + VersionOffset];
            SessionId = LittleEndian.ReadUInt32(buffer, index + SessionIdOffset);
            FirmwareMajor = buffer[index + FirmwareOffset];
            FirmwareMinor = buffer[index + FirmwareOffset + 1];
            FirmwarePatch = buffer[index + FirmwareOffset + 2];
            StartUptimeSeconds = LittleEndian.ReadUInt32(buffer, index + UptimeOffset);
            StartUtcSeconds = LittleEndian.ReadUInt32(buffer, index + UtcOffset);
            EpochSeconds = LittleEndian.ReadUInt16(buffer, index + EpochOffset);
            StartReason = (SessionStartReason)buffer[index + ReasonOffset];
            _calibration.Decode(buffer, index + CalibrationOffset);
            SerialNumber = length >= EncodedLength ? LittleEndian.ReadUInt32(buffer, index + SerialOffset) : 0;
        }
    }
}
