using LumbarBand.Core.Configuration;
using LumbarBand.Core.Cueing;
using LumbarBand.Core.Protocol;
using LumbarBand.Core.Session;
using LumbarBand.Core.Storage;

namespace LumbarBand.Core.Tests.Session;

/// <summary>
/// The real band's <see cref="IBandPort"/> behind Core's <see cref="CommandHandler"/>, driven with the client codec:
/// downloads return the session's exact stored bytes, which the decoder reads back; the list, acknowledgement,
/// erase, settings, mode, test cue, factory reset and status behave as docs/protocol.md says; storage faults come
/// back as errors, never exceptions.
/// </summary>
public sealed class BandPortTests
{
    private sealed class Rig
    {
        public Rig(IRecordStorage? storage = null)
        {
            Log = new RecordLog(storage ?? new MemoryRecordStorage(8, 4096));
            Recorder = new SessionRecorder(Band.Neutral, Band.Frame);
            Wiring = new PortAndOwner(Band, Recorder, Log, Settings, Host);
            Port = Wiring.Port;
            Feeder = new WalkFeeder(Recorder, () =>
            {
                Host.UptimeUs = Feeder!.NowUs;
                Wiring.RunOwner();
                Port.FlushRecords();
            });
            Link = Wiring.Link();
        }

        public Band Band { get; } = new();

        public PortAndOwner Wiring { get; }

        public BandSettings Settings { get; } = new();

        public FakePortHost Host { get; } = new();

        public RecordLog Log { get; }

        public SessionRecorder Recorder { get; }

        public BandPort Port { get; }

        public WalkFeeder Feeder { get; }

        public PortLink Link { get; }

        public void WalkSession(double seconds, double? painAfterS = null)
        {
            Feeder.Walk(seconds, painAfterS: painAfterS, cueEveryS: 45);
            Feeder.RestUntilSessionEnds();
            Host.UptimeUs = Feeder.NowUs;
        }
    }

    [Fact]
    public void ADownloadReturnsTheSessionsExactStoredBytesAndTheDecoderReadsThem()
    {
        var rig = new Rig();
        rig.WalkSession(7 * 60, painAfterS: 150);
        rig.WalkSession(3 * 60);

        List<SessionInfo> list = rig.Link.ListSessions();
        Assert.Equal([1u, 2u], list.Select(s => s.Id));
        foreach (SessionInfo info in list)
        {
            byte[] stored = SessionTestLog.StoredBytes(rig.Log, info.Id);
            Assert.Equal(stored.Length, info.Length);
            Assert.Equal(Crc32C.Compute(stored, 0, stored.Length), info.Crc);
            Assert.False(info.Open);
            Assert.False(info.Acknowledged);

            byte[]? downloaded = rig.Link.Download(info.Id);
            Assert.NotNull(downloaded);
            Assert.Equal(stored, downloaded);

            SessionContent content = SessionTestLog.Decode(downloaded);
            Assert.Equal(info.Id, content.SessionId);
            Assert.True(content.HasFooter);
            Assert.Equal(SessionEndReason.Idle, content.Footer.EndReason);
        }

        SessionContent first = SessionTestLog.Decode(rig.Link.Download(1)!);
        Assert.Equal(150_000u, first.Footer.WalkingMsBeforePain);
        Assert.Equal(9, first.Footer.FlexionCues);
        Assert.Equal(FakePortHost.Minor, first.Header.FirmwareMinor);
    }

    [Fact]
    public void ADownloadAtALargeMtuAndFromAnyOffsetGivesTheSameBytes()
    {
        var rig = new Rig();
        rig.WalkSession(12 * 60, painAfterS: 30);
        byte[] stored = SessionTestLog.StoredBytes(rig.Log, 1);
        var wide = new PortLink(rig.Port, 185);
        Assert.Equal(stored, wide.Download(1));

        var buffer = new byte[64];
        for (int offset = 0; offset <= stored.Length; offset += 7)
        {
            int n = rig.Port.ReadSession(1, offset, buffer, 3, 40);
            Assert.Equal(Math.Min(40, stored.Length - offset), n);
            Assert.Equal(stored.AsSpan(offset, n).ToArray(), buffer.AsSpan(3, n).ToArray());
        }

        Assert.Equal(-1, rig.Port.ReadSession(1, stored.Length + 1, buffer, 0, 10));
        Assert.Equal(-1, rig.Port.ReadSession(9, 0, buffer, 0, 10));
    }

    [Fact]
    public void TheOpenSessionIsListedButCannotBeReadOrAcknowledged()
    {
        var rig = new Rig();
        rig.Host.UptimeUs = 5_000_000;
        Assert.Equal(ErrorCode.None, rig.Wiring.Settle(rig.Port.SetUtcTime(1_750_000_000)));
        rig.Feeder.Walk(90);
        rig.Port.FlushRecords();

        SessionInfo open = Assert.Single(rig.Link.ListSessions());
        Assert.True(open.Open);
        Assert.Equal(1u, open.Id);
        Assert.Equal(1_750_000_000u - 5 + (uint)(rig.Recorder.SessionStartUs / 1_000_000), open.StartUtcSeconds);
        rig.Link.Send((f, id) => RequestBuilder.ReadSession(f, id, 1, 0));
        Assert.Equal(ErrorCode.SessionOpen, rig.Link.LastStatus);
        Assert.Equal(ErrorCode.SessionOpen, rig.Link.Acknowledge(open));

        rig.Feeder.RestUntilSessionEnds();
        SessionInfo closed = Assert.Single(rig.Link.ListSessions());
        Assert.False(closed.Open);
        Assert.Equal(open.StartUtcSeconds, closed.StartUtcSeconds);
        SessionContent content = SessionTestLog.Decode(rig.Link.Download(1)!);
        Assert.Equal(open.StartUtcSeconds, content.Header.StartUtcSeconds);
        Assert.True(content.Footer.EndUtcSeconds > content.Header.StartUtcSeconds);
    }

    [Fact]
    public void AcknowledgingIsCumulativeAndNeedsTheRightCrc()
    {
        var rig = new Rig();
        rig.WalkSession(60);
        rig.WalkSession(60);
        rig.WalkSession(60);
        List<SessionInfo> list = rig.Link.ListSessions();

        var wrong = new SessionInfo();
        wrong.CopyFrom(list[1]);
        wrong.Crc ^= 1;
        Assert.Equal(ErrorCode.CrcMismatch, rig.Link.Acknowledge(wrong));
        Assert.Equal(ErrorCode.None, rig.Link.Acknowledge(list[1]));
        Assert.Equal([true, true, false], rig.Link.ListSessions().Select(s => s.Acknowledged));
        Assert.Equal(2u, rig.Log.AcknowledgedThrough);

        var status = new StatusMessage();
        rig.Port.GetStatus(status);
        Assert.Equal(3, status.StoredSessions);
        Assert.Equal(1, status.UnacknowledgedSessions);
    }

    [Fact]
    public void EraseEndsTheOpenSessionAndEmptiesTheLog()
    {
        var rig = new Rig();
        rig.WalkSession(60);
        rig.Feeder.Walk(30);
        rig.Port.FlushRecords();
        Assert.Equal(2, rig.Link.ListSessions().Count);

        rig.Link.Send((f, id) => RequestBuilder.EraseSessions(f, id));
        Assert.Equal(ErrorCode.None, rig.Link.LastStatus);
        Assert.False(rig.Recorder.IsSessionOpen);
        Assert.Empty(rig.Link.ListSessions());
        Assert.Equal(0, rig.Port.SessionCount);

        // Recording goes on with the next walk.
        rig.Feeder.Rest(5);
        rig.WalkSession(60);
        SessionInfo next = Assert.Single(rig.Link.ListSessions());
        Assert.True(SessionTestLog.Decode(rig.Link.Download(next.Id)!).HasFooter);
    }

    [Fact]
    public void EraseDropsWhatTheBandQueuedBeforeItEndedItsSessionAndTheNextSessionIsWhole()
    {
        var rig = new Rig();
        rig.WalkSession(60);
        rig.Feeder.Walk(90);

        // The log is formatted at once; the band ends its session at its owner's next drain, and everything the
        // recorder queued up to then (records of the erased session, its end) is dropped, never written.
        Assert.Equal(ErrorCode.Pending, rig.Port.EraseSessions());
        Assert.True(rig.Recorder.IsSessionOpen);
        Assert.Equal(0, rig.Port.FlushRecords());
        Assert.Equal(0, rig.Port.SessionCount);
        rig.Wiring.RunOwner();
        Assert.True(rig.Port.TryTakeAnswer(out ErrorCode answer));
        Assert.Equal(ErrorCode.None, answer);
        Assert.Equal(0, rig.Port.FlushRecords());
        Assert.Equal(rig.Recorder.Outbox.Produced, rig.Recorder.Outbox.Consumed);

        rig.Feeder.Rest(5);
        rig.WalkSession(60);
        SessionInfo next = Assert.Single(rig.Link.ListSessions());
        Assert.Equal(1u, next.Id);
        SessionContent content = SessionTestLog.Decode(rig.Link.Download(next.Id)!);
        Assert.True(content.HasFooter);
        Assert.Equal(SessionEndReason.Idle, content.Footer.EndReason);
    }

    [Fact]
    public void SettingsArePersistedThenAppliedAndTheNextSessionRecordsThem()
    {
        var rig = new Rig();
        var wanted = new BandSettings();
        Assert.True(wanted.Set(SettingId.EpochSeconds, 120).IsOk);
        Assert.True(wanted.Set(SettingId.SessionEndIdleSeconds, 60).IsOk);
        byte[] encoded = SettingsCodec.Encode(wanted);

        rig.Host.FailNextPersist = true;
        Assert.Equal(ErrorCode.StorageError, rig.Port.SetConfiguration(encoded, 0, encoded.Length, out _, out _));
        Assert.Equal(60, rig.Settings.EpochSeconds);
        rig.Wiring.RunOwner();
        Assert.Equal(60, rig.Band.Settings.EpochSeconds);

        // Persisted and in force on the port at once; the band takes them when its owner drains the queue.
        Assert.Equal(ErrorCode.Pending, rig.Port.SetConfiguration(encoded, 0, encoded.Length, out SettingsError ok, out int skipped));
        Assert.True(ok.IsOk);
        Assert.Equal(0, skipped);
        Assert.Equal(encoded, rig.Host.Persisted);
        Assert.True(rig.Settings.SameAs(wanted));
        Assert.Equal(60, rig.Band.Settings.EpochSeconds);
        Assert.Equal(ErrorCode.None, rig.Wiring.Settle(ErrorCode.Pending));
        Assert.True(rig.Band.Settings.SameAs(wanted));

        var bad = (byte[])encoded.Clone();
        bad[0] = 99;
        Assert.Equal(ErrorCode.InvalidConfiguration, rig.Port.SetConfiguration(bad, 0, bad.Length, out SettingsError rejection, out _));
        Assert.False(rejection.IsOk);
        Assert.True(rig.Settings.SameAs(wanted));

        rig.WalkSession(300);
        SessionContent session = SessionTestLog.Decode(rig.Link.Download(1)!);
        Assert.Equal(120, session.Header.EpochSeconds);
        Assert.Equal(3, session.EpochCount);
        Assert.Equal(SessionEndReason.Idle, session.Footer.EndReason);
        Assert.InRange(session.Footer.DurationMs, 359_000u, 361_000u);

        var configuration = new byte[SettingsCodec.MaxEncodedLength];
        int length = rig.Port.GetConfiguration(configuration);
        Assert.Equal(encoded, configuration[..length]);
    }

    [Fact]
    public void ModeTestCueCalibrationAndFactoryReset()
    {
        var rig = new Rig();
        Assert.Equal(ErrorCode.None, rig.Wiring.Settle(rig.Port.SetCueMode(CueMode.Tracking)));
        Assert.Equal(CueMode.Tracking, rig.Settings.CueMode);
        Assert.Equal(CueMode.Tracking, rig.Band.Settings.CueMode);

        Assert.Equal(ErrorCode.InvalidParameter, rig.Port.TestCue(0));
        Assert.Equal(ErrorCode.InvalidParameter, rig.Port.TestCue(4));
        Assert.Equal(ErrorCode.Pending, rig.Port.TestCue(2));
        Assert.Equal(ErrorCode.Busy, rig.Port.TestCue(2)); // one request in flight at a time
        Assert.Null(rig.Band.Cues.Player.Current);
        Assert.Equal(ErrorCode.None, rig.Wiring.Settle(ErrorCode.Pending));
        Assert.Same(HapticPatterns.Firm, rig.Band.Cues.Player.Current);
        rig.Host.HasMotor = false;
        Assert.Equal(ErrorCode.Unsupported, rig.Port.TestCue(2));

        // A fresh band waits for its first neutral posture: a capture is already pending.
        Assert.Equal(ErrorCode.Busy, rig.Wiring.Settle(rig.Port.StartCalibration()));

        rig.WalkSession(60);
        rig.Link.Send((f, id) => RequestBuilder.FactoryReset(f, id));
        Assert.Equal(ErrorCode.None, rig.Link.LastStatus);
        Assert.True(rig.Port.FactoryResetPending);
        Assert.Equal(1, rig.Port.SessionCount);

        Assert.True(rig.Port.CompleteFactoryReset());
        Assert.False(rig.Port.FactoryResetPending);
        Assert.Equal(0, rig.Port.SessionCount);
        Assert.Equal(CueMode.Training, rig.Settings.CueMode);
        Assert.Equal(0u, rig.Log.LastSessionId);
        Assert.Equal(CueMode.Tracking, rig.Band.Settings.CueMode);
        rig.Wiring.RunOwner();
        Assert.Equal(CueMode.Training, rig.Band.Settings.CueMode);
        Assert.False(rig.Recorder.Clock.IsSet);
    }

    [Fact]
    public void TheStatusTellsTheSessionAndStorageState()
    {
        var rig = new Rig(new MemoryRecordStorage(2, 700));
        rig.Recorder.BatteryPercent = 64;
        rig.Feeder.Walk(100, cueEveryS: 30);
        rig.Port.FlushRecords();
        rig.Host.UptimeUs = rig.Feeder.NowUs;
        rig.Recorder.OnEvent(BandEventKind.ExcessiveMotionStart, rig.Feeder.NowUs, ExcessiveMotionValue.Pack(CueRule.Sway, 0));
        rig.Wiring.RunOwner();

        var status = new StatusMessage();
        status.Clear();
        rig.Port.GetStatus(status);
        Assert.True(status.Has(StatusMessage.FlagSessionOpen));
        Assert.False(status.Has(StatusMessage.FlagStorageFull));
        Assert.True(status.Has(StatusMessage.FlagTraining));
        Assert.Equal(0b100, status.Conditions);
        Assert.Equal(64, status.BatteryPercent);
        Assert.Equal(rig.Feeder.StepTimes.Count, status.Steps);
        Assert.Equal(3, status.Cues);
        Assert.Equal(100, status.SessionSeconds);
        Assert.InRange(status.WalkingSeconds, 99, 100);
        Assert.Equal(1, status.StoredSessions);
        Assert.InRange(status.StorageUsedPercent, 1, 100);

        // Walk until the tiny log is full: the band keeps going, stops recording, and says so.
        rig.Feeder.Walk(60 * 60);
        rig.Port.FlushRecords();
        status.Clear();
        rig.Port.GetStatus(status);
        Assert.True(status.Has(StatusMessage.FlagStorageFull));
        Assert.False(status.Has(StatusMessage.FlagSessionOpen));
        Assert.True(rig.Recorder.IsSessionOpen);
    }

    [Fact]
    public void StorageFaultsComeBackAsErrorsNotExceptions()
    {
        var storage = new FaultyStorage(new MemoryRecordStorage(8, 4096));
        var rig = new Rig(storage);
        rig.WalkSession(120);
        SessionInfo info = Assert.Single(rig.Link.ListSessions());

        storage.Failing = true;
        var buffer = new byte[32];
        Assert.Equal(ErrorCode.StorageError, rig.Port.AcknowledgeSessions(info.Id));
        Assert.Equal(ErrorCode.StorageError, rig.Port.EraseSessions());
        rig.Port.Maintain();
        var status = new StatusMessage();
        rig.Port.GetStatus(status);

        storage.Failing = false;
        Assert.Equal(ErrorCode.None, rig.Port.AcknowledgeSessions(info.Id));
    }

    [Fact]
    public void AtBootASessionLeftOpenIsEndedAndTheListIsRebuilt()
    {
        var storage = new MemoryRecordStorage(8, 4096);
        var rig = new Rig(storage);
        rig.WalkSession(60);
        rig.WalkSession(90);
        // Six minutes: epochs 0-4 closed and written as one record (five to a record); epoch 5 still open.
        rig.Feeder.Walk(6 * 60);
        rig.Port.FlushRecords();
        Assert.True(rig.Log.IsSessionOpen);
        byte[] first = SessionTestLog.StoredBytes(rig.Log, 1);

        // Power cut and reboot: a new log, recorder and port over the same flash.
        var rebooted = new Rig(storage);
        Assert.False(rebooted.Log.IsSessionOpen);
        List<SessionInfo> list = rebooted.Link.ListSessions();
        Assert.Equal([1u, 2u, 3u], list.Select(s => s.Id));
        Assert.Equal(first, rebooted.Link.Download(1));
        SessionContent cut = SessionTestLog.Decode(rebooted.Link.Download(3)!);
        Assert.False(cut.HasFooter);
        Assert.Equal(SessionWriter.EpochsPerRecord, cut.EpochCount);

        // The next session carries on the ids.
        rebooted.WalkSession(60);
        Assert.Equal(4u, rebooted.Link.ListSessions()[^1].Id);
    }

    [Fact]
    public void ListingAndDownloadingAllocateNothing()
    {
        var rig = new Rig();
        rig.WalkSession(5 * 60);
        var info = new SessionInfo();
        var buffer = new byte[40];
        var status = new StatusMessage();
        rig.Port.GetSession(0, info);
        rig.Port.ReadSession(1, 0, buffer, 0, 40);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            rig.Port.GetSession(0, info);
            rig.Port.ReadSession(1, (i * 13) % (info.Length - 40), buffer, 0, 40);
            rig.Port.GetStatus(status);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>A storage that throws on every call while <see cref="Failing"/> (a flash fault).</summary>
    private sealed class FaultyStorage(IRecordStorage inner) : IRecordStorage
    {
        public bool Failing { get; set; }

        public int SegmentCount => inner.SegmentCount;

        public int SegmentCapacity => inner.SegmentCapacity;

        public int GetLength(int segment) => Check(() => inner.GetLength(segment));

        public int Read(int segment, int offset, byte[] buffer, int index, int count) => Check(() => inner.Read(segment, offset, buffer, index, count));

        public void Append(int segment, byte[] buffer, int index, int count) => Check(() => { inner.Append(segment, buffer, index, count); return 0; });

        public void Truncate(int segment, int length) => Check(() => { inner.Truncate(segment, length); return 0; });

        public void Commit() => Check(() => { inner.Commit(); return 0; });

        private int Check(Func<int> action) => Failing ? throw new IOException("flash fault") : action();
    }
}
