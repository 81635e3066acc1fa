using LumbarBand.Core.Configuration;
using LumbarBand.Core.Gait;
using LumbarBand.Core.Session;
using LumbarBand.Core.Storage;
using LumbarBand.TestSupport;

namespace LumbarBand.Core.Tests.Session;

/// <summary>
/// Session format 4: the walking-bout record (speed, stride length, rhythm per bout) round-trips and saturates, the
/// recorder stores a bout of the open session with offsets from its start, a damaged bout record is named, and
/// sessions stored by older formats (1–3, bytes kept from those firmwares) still decode, as "not measured".
/// </summary>
public sealed class SessionBoutRecordTests
{
    [Fact]
    public void BoutRecordsRoundTripInTheirUnits()
    {
        var random = new Random(14);
        var buffer = new byte[SessionBoutRecord.EncodedLength + 5];
        for (int round = 0; round < 2000; round++)
        {
            SessionBoutRecord bout = RandomBout(random);
            Assert.Equal(SessionBoutRecord.EncodedLength, bout.Encode(buffer, 5));
            var back = new SessionBoutRecord();
            back.Decode(buffer, 5);
            Assert.Equal(Describe(bout), Describe(back));
        }
    }

    [Fact]
    public void ValuesSaturateToTheirFieldsAndABoutBeforeTheSessionStartsAtItsStart()
    {
        var outcome = new WalkingBoutOutcome
        {
            StartUs = 5_000_000, EndUs = 65_004_999, Steps = 70_000, CadenceDeciSpm = 5000, SpeedMmPerS = 4096, StrideLengthMm = -3,
            StepTimeCvPermille = 9999, StrideTimeCvPermille = 4095, StepTimeAsymmetryPermille = 17, StrideRegularityPermille = -1500,
            ExcessivePostureSeconds = 70_000, Cues = 5000,
        };
        var buffer = new byte[SessionBoutRecord.EncodedLength];
        SessionBoutRecord.Encode(buffer, 0, outcome, sessionStartUs: 6_000_000);
        var back = new SessionBoutRecord();
        back.Decode(buffer, 0);
        // Began a second before the session (the 24-h split): stored from the session's start, to its end.
        Assert.Equal(0u, back.StartOffsetMs);
        Assert.Equal(59_000u, back.DurationMs);
        Assert.Equal((65_535, 4095, 4095, 0), (back.Steps, back.CadenceDeciSpm, back.SpeedMmPerS, back.StrideLengthMm));
        Assert.Equal((4095, 4095, 17, -1000), (back.StepTimeCvPermille, back.StrideTimeCvPermille, back.StepTimeAsymmetryPermille, back.StrideRegularityPermille));
        Assert.Equal((65_535, 4095), (back.ExcessivePostureSeconds, back.Cues));

        outcome.StrideRegularityPermille = 1001;
        SessionBoutRecord.Encode(buffer, 0, outcome, sessionStartUs: 0);
        back.Decode(buffer, 0);
        Assert.Equal(1000, back.StrideRegularityPermille);
        Assert.Equal(5000u, back.StartOffsetMs);
        Assert.Equal(60_000u, back.DurationMs);
    }

    [Fact]
    public void TheRecorderStoresEachBoutOfTheOpenSessionWithOffsetsFromItsStart()
    {
        var log = SessionTestLog.NewLog();
        var recorder = new SessionRecorder(null!, null!);
        var writer = new SessionWriter(log, new BandSettings(), null!);
        var feeder = new WalkFeeder(recorder, () => writer.Flush(recorder.Outbox));

        // No session open: nothing is queued.
        recorder.OnWalkingBout(new WalkingBoutOutcome { StartUs = 1, EndUs = 2, Steps = 9 });
        Assert.Equal(0, recorder.Outbox.Count);

        long start = feeder.NowUs;
        feeder.Walk(120);
        long end = feeder.StepTimes[^1];
        var outcome = new WalkingBoutOutcome
        {
            StartUs = start, EndUs = end, Steps = feeder.StepTimes.Count, CadenceDeciSpm = 1050, SpeedMmPerS = 1012, StrideLengthMm = 1157,
            StepTimeCvPermille = 21, StrideTimeCvPermille = 14, StepTimeAsymmetryPermille = 9, StrideRegularityPermille = 912,
            ExcessivePostureSeconds = 7, Cues = 1,
        };
        recorder.OnWalkingBout(outcome);
        feeder.RestUntilSessionEnds();
        writer.Flush(recorder.Outbox);

        SessionContent session = SessionTestLog.Decode(SessionTestLog.StoredBytes(log, 1));
        Assert.True(session.MeasuresWalkingOutcomes);
        Assert.Equal(1, session.BoutCount);
        SessionBoutRecord bout = session.Bout(0);
        Assert.Equal(0u, bout.StartOffsetMs);
        Assert.Equal((uint)Math.Round((end - start) / 10_000.0) * 10, bout.DurationMs);
        Assert.Equal(
            $"steps {feeder.StepTimes.Count} cadence 1050 speed 1012 stride 1157 cv 21/14 asym 9 reg 912 excess 7 cues 1",
            $"steps {bout.Steps} cadence {bout.CadenceDeciSpm} speed {bout.SpeedMmPerS} stride {bout.StrideLengthMm} cv {bout.StepTimeCvPermille}/{bout.StrideTimeCvPermille} asym {bout.StepTimeAsymmetryPermille} reg {bout.StrideRegularityPermille} excess {bout.ExcessivePostureSeconds} cues {bout.Cues}");
    }

    [Fact]
    public void ATruncatedBoutRecordIsNamedWithWhereItIs()
    {
        var log = SessionTestLog.NewLog();
        var recorder = new SessionRecorder(null!, null!);
        var writer = new SessionWriter(log, new BandSettings(), null!);
        var feeder = new WalkFeeder(recorder, () => writer.Flush(recorder.Outbox));
        feeder.Walk(30);
        writer.Flush(recorder.Outbox);
        var shortPayload = new byte[SessionBoutRecord.EncodedLength - 1];
        Assert.Equal(LogResult.Ok, log.Append(SessionRecordTypes.Bout, shortPayload, 0, shortPayload.Length));
        feeder.RestUntilSessionEnds();
        writer.Flush(recorder.Outbox);

        byte[] bytes = SessionTestLog.StoredBytes(log, 1);
        var content = new SessionContent();
        Assert.Equal(SessionDecodeResult.InvalidPayload, SessionDecoder.Decode(bytes, 0, bytes.Length, content));
        Assert.True(content.ErrorOffset > 0, "the error says where the bad record is");
        Assert.Equal(SessionRecordTypes.Bout, bytes[content.ErrorOffset + RecordFormat.TypeOffset]);
    }

    [Fact]
    public void SessionsOfFormatsOneToThreeStillDecodeWithSpeedNotMeasured()
    {
        foreach ((int format, string name, string hex) in StoredSessionBytes.All)
        {
            byte[] bytes = StoredSessionBytes.Bytes(hex);
            var content = new SessionContent();
            Assert.True(SessionDecodeResult.Ok == SessionDecoder.Decode(bytes, 0, bytes.Length, content), $"{name} does not decode");
            Assert.Equal(format, content.Header.FormatVersion);
            Assert.False(content.MeasuresWalkingOutcomes, name);
            Assert.Equal(0, content.BoutCount);
            Assert.True(content.HasFooter && content.Ended, name);
            Assert.Equal(content.Footer.EpochCount, content.EpochCount);
            long steps = 0;
            for (int i = 0; i < content.EpochCount; i++)
            {
                EpochSummary e = content.Epoch(i);
                Assert.Equal((0, 0), (e.SpeedMmPerS, e.StrideLengthMm));
                steps += e.Steps;
            }

            // The 24-byte epochs of formats 1-3 are read whole: their steps add up to the footer's.
            Assert.Equal(content.Footer.Steps, (uint)steps);
            Assert.True(steps > 100, $"{name}: {steps} steps");
            Assert.Equal(name.Contains("Planned", StringComparison.Ordinal) ? 2 : 0, content.StretchCount);
        }
    }

    [Fact]
    public void AFormatFourEpochRecordOfTwentyFourByteEpochsIsRefused()
    {
        // The epoch length follows the header's format: 24-byte epochs under a format-4 header are damage, not data.
        byte[] bytes = StoredSessionBytes.Bytes(StoredSessionBytes.Format3DemoWalk);
        RecordCodec.Decode(bytes, 0, bytes.Length, out RecordHeader start);
        int header = start.EncodedLength;
        Assert.Equal(SessionRecordTypes.Header, bytes[header]);
        bytes[header + RecordFormat.HeaderLength] = SessionHeader.CurrentFormatVersion;
        RecordHeader h;
        RecordCodec.Decode(bytes, header, bytes.Length - header, out h);
        var record = new byte[RecordFormat.MaxRecordLength];
        RecordCodec.Encode(h.Type, h.Sequence, bytes, header + RecordFormat.HeaderLength, h.PayloadLength, record, 0);
        Array.Copy(record, 0, bytes, header, h.EncodedLength);

        var content = new SessionContent();
        SessionDecodeResult result = SessionDecoder.Decode(bytes, 0, bytes.Length, content);
        Assert.Equal(SessionDecodeResult.InvalidPayload, result);
        Assert.Equal(SessionRecordTypes.Epochs, bytes[content.ErrorOffset]);
    }

    internal static SessionBoutRecord RandomBout(Random random) => new()
    {
        StartOffsetMs = (uint)random.Next(0, SessionBoutRecord.MaxCentiseconds + 1) * SessionBoutRecord.MillisPerCentisecond,
        DurationMs = (uint)random.Next(0, SessionBoutRecord.MaxCentiseconds + 1) * SessionBoutRecord.MillisPerCentisecond,
        Steps = random.Next(0, 65536),
        CadenceDeciSpm = random.Next(0, 4096),
        SpeedMmPerS = random.Next(0, 4096),
        StrideLengthMm = random.Next(0, 4096),
        StepTimeCvPermille = random.Next(0, 4096),
        StrideTimeCvPermille = random.Next(0, 4096),
        StepTimeAsymmetryPermille = random.Next(0, 4096),
        StrideRegularityPermille = random.Next(-1000, 1001),
        ExcessivePostureSeconds = random.Next(0, 65536),
        Cues = random.Next(0, 4096),
    };

    internal static string Describe(SessionBoutRecord b) =>
        $"{b.StartOffsetMs} {b.DurationMs} {b.Steps} {b.CadenceDeciSpm} {b.SpeedMmPerS} {b.StrideLengthMm} {b.StepTimeCvPermille} " +
        $"{b.StrideTimeCvPermille} {b.StepTimeAsymmetryPermille} {b.StrideRegularityPermille} {b.ExcessivePostureSeconds} {b.Cues}";
}
