using System.Buffers.Binary;
using LumbarBand.Core.Cueing;

namespace LumbarBand.Host.Sessions;

/// <summary>
/// STAND-IN session format, to be replaced by Core's session layer (the sessions issue defines the real epoch records
/// and their decoder). It exists so the virtual band has something to record and the host something to download,
/// store, decode, export and report before then. Recognizable by its magic "LBSI", so a store holding stand-in
/// sessions can tell them from real ones after the switch.
/// </summary>
/// <remarks>
/// Layout, little-endian, integers only (as a band would write it):
/// <code>
/// header  "LBSI" | version:u8 = 1 | sessionId:u32 | startUtc:u32 (0 = clock not set) | startUptimeMs:u32
///         | firmware major:u8 minor:u8 patch:u8 | epochSeconds:u16 | epochCount:u16 | eventCount:u16
/// epoch   durationDs:u16 | steps:u16 | walkingDs:u16 | cadenceCentiSpm:u16 (0xFFFF unknown)
///         | flexionMean, flexionMax, lateralMean, lateralMax, swayMean, swayMax: i16 centidegrees (-32768 unknown)
///         | excessiveFlexionDs, excessiveLateralDs, excessiveSwayDs: u16
///         | flexionCues, lateralCues, swayCues, painMarkers: u8 | battery:u8 (255 unknown)
/// event   offsetDs:u32 | kind:u8 | rule:u8 | value:i16
/// </code>
/// "Ds" is deciseconds. Epoch i starts at i × epochSeconds.
/// </remarks>
public sealed class StandInSessionCodec : ISessionDecoder
{
    /// <summary>Format version written and read.</summary>
    public const byte Version = 1;

    private const int HeaderBytes = 4 + 1 + 4 + 4 + 4 + 3 + 2 + 2 + 2;
    private const int EpochBytes = 2 + 2 + 2 + 2 + (6 * 2) + (3 * 2) + 4 + 1;
    private const int EventBytes = 4 + 1 + 1 + 2;
    private const ushort UnknownCadence = ushort.MaxValue;
    private const short UnknownAngle = short.MinValue;
    private const byte UnknownBattery = byte.MaxValue;
    private const double DecisecondsPerSecond = 10.0;
    private const double CentiPerUnit = 100.0;

    private static ReadOnlySpan<byte> Magic => "LBSI"u8;

    /// <inheritdoc/>
    public string Name => "standin-v1";

    /// <inheritdoc/>
    public bool CanDecode(ReadOnlySpan<byte> session) =>
        session.Length >= HeaderBytes && session[..4].SequenceEqual(Magic) && session[4] == Version;

    /// <summary>Serializes <paramref name="session"/> (the stand-in band's recorder calls this when a session ends).</summary>
    public static byte[] Encode(DecodedSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        SessionHeader header = session.Header;
        var bytes = new byte[HeaderBytes + (session.Epochs.Count * EpochBytes) + (session.Events.Count * EventBytes)];
        Span<byte> at = bytes;
        Magic.CopyTo(at);
        at[4] = Version;
        BinaryPrimitives.WriteUInt32LittleEndian(at[5..], header.SessionId);
        uint utc = header.StartUtc is DateTimeOffset start ? (uint)start.ToUnixTimeSeconds() : 0;
        BinaryPrimitives.WriteUInt32LittleEndian(at[9..], utc);
        BinaryPrimitives.WriteUInt32LittleEndian(at[13..], (uint)Math.Round(header.StartUptimeSeconds * 1000));
        WriteVersion(at[17..], header.FirmwareVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(at[20..], checked((ushort)header.EpochSeconds));
        BinaryPrimitives.WriteUInt16LittleEndian(at[22..], checked((ushort)session.Epochs.Count));
        BinaryPrimitives.WriteUInt16LittleEndian(at[24..], checked((ushort)session.Events.Count));
        int offset = HeaderBytes;
        foreach (SessionEpoch epoch in session.Epochs)
        {
            WriteEpoch(bytes.AsSpan(offset, EpochBytes), epoch);
            offset += EpochBytes;
        }

        foreach (SessionEvent e in session.Events)
        {
            Span<byte> record = bytes.AsSpan(offset, EventBytes);
            BinaryPrimitives.WriteUInt32LittleEndian(record, Deciseconds32(e.OffsetSeconds));
            record[4] = (byte)e.Kind;
            record[5] = (byte)e.Rule;
            BinaryPrimitives.WriteInt16LittleEndian(record[6..], (short)Math.Clamp(e.Value, short.MinValue, short.MaxValue));
            offset += EventBytes;
        }

        return bytes;
    }

    /// <inheritdoc/>
    public DecodedSession Decode(ReadOnlySpan<byte> session)
    {
        if (!CanDecode(session))
        {
            throw new SessionFormatException("not a stand-in session (magic \"LBSI\", version 1)");
        }

        int epochSeconds = BinaryPrimitives.ReadUInt16LittleEndian(session[20..]);
        int epochCount = BinaryPrimitives.ReadUInt16LittleEndian(session[22..]);
        int eventCount = BinaryPrimitives.ReadUInt16LittleEndian(session[24..]);
        int expected = HeaderBytes + (epochCount * EpochBytes) + (eventCount * EventBytes);
        if (session.Length != expected || epochSeconds == 0)
        {
            throw new SessionFormatException($"stand-in session of {session.Length} bytes, expected {expected} for {epochCount} epochs and {eventCount} events");
        }

        uint utc = BinaryPrimitives.ReadUInt32LittleEndian(session[9..]);
        var header = new SessionHeader
        {
            SessionId = BinaryPrimitives.ReadUInt32LittleEndian(session[5..]),
            StartUtc = utc == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(utc),
            StartUptimeSeconds = BinaryPrimitives.ReadUInt32LittleEndian(session[13..]) / 1000.0,
            FirmwareVersion = $"{session[17]}.{session[18]}.{session[19]}",
            EpochSeconds = epochSeconds,
        };
        var epochs = new List<SessionEpoch>(epochCount);
        int offset = HeaderBytes;
        for (int i = 0; i < epochCount; i++)
        {
            epochs.Add(ReadEpoch(session.Slice(offset, EpochBytes), i, epochSeconds));
            offset += EpochBytes;
        }

        var events = new List<SessionEvent>(eventCount);
        for (int i = 0; i < eventCount; i++)
        {
            ReadOnlySpan<byte> record = session.Slice(offset, EventBytes);
            var kind = (SessionEventKind)record[4];
            if (!Enum.IsDefined(kind) || !Enum.IsDefined((CueRule)record[5]))
            {
                throw new SessionFormatException($"stand-in session event {i} has unknown kind {record[4]} or rule {record[5]}");
            }

            events.Add(new SessionEvent
            {
                OffsetSeconds = BinaryPrimitives.ReadUInt32LittleEndian(record) / DecisecondsPerSecond,
                Kind = kind,
                Rule = (CueRule)record[5],
                Value = BinaryPrimitives.ReadInt16LittleEndian(record[6..]),
            });
            offset += EventBytes;
        }

        return new DecodedSession { Header = header, Epochs = epochs, Events = events, Totals = SessionTotals.Compute(epochs, events) };
    }

    private static void WriteEpoch(Span<byte> record, SessionEpoch epoch)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(record, Deciseconds16(epoch.DurationSeconds));
        BinaryPrimitives.WriteUInt16LittleEndian(record[2..], (ushort)Math.Clamp(epoch.Steps, 0, ushort.MaxValue));
        BinaryPrimitives.WriteUInt16LittleEndian(record[4..], Deciseconds16(epoch.WalkingSeconds));
        ushort cadence = epoch.CadenceSpm is double spm ? (ushort)Math.Clamp(Math.Round(spm * CentiPerUnit), 0, UnknownCadence - 1) : UnknownCadence;
        BinaryPrimitives.WriteUInt16LittleEndian(record[6..], cadence);
        WriteAngle(record[8..], epoch.FlexionMeanDegrees);
        WriteAngle(record[10..], epoch.FlexionMaxDegrees);
        WriteAngle(record[12..], epoch.LateralBendMeanDegrees);
        WriteAngle(record[14..], epoch.LateralBendMaxDegrees);
        WriteAngle(record[16..], epoch.SwayMeanDegrees);
        WriteAngle(record[18..], epoch.SwayMaxDegrees);
        BinaryPrimitives.WriteUInt16LittleEndian(record[20..], Deciseconds16(epoch.ExcessiveFlexionSeconds));
        BinaryPrimitives.WriteUInt16LittleEndian(record[22..], Deciseconds16(epoch.ExcessiveLateralSeconds));
        BinaryPrimitives.WriteUInt16LittleEndian(record[24..], Deciseconds16(epoch.ExcessiveSwaySeconds));
        record[26] = Count8(epoch.FlexionCues);
        record[27] = Count8(epoch.LateralCues);
        record[28] = Count8(epoch.SwayCues);
        record[29] = Count8(epoch.PainMarkers);
        record[30] = epoch.BatteryPercent is int battery ? (byte)Math.Clamp(battery, 0, 100) : UnknownBattery;
    }

    private static SessionEpoch ReadEpoch(ReadOnlySpan<byte> record, int index, int epochSeconds)
    {
        ushort cadence = BinaryPrimitives.ReadUInt16LittleEndian(record[6..]);
        return new SessionEpoch
        {
            Index = index,
            StartSeconds = (double)index * epochSeconds,
            DurationSeconds = BinaryPrimitives.ReadUInt16LittleEndian(record) / DecisecondsPerSecond,
            Steps = BinaryPrimitives.ReadUInt16LittleEndian(record[2..]),
            WalkingSeconds = BinaryPrimitives.ReadUInt16LittleEndian(record[4..]) / DecisecondsPerSecond,
            CadenceSpm = cadence == UnknownCadence ? null : cadence / CentiPerUnit,
            FlexionMeanDegrees = ReadAngle(record[8..]),
            FlexionMaxDegrees = ReadAngle(record[10..]),
            LateralBendMeanDegrees = ReadAngle(record[12..]),
            LateralBendMaxDegrees = ReadAngle(record[14..]),
            SwayMeanDegrees = ReadAngle(record[16..]),
            SwayMaxDegrees = ReadAngle(record[18..]),
            ExcessiveFlexionSeconds = BinaryPrimitives.ReadUInt16LittleEndian(record[20..]) / DecisecondsPerSecond,
            ExcessiveLateralSeconds = BinaryPrimitives.ReadUInt16LittleEndian(record[22..]) / DecisecondsPerSecond,
            ExcessiveSwaySeconds = BinaryPrimitives.ReadUInt16LittleEndian(record[24..]) / DecisecondsPerSecond,
            FlexionCues = record[26],
            LateralCues = record[27],
            SwayCues = record[28],
            PainMarkers = record[29],
            BatteryPercent = record[30] == UnknownBattery ? null : record[30],
        };
    }

    private static void WriteVersion(Span<byte> at, string version)
    {
        string[] parts = version.Split('.');
        for (int i = 0; i < 3; i++)
        {
            at[i] = i < parts.Length && byte.TryParse(parts[i], System.Globalization.CultureInfo.InvariantCulture, out byte part) ? part : (byte)0;
        }
    }

    private static void WriteAngle(Span<byte> at, double? degrees)
    {
        short value = degrees is double d ? (short)Math.Clamp(Math.Round(d * CentiPerUnit), short.MinValue + 1, short.MaxValue) : UnknownAngle;
        BinaryPrimitives.WriteInt16LittleEndian(at, value);
    }

    private static double? ReadAngle(ReadOnlySpan<byte> at)
    {
        short value = BinaryPrimitives.ReadInt16LittleEndian(at);
        return value == UnknownAngle ? null : value / CentiPerUnit;
    }

    private static ushort Deciseconds16(double seconds) => (ushort)Math.Clamp(Math.Round(seconds * DecisecondsPerSecond), 0, ushort.MaxValue);

    private static uint Deciseconds32(double seconds) => (uint)Math.Clamp(Math.Round(seconds * DecisecondsPerSecond), 0, uint.MaxValue);

    private static byte Count8(int count) => (byte)Math.Clamp(count, 0, byte.MaxValue);
}
