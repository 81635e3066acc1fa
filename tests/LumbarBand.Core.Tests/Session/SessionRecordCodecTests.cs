using LumbarBand.Core.Configuration;
using LumbarBand.Core.Session;
using LumbarBand.Core.Storage;

namespace LumbarBand.Core.Tests.Session;

/// <summary>
/// Every session record type round-trips through its encoding with random values; whole sessions round-trip through
/// <see cref="SessionDecoder"/>; random and mutated bytes never make the decoder throw.
/// </summary>
public sealed class SessionRecordCodecTests
{
    private const int Rounds = 2000;

    [Fact]
    public void EpochSummariesRoundTrip()
    {
        var random = new Random(1);
        var buffer = new byte[EpochSummary.EncodedLength + 3];
        for (int round = 0; round < Rounds; round++)
        {
            EpochSummary epoch = RandomEpoch(random, random.Next(0, 65536));
            Assert.Equal(EpochSummary.EncodedLength, epoch.Encode(buffer, 3));
            var back = new EpochSummary();
            back.Decode(buffer, 3);
            AssertSame(epoch, back);
        }
    }

    [Fact]
    public void HeadersRoundTrip()
    {
        var random = new Random(2);
        var buffer = new byte[SessionHeader.EncodedLength];
        for (int round = 0; round < Rounds; round++)
        {
            SessionHeader header = RandomHeader(random, (uint)random.Next(1, int.MaxValue));
            Assert.Equal(SessionHeader.EncodedLength, header.Encode(buffer, 0));
            var back = new SessionHeader();
            back.Decode(buffer, 0);
            Assert.Equal(Describe(header), Describe(back));
            Assert.Equal(header.StartUtcSeconds, SessionHeader.ReadStartUtcSeconds(buffer, 0));
        }
    }

    [Fact]
    public void FootersRoundTrip()
    {
        var random = new Random(3);
        var buffer = new byte[SessionFooter.EncodedLength];
        for (int round = 0; round < Rounds; round++)
        {
            SessionFooter footer = RandomFooter(random);
            Assert.Equal(SessionFooter.EncodedLength, footer.Encode(buffer, 0));
            var back = new SessionFooter();
            back.Decode(buffer, 0);
            Assert.Equal(Describe(footer), Describe(back));
        }
    }

    [Fact]
    public void EventsAndCalibrationsRoundTrip()
    {
        var random = new Random(4);
        var buffer = new byte[SessionEventRecord.CalibrationLength];
        for (int round = 0; round < Rounds; round++)
        {
            var pain = new SessionEventRecord { Kind = BandEventKind.PainMarker, OffsetMs = RandomUInt(random), Value = random.Next(int.MinValue, int.MaxValue) };
            Assert.Equal(SessionEventRecord.EventLength, pain.EncodeEvent(buffer, 0));
            var back = new SessionEventRecord();
            back.DecodeEvent(buffer, 0);
            Assert.Equal((pain.Kind, pain.OffsetMs, pain.Value), (back.Kind, back.OffsetMs, back.Value));

            var calibration = new SessionEventRecord { OffsetMs = RandomUInt(random) };
            Randomize(calibration.Calibration, random);
            Assert.Equal(SessionEventRecord.CalibrationLength, calibration.EncodeCalibration(buffer, 0));
            back.DecodeCalibration(buffer, 0);
            Assert.Equal(BandEventKind.NeutralCaptured, back.Kind);
            Assert.Equal(calibration.OffsetMs, back.OffsetMs);
            Assert.Equal(Describe(calibration.Calibration), Describe(back.Calibration));
        }
    }

    [Fact]
    public void WholeSessionsRoundTripThroughTheDecoder()
    {
        var random = new Random(5);
        for (int round = 0; round < 300; round++)
        {
            RandomSession session = RandomSession.Make(random);
            var content = new SessionContent();
            Assert.Equal(SessionDecodeResult.Ok, SessionDecoder.Decode(session.Bytes, 0, session.Bytes.Length, content));
            Assert.Equal(session.Id, content.SessionId);
            Assert.Equal(Describe(session.Header), Describe(content.Header));
            Assert.Equal(session.Epochs.Count, content.EpochCount);
            for (int i = 0; i < session.Epochs.Count; i++)
            {
                AssertSame(session.Epochs[i], content.Epoch(i));
            }

            Assert.Equal(session.Events.Count, content.EventCount);
            for (int i = 0; i < session.Events.Count; i++)
            {
                Assert.Equal((session.Events[i].Kind, session.Events[i].OffsetMs, session.Events[i].Value), (content.Event(i).Kind, content.Event(i).OffsetMs, content.Event(i).Value));
            }

            Assert.Equal(session.Bouts.Count, content.BoutCount);
            for (int i = 0; i < session.Bouts.Count; i++)
            {
                Assert.Equal(SessionBoutRecordTests.Describe(session.Bouts[i]), SessionBoutRecordTests.Describe(content.Bout(i)));
            }

            Assert.True(content.MeasuresWalkingOutcomes);
            var settings = new byte[content.SettingsLength];
            content.CopySettings(settings, 0);
            Assert.Equal(session.Settings, settings);
            Assert.True(content.HasFooter);
            Assert.True(content.Ended);
            Assert.Equal(Describe(session.Footer), Describe(content.Footer));
        }
    }

    [Fact]
    public void ASessionWithoutFooterStillDecodesAndTotalsComeFromItsEpochs()
    {
        RandomSession session = RandomSession.Make(new Random(6), withFooter: false);
        SessionContent content = SessionTestLog.Decode(session.Bytes);
        Assert.False(content.HasFooter);
        var totals = new SessionFooter();
        content.ComputeTotals(totals);
        Assert.Equal((uint)session.Epochs.Sum(e => e.Steps), totals.Steps);
        Assert.Equal(session.Epochs.Sum(e => e.Cues), totals.Cues);
        Assert.Equal(session.Epochs.Count, totals.EpochCount);
    }

    [Fact]
    public void RandomBytesNeverThrow()
    {
        var random = new Random(7);
        var content = new SessionContent();
        var counts = new Dictionary<SessionDecodeResult, int>();
        for (int round = 0; round < 100_000; round++)
        {
            // Half pure noise; half well-formed records (valid CRCs) of random types, lengths, sequence numbers and
            // payloads, so the decoder's checks past the CRC are exercised too.
            byte[] bytes = random.Next(2) == 0 ? RandomNoise(random) : RandomRecords(random);
            SessionDecodeResult result = SessionDecoder.Decode(bytes, 0, bytes.Length, content);
            counts[result] = counts.GetValueOrDefault(result) + 1;
        }

        Assert.True(counts.Count >= 6, string.Join(", ", counts));
    }

    [Fact]
    public void MutatedSessionsNeverThrowAndNeverDecodeAChangedRecord()
    {
        var random = new Random(8);
        var content = new SessionContent();
        for (int round = 0; round < 20_000; round++)
        {
            RandomSession session = RandomSession.Make(random, maxEpochs: 8);
            byte[] bytes = Mutate(session.Bytes, random);
            SessionDecodeResult result = SessionDecoder.Decode(bytes, 0, bytes.Length, content);
            if (result == SessionDecodeResult.Ok)
            {
                // Only cuts at record boundaries can still decode: then what decodes is a prefix of the original.
                Assert.True(bytes.Length <= session.Bytes.Length && bytes.AsSpan().SequenceEqual(session.Bytes.AsSpan(0, bytes.Length)), "a changed record decoded");
                Assert.True(content.EpochCount <= session.Epochs.Count);
            }
        }
    }

    [Fact]
    public void BadArgumentsGiveErrorsNotExceptions()
    {
        var content = new SessionContent();
        Assert.Equal(SessionDecodeResult.InvalidArguments, SessionDecoder.Decode(null!, 0, 0, content));
        Assert.Equal(SessionDecodeResult.InvalidArguments, SessionDecoder.Decode(new byte[4], 2, 3, content));
        Assert.Equal(SessionDecodeResult.InvalidArguments, SessionDecoder.Decode(new byte[4], 0, 4, null!));
        Assert.Equal(SessionDecodeResult.Empty, SessionDecoder.Decode(new byte[4], 1, 0, content));
    }

    [Fact]
    public void UnitsRoundAndSaturate()
    {
        Assert.Equal(15, SessionUnits.Degrees(1450));
        Assert.Equal(-15, SessionUnits.Degrees(-1450));
        Assert.Equal(14, SessionUnits.Degrees(1449));
        Assert.Equal(127, SessionUnits.Degrees(20000));
        Assert.Equal(-127, SessionUnits.Degrees(-20000));
        Assert.Equal(13, SessionUnits.SwayUnits(320));
        Assert.Equal(SessionUnits.MaxSwayUnits, SessionUnits.SwayUnits(90000));
        Assert.Equal(120, SessionUnits.TimeUnits(30_000_000, 60_000_000));
        Assert.Equal(240, SessionUnits.TimeUnits(90_000_000, 60_000_000));
        Assert.Equal(30_000, SessionUnits.TimeUnitsToMilliseconds(120, 60));
        Assert.Equal(105, SessionUnits.CadenceStepsPerMinute(10, 10 * 571_429));
        Assert.Equal(SessionUnits.NoCadence, SessionUnits.CadenceStepsPerMinute(0, 0));
    }

    [Fact]
    public void TheExamplesInDocsSessionsMdAreWhatTheCodecWrites()
    {
        var epoch = new EpochSummary
        {
            Index = 3, Steps = 105, WalkingUnits = 240, CadenceStepsPerMinute = 105, FlexionMeanDegrees = 5, FlexionMaxDegrees = 12,
            LateralMeanDegrees = -2, LateralMaxDegrees = -6, MediolateralMeanUnits = 13, MediolateralMaxUnits = 18,
            AnteroposteriorMeanUnits = 19, AnteroposteriorMaxUnits = 26, RotationMeanUnits = 38, RotationMaxUnits = 47,
            FlexionExcessUnits = 40, FlexionCues = 1, PainMarkers = 1, BatteryPercent = 87, SpeedMmPerS = 953, StrideLengthMm = 1086,
        };
        var bytes = new byte[EpochSummary.EncodedLength];
        epoch.Encode(bytes, 0);
        Assert.Equal("03 00 69 00 F0 69 05 0C FE FA 0D 12 13 1A 26 2F 28 00 00 01 00 00 01 57 5F 6D", Hex(bytes));

        var bout = new SessionBoutRecord
        {
            StartOffsetMs = 125_300, DurationMs = 300_000, Steps = 512, CadenceDeciSpm = 1024, SpeedMmPerS = 950, StrideLengthMm = 1113,
            StepTimeCvPermille = 32, StrideTimeCvPermille = 25, StepTimeAsymmetryPermille = 18, StrideRegularityPermille = 870,
            ExcessivePostureSeconds = 14, Cues = 2,
        };
        bytes = new byte[SessionBoutRecord.EncodedLength];
        bout.Encode(bytes, 0);
        Assert.Equal("F2 30 00 30 75 00 00 02 00 64 3B 59 04 02 19 20 01 66 23 00 0E 00", Hex(bytes));

        bytes = new byte[SessionEventRecord.EventLength];
        SessionEventRecord.EncodeEvent(bytes, 0, BandEventKind.PainMarker, 100_000, 98_500);
        Assert.Equal("08 A0 86 01 00 C4 80 01 00", Hex(bytes));

        var header = new SessionHeader
        {
            SessionId = 3, FirmwareMajor = 0, FirmwareMinor = 5, FirmwarePatch = 2, StartUptimeSeconds = 3600,
            StartUtcSeconds = 1_750_000_000, EpochSeconds = 60, StartReason = SessionStartReason.Walking,
            SerialNumber = 0x28AB_CDEF,
        };
        SessionCalibration c = header.Calibration;
        c.Flags = 7;
        c.NeutralZ = 16384;
        c.VerticalZ = 16384;
        c.ForwardX = 16384;
        bytes = new byte[SessionHeader.EncodedLength];
        header.Encode(bytes, 0);
        Assert.Equal(
            "04 03 00 00 00 00 05 02 10 0E 00 00 80 E1 4E 68 3C 00 01 07 00 00 00 00 00 40 00 00 00 00 00 40 00 40 00 00 00 00 EF CD AB 28",
            Hex(bytes));
    }

    private static string Hex(byte[] bytes) => string.Join(' ', bytes.Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

    private static byte[] RandomNoise(Random random)
    {
        var bytes = new byte[random.Next(0, 400)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] RandomRecords(Random random)
    {
        byte[] types = [RecordTypes.SessionStart, RecordTypes.SessionEnd, RecordTypes.Acknowledge, SessionRecordTypes.Header,
            SessionRecordTypes.Settings, SessionRecordTypes.Epochs, SessionRecordTypes.Event, SessionRecordTypes.Calibration,
            SessionRecordTypes.Footer, SessionRecordTypes.Stretch, SessionRecordTypes.Bout, 0x42];
        var bytes = new List<byte>();
        var record = new byte[RecordFormat.MaxRecordLength];
        var payload = new byte[RecordFormat.MaxPayloadLength];
        uint sequence = (uint)random.Next(0, 10);
        uint id = (uint)random.Next(1, 4);
        bool first = true;
        for (int n = random.Next(0, 12); n > 0; n--)
        {
            byte type = first && random.Next(4) != 0 ? RecordTypes.SessionStart : types[random.Next(types.Length)];
            first = false;
            int length = RecordTypes.IsControl(type) ? 4 : random.Next(0, 80);
            random.NextBytes(payload.AsSpan(0, length));
            if (RecordTypes.IsControl(type))
            {
                LittleEndian.WriteUInt32(payload, 0, random.Next(3) == 0 ? (uint)random.Next(1, 4) : id);
            }
            else if (type == SessionRecordTypes.Header && length > 5)
            {
                payload[0] = (byte)random.Next(0, SessionHeader.CurrentFormatVersion + 2);
                LittleEndian.WriteUInt32(payload, 1, id);
            }

            sequence += (uint)random.Next(0, 3);
            int encoded = RecordCodec.Encode(type, sequence, payload, 0, length, record, 0);
            bytes.AddRange(record.AsSpan(0, encoded).ToArray());
        }

        return [.. bytes];
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = (byte[])original.Clone();
        switch (random.Next(4))
        {
            case 0:
                bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                return bytes;
            case 1:
                return bytes[..random.Next(bytes.Length)];
            case 2:
                for (int i = random.Next(1, 6); i > 0; i--)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }

                return bytes;
            default:
                var longer = new byte[bytes.Length + random.Next(1, 30)];
                bytes.CopyTo(longer, 0);
                random.NextBytes(longer.AsSpan(bytes.Length));
                return longer;
        }
    }

    internal static EpochSummary RandomEpoch(Random random, int index) => new()
    {
        Index = index,
        Steps = random.Next(0, 65536),
        WalkingUnits = random.Next(0, 241),
        CadenceStepsPerMinute = random.Next(0, 256),
        FlexionMeanDegrees = random.Next(-128, 128),
        FlexionMaxDegrees = random.Next(-128, 128),
        LateralMeanDegrees = random.Next(-128, 128),
        LateralMaxDegrees = random.Next(-128, 128),
        MediolateralMeanUnits = random.Next(0, 256),
        MediolateralMaxUnits = random.Next(0, 256),
        AnteroposteriorMeanUnits = random.Next(0, 256),
        AnteroposteriorMaxUnits = random.Next(0, 256),
        RotationMeanUnits = random.Next(0, 256),
        RotationMaxUnits = random.Next(0, 256),
        FlexionExcessUnits = random.Next(0, 241),
        LateralExcessUnits = random.Next(0, 241),
        SwayExcessUnits = random.Next(0, 241),
        FlexionCues = random.Next(0, 256),
        LateralCues = random.Next(0, 256),
        SwayCues = random.Next(0, 256),
        PainMarkers = random.Next(0, 256),
        BatteryPercent = random.Next(0, 256),
        SpeedMmPerS = random.Next(0, 256) * EpochSummary.MillimetresPerStoredUnit,
        StrideLengthMm = random.Next(0, 256) * EpochSummary.MillimetresPerStoredUnit,
    };

    internal static SessionHeader RandomHeader(Random random, uint id)
    {
        var header = new SessionHeader
        {
            SessionId = id,
            FirmwareMajor = random.Next(256),
            FirmwareMinor = random.Next(256),
            FirmwarePatch = random.Next(256),
            StartUptimeSeconds = RandomUInt(random),
            StartUtcSeconds = RandomUInt(random),
            EpochSeconds = random.Next(1, 65536),
            StartReason = (SessionStartReason)random.Next(0, 4),
        };
        Randomize(header.Calibration, random);
        return header;
    }

    internal static SessionFooter RandomFooter(Random random) => new()
    {
        EndReason = (SessionEndReason)random.Next(0, 5),
        DurationMs = RandomUInt(random),
        EndUtcSeconds = RandomUInt(random),
        Steps = RandomUInt(random),
        WalkingMs = RandomUInt(random),
        FlexionCues = random.Next(0, 65536),
        LateralCues = random.Next(0, 65536),
        SwayCues = random.Next(0, 65536),
        PainMarkers = random.Next(0, 65536),
        FirstPainOffsetMs = RandomUInt(random),
        WalkingMsBeforePain = RandomUInt(random),
        FirstCueOffsetMs = RandomUInt(random),
        FlexionExcessMs = RandomUInt(random),
        LateralExcessMs = RandomUInt(random),
        SwayExcessMs = RandomUInt(random),
        EpochCount = random.Next(0, 65536),
        DroppedRecords = random.Next(0, 65536),
    };

    internal static uint RandomUInt(Random random) => (uint)random.NextInt64(0, uint.MaxValue + 1L);

    private static void Randomize(SessionCalibration c, Random random)
    {
        c.Flags = random.Next(0, 8);
        c.NeutralX = random.Next(-16384, 16385);
        c.NeutralY = random.Next(-16384, 16385);
        c.NeutralZ = random.Next(-16384, 16385);
        c.VerticalX = random.Next(-16384, 16385);
        c.VerticalY = random.Next(-16384, 16385);
        c.VerticalZ = random.Next(-16384, 16385);
        c.ForwardX = random.Next(-16384, 16385);
        c.ForwardY = random.Next(-16384, 16385);
        c.ForwardZ = random.Next(-16384, 16385);
    }

    internal static void AssertSame(EpochSummary expected, EpochSummary actual)
    {
        var a = new byte[EpochSummary.EncodedLength];
        var b = new byte[EpochSummary.EncodedLength];
        expected.Encode(a, 0);
        actual.Encode(b, 0);
        Assert.Equal(a, b);
        Assert.Equal(expected.Index, actual.Index);
        Assert.Equal(expected.Steps, actual.Steps);
        Assert.Equal(expected.FlexionMeanDegrees, actual.FlexionMeanDegrees);
        Assert.Equal(expected.LateralMaxDegrees, actual.LateralMaxDegrees);
        Assert.Equal(expected.BatteryPercent, actual.BatteryPercent);
        Assert.Equal(expected.SpeedMmPerS, actual.SpeedMmPerS);
        Assert.Equal(expected.StrideLengthMm, actual.StrideLengthMm);
    }

    private static string Describe(SessionHeader h) =>
        $"{h.FormatVersion} {h.SessionId} {h.FirmwareMajor}.{h.FirmwareMinor}.{h.FirmwarePatch} {h.StartUptimeSeconds} {h.StartUtcSeconds} {h.EpochSeconds} {h.StartReason} {Describe(h.Calibration)}";

    private static string Describe(SessionCalibration c) =>
        $"{c.Flags} {c.NeutralX} {c.NeutralY} {c.NeutralZ} {c.VerticalX} {c.VerticalY} {c.VerticalZ} {c.ForwardX} {c.ForwardY} {c.ForwardZ}";

    internal static string Describe(SessionFooter f) =>
        $"{f.EndReason} {f.DurationMs} {f.EndUtcSeconds} {f.Steps} {f.WalkingMs} {f.FlexionCues} {f.LateralCues} {f.SwayCues} {f.PainMarkers} " +
        $"{f.FirstPainOffsetMs} {f.WalkingMsBeforePain} {f.FirstCueOffsetMs} {f.FlexionExcessMs} {f.LateralExcessMs} {f.SwayExcessMs} {f.EpochCount} {f.DroppedRecords}";

    /// <summary>A session's serialized form built record by record with the log's own record codec, from random parts.</summary>
    private sealed class RandomSession
    {
        public required uint Id { get; init; }

        public required byte[] Bytes { get; init; }

        public required SessionHeader Header { get; init; }

        public required byte[] Settings { get; init; }

        public required List<EpochSummary> Epochs { get; init; }

        public required List<SessionEventRecord> Events { get; init; }

        public required List<SessionBoutRecord> Bouts { get; init; }

        public required SessionFooter Footer { get; init; }

        public static RandomSession Make(Random random, bool withFooter = true, int maxEpochs = 40)
        {
            uint id = (uint)random.Next(1, 100_000);
            uint sequence = (uint)random.Next(1, 1_000_000);
            var bytes = new List<byte>();
            var record = new byte[RecordFormat.MaxRecordLength];
            var payload = new byte[RecordFormat.MaxPayloadLength];

            void Add(byte type, int length)
            {
                int n = RecordCodec.Encode(type, sequence, payload, 0, length, record, 0);
                bytes.AddRange(record.AsSpan(0, n).ToArray());

                // Acknowledgements of other sessions may sit between a session's records: skip a number now and then.
                sequence += random.Next(5) == 0 ? 2u : 1u;
            }

            LittleEndian.WriteUInt32(payload, 0, id);
            Add(RecordTypes.SessionStart, 4);
            SessionHeader header = RandomHeader(random, id);
            header.EpochSeconds = random.Next(10, 3601);
            Add(SessionRecordTypes.Header, header.Encode(payload, 0));
            var settingsObject = new BandSettings();
            settingsObject.Set(SettingId.EpochSeconds, header.EpochSeconds);
            byte[] settings = SettingsCodec.Encode(settingsObject);
            settings.CopyTo(payload, 0);
            Add(SessionRecordTypes.Settings, settings.Length);

            var epochs = new List<EpochSummary>();
            var events = new List<SessionEventRecord>();
            var bouts = new List<SessionBoutRecord>();
            int index = random.Next(0, 5);
            int epochCount = random.Next(0, maxEpochs);
            while (epochs.Count < epochCount)
            {
                int batch = Math.Min(random.Next(1, SessionWriter.EpochsPerRecord + 1), epochCount - epochs.Count);
                for (int k = 0; k < batch; k++)
                {
                    EpochSummary epoch = RandomEpoch(random, index);
                    index += random.Next(1, 4);
                    epoch.Encode(payload, k * EpochSummary.EncodedLength);
                    epochs.Add(epoch);
                }

                Add(SessionRecordTypes.Epochs, batch * EpochSummary.EncodedLength);
                if (random.Next(4) == 0)
                {
                    var pain = new SessionEventRecord { Kind = BandEventKind.PainMarker, OffsetMs = RandomUInt(random), Value = random.Next() };
                    Add(SessionRecordTypes.Event, pain.EncodeEvent(payload, 0));
                    events.Add(pain);
                }

                if (random.Next(3) == 0)
                {
                    SessionBoutRecord bout = SessionBoutRecordTests.RandomBout(random);
                    Add(SessionRecordTypes.Bout, bout.Encode(payload, 0));
                    bouts.Add(bout);
                }

                if (random.Next(8) == 0)
                {
                    var calibration = new SessionEventRecord { OffsetMs = RandomUInt(random) };
                    Add(SessionRecordTypes.Calibration, calibration.EncodeCalibration(payload, 0));
                    calibration.Kind = BandEventKind.NeutralCaptured;
                    events.Add(calibration);
                }
            }

            SessionFooter footer = RandomFooter(random);
            if (withFooter)
            {
                Add(SessionRecordTypes.Footer, footer.Encode(payload, 0));
            }

            LittleEndian.WriteUInt32(payload, 0, id);
            Add(RecordTypes.SessionEnd, 4);
            return new RandomSession
            {
                Id = id,
                Bytes = [.. bytes],
                Header = header,
                Settings = settings,
                Epochs = epochs,
                Events = events,
                Bouts = bouts,
                Footer = footer,
            };
        }
    }
}
