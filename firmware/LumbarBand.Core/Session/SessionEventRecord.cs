using LumbarBand.Core.Storage;

namespace LumbarBand.Core.Session
{
    /// <summary>
    /// A moment of a session stored on its own (docs/sessions.md §5). Two record types carry one:
    /// <list type="bullet">
    /// <item><see cref="SessionRecordTypes.Event"/>, 9 bytes: <c>kind:u8 | offsetMs:u32 | value:i32</c>. Kind
    /// <see cref="BandEventKind.PainMarker"/>: value = milliseconds walked in the session before the press.</item>
    /// <item><see cref="SessionRecordTypes.Calibration"/>, 23 bytes: <c>offsetMs:u32 | calibration[19]</c>, a neutral
    /// posture captured during the session (kind <see cref="BandEventKind.NeutralCaptured"/>, value 0).</item>
    /// </list>
    /// Cues and changes of motion state are frequent, so they are counted in the epochs rather than stored one by one.
    /// </summary>
    public sealed class SessionEventRecord
    {
        /// <summary>Bytes of an encoded <see cref="SessionRecordTypes.Event"/> payload.</summary>
        public const int EventLength = 9;

        /// <summary>Bytes of an encoded <see cref="SessionRecordTypes.Calibration"/> payload.</summary>
        public const int CalibrationLength = 4 + SessionCalibration.EncodedLength;

        private const int KindOffset = 0;
        private const int EventTimeOffset = 1;
        private const int ValueOffset = 5;
        private const int CalibrationTimeOffset = 0;
        private const int CalibrationBlockOffset = 4;

        private readonly SessionCalibration _calibration = new SessionCalibration();

        /// <summary>What happened.</summary>
        public BandEventKind Kind;

        /// <summary>When, milliseconds from the session start.</summary>
        public uint OffsetMs;

        /// <summary>A kind-specific number (see the record layouts).</summary>
        public int Value;

        /// <summary>The calibration captured (for <see cref="BandEventKind.NeutralCaptured"/>; empty otherwise).</summary>
        public SessionCalibration Calibration { get { return _calibration; } }

        /// <summary>Writes this event's payload at <paramref name="index"/>; returns <see cref="EventLength"/>.</summary>
        public int EncodeEvent(byte[] buffer, int index)
        {
            return EncodeEvent(buffer, index, Kind, OffsetMs, Value);
        }

        /// <summary>Writes an event payload at <paramref name="index"/> without an object (the recorder's way); returns <see cref="EventLength"/>.</summary>
        public static int EncodeEvent(byte[] buffer, int index, BandEventKind kind, uint offsetMs, int value)
        {
            buffer[index + KindOffset] = (byte)kind;
            LittleEndian.WriteUInt32(buffer, index + EventTimeOffset, offsetMs);
            LittleEndian.WriteUInt32(buffer, index + ValueOffset, unchecked((uint)value));
            return EventLength;
        }

        /// <summary>Reads an event payload (at least <see cref="EventLength"/> bytes at <paramref name="index"/>).</summary>
        public void DecodeEvent(byte[] buffer, int index)
        {
            Kind = (BandEventKind)buffer[index + KindOffset];
            OffsetMs = LittleEndian.ReadUInt32(buffer, index + EventTimeOffset);
            Value = unchecked((int)LittleEndian.ReadUInt32(buffer, index + ValueOffset));
            _calibration.Flags = 0;
        }

        /// <summary>Writes this calibration's payload at <paramref name="index"/> (time and <see cref="Calibration"/>); returns <see cref="CalibrationLength"/>.</summary>
        public int EncodeCalibration(byte[] buffer, int index)
        {
            return EncodeCalibration(buffer, index, OffsetMs, _calibration);
        }

        /// <summary>Writes a calibration payload at <paramref name="index"/> without an event object; returns <see cref="CalibrationLength"/>.</summary>
        public static int EncodeCalibration(byte[] buffer, int index, uint offsetMs, SessionCalibration calibration)
        {
            LittleEndian.WriteUInt32(buffer, index + CalibrationTimeOffset, offsetMs);
            calibration.Encode(buffer, index + CalibrationBlockOffset);
            return CalibrationLength;
        }

        /// <summary>Reads a calibration payload (at least <see cref="CalibrationLength"/> bytes at <paramref name="index"/>).</summary>
        public void DecodeCalibration(byte[] buffer, int index)
        {
            Kind = BandEventKind.NeutralCaptured;
            OffsetMs = LittleEndian.ReadUInt32(buffer, index + CalibrationTimeOffset);
            Value = 0;
            _calibration.Decode(buffer, index + CalibrationBlockOffset);
        }
    }
}
