using LumbarBand.Core.Configuration;
using LumbarBand.Core.Cueing;
using LumbarBand.Core.Session;
using LumbarBand.Core.Storage;

namespace LumbarBand.Core.Tests.Session;

/// <summary>
/// The recorder's rules on event streams built by hand: when sessions start and end, which epoch each event lands in,
/// walking and excessive-motion times, pain markers, empty epochs, storage full, power loss.
/// </summary>
public sealed class SessionRecorderTests
{
    private const long S = 1_000_000;

    private sealed class Rig
    {
        public Rig(RecordLog? log = null, BandSettings? settings = null)
        {
            Settings = settings ?? new BandSettings();
            Log = log ?? SessionTestLog.NewLog();
            Recorder = new SessionRecorder(null!, null!);
            Recorder.Configure(Settings);
            Writer = new SessionWriter(Log, Settings, null!);
            Feeder = new WalkFeeder(Recorder, () => Writer.Flush(Recorder.Outbox));
        }

        public BandSettings Settings { get; }

        public RecordLog Log { get; }

        public SessionRecorder Recorder { get; }

        public SessionWriter Writer { get; }

        public WalkFeeder Feeder { get; }

        public void Event(BandEventKind kind, long timeUs, int value = 0)
        {
            Recorder.Tick(timeUs);
            Recorder.OnEvent(kind, timeUs, value);
            Writer.Flush(Recorder.Outbox);
        }

        public void Tick(long timeUs)
        {
            Recorder.Tick(timeUs);
            Writer.Flush(Recorder.Outbox);
        }

        public SessionContent Session(uint id)
        {
            Writer.Flush(Recorder.Outbox);
            return SessionTestLog.Decode(SessionTestLog.StoredBytes(Log, id));
        }
    }

    [Fact]
    public void ASessionStartsAtTheBoutAndEndsAfterTheIdleTimeWithoutWalking()
    {
        var rig = new Rig();
        rig.Feeder.Rest(10);
        long walkStart = rig.Feeder.NowUs;
        rig.Feeder.Walk(90);
        long lastStep = rig.Feeder.StepTimes[^1];
        Assert.True(rig.Recorder.IsSessionOpen);

        rig.Feeder.Rest(299);
        Assert.True(rig.Recorder.IsSessionOpen, "ended before the idle time");
        rig.Feeder.RestUntilSessionEnds();
        Assert.InRange(rig.Feeder.NowUs - lastStep, 300 * S, 300 * S + SessionRecorder.CloseDelayUs + S);

        SessionContent session = rig.Session(1);
        Assert.Equal(SessionStartReason.Walking, session.Header.StartReason);
        Assert.Equal((uint)(walkStart / S), session.Header.StartUptimeSeconds);
        Assert.Equal(60, session.Header.EpochSeconds);
        Assert.Equal(SessionEndReason.Idle, session.Footer.EndReason);
        Assert.Equal((uint)((lastStep + (300 * S) - walkStart) / 1000), session.Footer.DurationMs);
        Assert.Equal((uint)rig.Feeder.StepTimes.Count, session.Footer.Steps);
        Assert.Equal((uint)((lastStep - walkStart) / 1000), session.Footer.WalkingMs);
        Assert.Equal(2, session.EpochCount);
        Assert.Equal(session.Footer.Steps, (uint)(session.Epoch(0).Steps + session.Epoch(1).Steps));
        Assert.Equal(SessionUnits.TimeUnitsPerEpoch, session.Epoch(0).WalkingUnits);
        Assert.Equal(5, session.Epoch(0).FlexionMeanDegrees);
        Assert.Equal(-2, session.Epoch(0).LateralMeanDegrees);
        Assert.Equal(105, session.Epoch(0).CadenceStepsPerMinute);
        Assert.Equal(13, session.Epoch(0).MediolateralMeanUnits);
    }

    [Fact]
    public void StepsReportedLateGoToTheEpochTheirTimeFallsIn()
    {
        var rig = new Rig();
        long start = 5 * S;
        rig.Event(BandEventKind.BoutStart, start);

        // Walking confirmed 6 s late: the first steps, 0.5 s apart from 57 s into the session, arrive after the boundary.
        rig.Tick(start + (63 * S));
        for (int k = 0; k < 8; k++)
        {
            rig.Recorder.OnEvent(BandEventKind.Step, start + (57 * S) + (k * 500_000), k + 1);
        }

        rig.Event(BandEventKind.BoutEnd, start + (60 * S) + 500_000, 8);
        rig.Recorder.EndNow(start + (62 * S), SessionEndReason.Button);
        SessionContent session = rig.Session(1);
        Assert.Equal(2, session.EpochCount);
        Assert.Equal(6, session.Epoch(0).Steps);
        Assert.Equal(2, session.Epoch(1).Steps);
        Assert.Equal(SessionUnits.TimeUnitsPerEpoch, session.Epoch(0).WalkingUnits);
        Assert.Equal(2, session.Epoch(1).WalkingUnits);
        Assert.Equal(SessionEndReason.Button, session.Footer.EndReason);
    }

    [Fact]
    public void WalkingAgainWithinTheIdleTimeKeepsOneSessionAndLaterStartsASecond()
    {
        var rig = new Rig();
        rig.Feeder.Walk(100);
        rig.Feeder.Rest(200);
        rig.Feeder.Walk(50);
        rig.Feeder.RestUntilSessionEnds();
        rig.Feeder.Rest(30);
        rig.Feeder.Walk(40);
        rig.Feeder.RestUntilSessionEnds();

        Assert.Equal(2u, rig.Log.LastSessionId);
        SessionContent first = rig.Session(1);
        SessionContent second = rig.Session(2);
        Assert.InRange(first.Footer.WalkingMs, 149_000u, 150_000u);
        Assert.InRange(second.Footer.WalkingMs, 39_000u, 40_000u);

        // The rest between the two walks of the first session is not stored: epochs 2 to 4 are empty and skipped.
        int[] indexes = [.. Enumerable.Range(0, first.EpochCount).Select(i => first.Epoch(i).Index)];
        Assert.Equal([0, 1, 5], indexes);
        Assert.Equal(3, first.Footer.EpochCount);
    }

    [Fact]
    public void APainMarkerRecordsTheWalkingBeforeItAndOutsideASessionStartsOne()
    {
        var rig = new Rig();
        rig.Feeder.Walk(130, painAfterS: 100);
        rig.Feeder.RestUntilSessionEnds();
        SessionContent session = rig.Session(1);
        Assert.Equal(1, session.Footer.PainMarkers);
        Assert.Equal(100_000u, session.Footer.FirstPainOffsetMs);
        Assert.Equal(100_000u, session.Footer.WalkingMsBeforePain);
        SessionEventRecord pain = Assert.Single(Enumerable.Range(0, session.EventCount).Select(session.Event));
        Assert.Equal(BandEventKind.PainMarker, pain.Kind);
        Assert.Equal(100_000, pain.Value);
        Assert.Equal(1, session.Epoch(1).PainMarkers);

        rig.Feeder.Rest(20);
        rig.Feeder.Pain();
        Assert.True(rig.Recorder.IsSessionOpen);
        rig.Feeder.RestUntilSessionEnds();
        SessionContent pressed = rig.Session(2);
        Assert.Equal(SessionStartReason.Button, pressed.Header.StartReason);
        Assert.Equal(0u, pressed.Footer.FirstPainOffsetMs);
        Assert.Equal(0u, pressed.Footer.WalkingMsBeforePain);
        Assert.Equal(300_000u, pressed.Footer.DurationMs);
    }

    [Fact]
    public void ExcessiveMotionCountsFromItsOnsetInTheEpochsItOverlaps()
    {
        var rig = new Rig();
        long start = 2 * S;
        rig.Event(BandEventKind.BoutStart, start);

        // Sustained after a 5 s dwell that began at 50 s; cleared at 70 s: 10 s in epoch 0, 10 s in epoch 1.
        rig.Event(BandEventKind.ExcessiveMotionStart, start + (55 * S), ExcessiveMotionValue.Pack(CueRule.Flexion, 5 * S));
        rig.Event(BandEventKind.Cue, start + (56 * S), CueEventValue.Pack(CueRule.Flexion, 1, true));
        rig.Event(BandEventKind.ExcessiveMotionEnd, start + (70 * S), ExcessiveMotionValue.Pack(CueRule.Flexion, 20 * S));
        rig.Event(BandEventKind.ExcessiveMotionStart, start + (100 * S), ExcessiveMotionValue.Pack(CueRule.Sway, 0));
        rig.Event(BandEventKind.BoutEnd, start + (110 * S), 0);
        rig.Recorder.EndNow(start + (115 * S), SessionEndReason.Button);

        SessionContent session = rig.Session(1);
        Assert.Equal(40, session.Epoch(0).FlexionExcessUnits);
        Assert.Equal(40, session.Epoch(1).FlexionExcessUnits);
        Assert.Equal(1, session.Epoch(0).FlexionCues);
        Assert.Equal(56_000u, session.Footer.FirstCueOffsetMs);
        Assert.Equal(20_000u, session.Footer.FlexionExcessMs);
        // Sway's excess runs from 100 s to the bout's last step (110 s): what follows the last step is not walking.
        Assert.Equal(10_000u, session.Footer.SwayExcessMs);
        Assert.Equal(40, session.Epoch(1).SwayExcessUnits);
    }

    [Fact]
    public void WalkingPostureLeavesOutTheStepIntervalsOfATurnAndTheBoutsTail()
    {
        var rig = new Rig();
        const long Tenth = S / 10;

        // Steps every 0.5 s from 2 s to 20 s; posture at 5 Hz (on odd tenths) 5° of flexion, but 40° in the step
        // intervals 8–10 s, where the wearer turns from 8.3 to 9.7 s, and 60° after the last step (sitting down). The
        // bout's end is known at 22.6 s. Flexion is in sustained excess from 5 s (its start event at 7 s) to 22.8 s.
        for (int k = 1; k <= 230; k++)
        {
            long t = k * Tenth;
            if (k >= 20 && k <= 200 && k % 5 == 0)
            {
                rig.Event(k == 20 ? BandEventKind.BoutStart : BandEventKind.Step, t);
            }

            if (k == 70)
            {
                rig.Event(BandEventKind.ExcessiveMotionStart, t, ExcessiveMotionValue.Pack(CueRule.Flexion, 2 * S));
            }

            if (k == 226)
            {
                rig.Event(BandEventKind.BoutEnd, 20 * S, 37);
            }

            if (k % 2 == 1)
            {
                int flexion = k > 200 ? 6000 : k > 80 && k < 100 ? 4000 : 500;
                rig.Recorder.OnPosture(t, flexion, -200, k > 82 && k < 98);
            }
        }

        rig.Event(BandEventKind.ExcessiveMotionEnd, 228 * Tenth, ExcessiveMotionValue.Pack(CueRule.Flexion, 178 * Tenth));
        rig.Recorder.EndNow(30 * S, SessionEndReason.Button);

        SessionContent session = rig.Session(1);
        EpochSummary epoch = session.Epoch(0);
        Assert.Equal(5, epoch.FlexionMeanDegrees);
        Assert.Equal(5, epoch.FlexionMaxDegrees);
        Assert.Equal(-2, epoch.LateralMaxDegrees);
        Assert.Equal(18_000u, session.Footer.WalkingMs);

        // Excess from its onset (5 s) to the last step (20 s), less the turn (8.3 s, its first turning sample, to 9.9 s,
        // its first sample after).
        Assert.Equal(13_400u, session.Footer.FlexionExcessMs);
    }

    [Fact]
    public void ExcessiveStatesAreReportedForTheStatus()
    {
        var recorder = new SessionRecorder(null!, null!);
        recorder.OnEvent(BandEventKind.ExcessiveMotionStart, S, ExcessiveMotionValue.Pack(CueRule.LateralLean, 0));
        recorder.OnEvent(BandEventKind.ExcessiveMotionStart, S, ExcessiveMotionValue.Pack(CueRule.Sway, 0));
        Assert.Equal(0b110, recorder.ExcessiveConditions);
        recorder.OnEvent(BandEventKind.ExcessiveMotionEnd, 2 * S, ExcessiveMotionValue.Pack(CueRule.Sway, S));
        Assert.Equal(0b010, recorder.ExcessiveConditions);
    }

    [Fact]
    public void EpochsFollowTheEpochSettingAndFiveGoInARecord()
    {
        var settings = new BandSettings();
        Assert.True(settings.Set(SettingId.EpochSeconds, 30).IsOk);
        var rig = new Rig(settings: settings);
        rig.Feeder.Walk(12 * 30);
        rig.Feeder.RestUntilSessionEnds();
        SessionContent session = rig.Session(1);
        Assert.Equal(30, session.Header.EpochSeconds);
        Assert.Equal(12, session.EpochCount);

        // 12 epochs: records of 5, 5 and 2.
        byte[] bytes = SessionTestLog.StoredBytes(rig.Log, 1);
        var epochRecordLengths = new List<int>();
        for (int at = 0; at < bytes.Length;)
        {
            Assert.Equal(DecodeResult.Ok, RecordCodec.Decode(bytes, at, bytes.Length - at, out RecordHeader header));
            if (header.Type == SessionRecordTypes.Epochs)
            {
                epochRecordLengths.Add(header.PayloadLength / EpochSummary.EncodedLength);
            }

            at += header.EncodedLength;
        }

        Assert.Equal([5, 5, 2], epochRecordLengths);

        var snapshot = new byte[session.SettingsLength];
        session.CopySettings(snapshot, 0);
        var decoded = new BandSettings();
        Assert.True(SettingsCodec.Decode(snapshot, 0, snapshot.Length, decoded, out _).IsOk);
        Assert.True(decoded.SameAs(settings));
    }

    [Fact]
    public void WhenStorageIsFullRecordingStopsAndResumesAfterAnAcknowledgement()
    {
        // Two small segments: a 4-minute walk fits, a 30-minute one fills the log.
        var rig = new Rig(SessionTestLog.NewLog(2, 700));
        rig.Feeder.Walk(240, painAfterS: 60);
        rig.Feeder.RestUntilSessionEnds();
        rig.Feeder.Walk(1800);
        rig.Feeder.RestUntilSessionEnds();
        Assert.True(rig.Writer.StorageFull);
        Assert.False(rig.Recorder.IsSessionOpen);
        Assert.Equal(2, rig.Recorder.SessionsStarted);
        Assert.Equal(2u, rig.Log.LastSessionId);

        // Session 1 is intact; session 2 stopped where the log ran full, without a footer, and still decodes.
        SessionContent first = rig.Session(1);
        Assert.True(first.HasFooter);
        Assert.Equal(1, first.Footer.PainMarkers);
        SessionContent cut = rig.Session(2);
        Assert.False(cut.HasFooter);
        Assert.True(cut.Ended);
        Assert.InRange(cut.EpochCount, 1, 29);

        // Nothing more can be recorded until the host acknowledges.
        rig.Feeder.Walk(60);
        rig.Feeder.RestUntilSessionEnds();
        Assert.True(rig.Writer.StorageFull);
        uint last = rig.Log.LastSessionId;

        Assert.Equal(LogResult.Ok, rig.Log.Acknowledge(last));
        rig.Feeder.Walk(60);
        rig.Feeder.RestUntilSessionEnds();
        Assert.False(rig.Writer.StorageFull);
        Assert.Equal(last + 1, rig.Log.LastSessionId);
        Assert.True(rig.Session(last + 1).HasFooter);
    }

    [Fact]
    public void APowerCutLeavesTheSessionReadableAndItIsEndedAtBoot()
    {
        var storage = new MemoryRecordStorage(4, 4096);
        var rig = new Rig(new RecordLog(storage));
        rig.Feeder.Walk(9 * 60, painAfterS: 200);
        rig.Writer.Flush(rig.Recorder.Outbox);

        // Power cut: the open epochs and those still in the writer's batch are lost; what was committed survives. The
        // pain marker's record flushed a batch of three (epochs 0-2), five more followed (3-7), epoch 8 was still open.
        var rebooted = new RecordLog(storage);
        Assert.True(rebooted.IsSessionOpen);
        var writer = new SessionWriter(rebooted, new BandSettings(), null!);
        writer.EndInterruptedSession();
        Assert.False(rebooted.IsSessionOpen);

        SessionContent session = SessionTestLog.Decode(SessionTestLog.StoredBytes(rebooted, 1));
        Assert.False(session.HasFooter);
        Assert.True(session.Ended);
        Assert.Equal(8, session.EpochCount);
        var totals = new SessionFooter();
        session.ComputeTotals(totals);
        Assert.Equal(200_000u, totals.FirstPainOffsetMs);
        Assert.Equal(200_000u, totals.WalkingMsBeforePain);
        Assert.Equal(8u * 60 * 1000, totals.WalkingMs);
        Assert.Equal(8u * 60 * 1000, totals.DurationMs);
    }

    [Fact]
    public void WithoutAWriterTheOutboxDropsEpochsButNeverASessionBoundary()
    {
        var recorder = new SessionRecorder(null!, null!);
        var feeder = new WalkFeeder(recorder, () => { });
        feeder.Walk(30 * 60);
        feeder.RestUntilSessionEnds();
        Assert.True(recorder.Outbox.Dropped > 0);

        // Drained now, the outbox still gives a well-formed session: start, header, some epochs, footer, end.
        RecordLog log = SessionTestLog.NewLog();
        var writer = new SessionWriter(log, new BandSettings(), null!);
        writer.Flush(recorder.Outbox);
        SessionContent session = SessionTestLog.Decode(SessionTestLog.StoredBytes(log, 1));
        Assert.True(session.HasFooter);
        Assert.Equal(recorder.Outbox.Dropped, session.Footer.DroppedRecords);
        Assert.Equal(session.EpochCount, session.Footer.EpochCount);
    }

    [Fact]
    public void ASessionEndsAtTheLengthLimitAndWalkingOnStartsTheNext()
    {
        var rig = new Rig();
        long start = S;
        rig.Event(BandEventKind.BoutStart, start);
        long limit = start + (SessionRecorder.MaxSessionSeconds * S);
        for (long t = start; t <= limit + (2 * S); t += 10 * S)
        {
            rig.Tick(t);
        }

        Assert.True(rig.Recorder.IsSessionOpen);
        Assert.Equal(2, rig.Recorder.SessionsStarted);
        rig.Recorder.EndNow(limit + (3 * S), SessionEndReason.Button);
        rig.Writer.Flush(rig.Recorder.Outbox);
        Assert.Equal(SessionEndReason.MaxLength, rig.Session(1).Footer.EndReason);
        Assert.Equal((uint)SessionRecorder.MaxSessionSeconds * 1000, rig.Session(1).Footer.DurationMs);
        Assert.Equal(SessionStartReason.Continued, rig.Session(2).Header.StartReason);
    }

    [Fact]
    public void TheHeaderCarriesTheCalibrationAndANewCaptureIsRecordedWithItsTime()
    {
        var neutral = new Core.Sensing.NeutralPosture();
        var frame = new Core.Sensing.BodyFrame();
        Assert.True(neutral.OnStillWindow(0, 0, 4096));
        var log = SessionTestLog.NewLog();
        var recorder = new SessionRecorder(neutral, frame);
        var writer = new SessionWriter(log, new BandSettings(), null!);
        recorder.Tick(S);
        recorder.OnEvent(BandEventKind.BoutStart, S, 0);

        neutral.Request();
        Assert.True(neutral.OnStillWindow(0, 2896, 2896));
        recorder.Tick(31 * S);
        recorder.OnEvent(BandEventKind.NeutralCaptured, 31 * S, 0);
        recorder.EndNow(40 * S, SessionEndReason.Button);
        writer.Flush(recorder.Outbox);

        SessionContent session = SessionTestLog.Decode(SessionTestLog.StoredBytes(log, 1));
        Assert.Equal(SessionCalibration.FlagNeutralCaptured, session.Header.Calibration.Flags);
        Assert.Equal((0, 0, 16384), (session.Header.Calibration.NeutralX, session.Header.Calibration.NeutralY, session.Header.Calibration.NeutralZ));
        SessionEventRecord capture = Assert.Single(Enumerable.Range(0, session.EventCount).Select(session.Event));
        Assert.Equal(BandEventKind.NeutralCaptured, capture.Kind);
        Assert.Equal(30_000u, capture.OffsetMs);
        Assert.Equal(0, capture.Calibration.NeutralX);
        Assert.InRange(capture.Calibration.NeutralY, 11580, 11590);
        Assert.InRange(capture.Calibration.NeutralZ, 11580, 11590);
    }

    [Fact]
    public void AnEpochsStrideCountsTheStepsAnIntervalHoldingAMissedStepSpans()
    {
        // Two 0.6 m steps of 0.6 s and an interval of 1.2 s over 1.2 m that spans two (WalkingSpeed.NewestSpan): the
        // epoch's stride is 1.2 m, as the bout's, not the 1.6 m of three steps.
        var epoch = new EpochAccumulator();
        var summary = new EpochSummary();
        epoch.Begin(0, 0, 60 * S);
        epoch.AddStepLength(6000, 600_000, 1);
        epoch.AddStepLength(12000, 1_200_000, 2);
        epoch.AddStepLength(6000, 600_000, 1);
        epoch.Summarize(summary, 60 * S);

        Assert.Equal(1000, summary.SpeedMmPerS);
        Assert.Equal(1200, summary.StrideLengthMm);
    }
}
