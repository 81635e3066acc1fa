using LumbarBand.Core;
using LumbarBand.Core.Configuration;
using LumbarBand.Core.Gait;
using LumbarBand.Core.Protocol;
using LumbarBand.Core.Session;
using LumbarBand.Core.Storage;
using LumbarBand.Host.Store;

namespace LumbarBand.Host.Tests;

/// <summary>
/// Simulated sessions whose walking bouts have known speed, stride length and rhythm: Core's own session recorder,
/// writer and record log (session format 4), fed the step, bout and pain events a band would emit and one
/// <see cref="WalkingBoutOutcome"/> per bout with chosen values, as <see cref="Band"/> hands them over. For the report
/// and export tests of issue 14: the figures they must show follow from the table below by hand.
/// </summary>
/// <remarks>
/// Four walks over two weeks (Mondays and Thursdays from 2026-01-05, 08:00 UTC), at 105 steps/min:
/// <code>
/// walk  bout  steps  speed  stride  step CV  stride CV  asym  regularity  pain
///  A     1     105   0.80   0.91    4.0      3.1        2.5   0.78        after bout 2
///  A     2     210   0.95   1.09    3.0      2.2        1.5   0.85
///  B     1     315   1.10   1.25    2.0      1.5        1.0   0.90        —
///  C     1     210   1.20   1.37    2.0      1.4        0.8   0.92        —
///  D     1     210   0.70   0.81    6.0      4.8        3.5   0.70        in the bout
/// </code>
/// So walk A's mean speed is (105·0.80 + 210·0.95)/315 = 0.90 m/s, week 1's (283.5 + 346.5)/630 = 1.00 m/s, week 2's
/// (252 + 147)/420 = 0.95 m/s; walks with pain average 0.80 m/s, walks without 1.15 m/s.
/// </remarks>
public static class KnownBoutSessions
{
    /// <summary>The device id they are stored under.</summary>
    public const string DeviceId = "0B0075ED";

    /// <summary>Where they say they come from (the store and report label them simulated).</summary>
    public const string Source = "test fixture: simulated walks with known bout speeds (Core's session recorder)";

    /// <summary>The first walk's start.</summary>
    public static readonly DateTimeOffset FirstWalk = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    /// <summary>The walks: per walk its day offset, its bouts, and after how many of its steps the pain marker comes (null: none).</summary>
    public static readonly (int Day, Bout[] Bouts, int? PainAfterSteps)[] Walks =
    [
        (0, [new(105, 800, 910, 40, 31, 25, 780), new(210, 950, 1090, 30, 22, 15, 850)], 315),
        (3, [new(315, 1100, 1250, 20, 15, 10, 900)], null),
        (7, [new(210, 1200, 1370, 20, 14, 8, 920)], null),
        (10, [new(210, 700, 810, 60, 48, 35, 700)], 100),
    ];

    private const long StepUs = 571_429;
    private const long SecondUs = 1_000_000;
    private const int CadenceDeciSpm = 1050;

    /// <summary>The recorded sessions' bytes, oldest first (session ids 1..4 of one band).</summary>
    public static IReadOnlyList<byte[]> Record()
    {
        var log = new RecordLog(new MemoryRecordStorage(RecordLogCapacity.DefaultSegmentCount, RecordLogCapacity.DefaultSegmentCapacity));
        var recorder = new SessionRecorder(null!, null!);
        var writer = new SessionWriter(log, new BandSettings(), null!);
        long now = SecondUs;
        foreach ((int day, Bout[] bouts, int? painAfter) in Walks)
        {
            recorder.Clock.Set((uint)FirstWalk.AddDays(day).ToUnixTimeSeconds(), now);
            int stepsInWalk = 0;
            foreach (Bout bout in bouts)
            {
                long start = now;
                recorder.Tick(now);
                recorder.OnEvent(BandEventKind.BoutStart, now, 0);
                for (int i = 0; i < bout.Steps; i++)
                {
                    now = start + (i * StepUs);
                    recorder.Tick(now);
                    recorder.OnEvent(BandEventKind.Step, now, i + 1);
                    if (++stepsInWalk == painAfter)
                    {
                        recorder.OnEvent(BandEventKind.PainMarker, now, 0);
                    }

                    writer.Flush(recorder.Outbox);
                }

                recorder.OnWalkingBout(new WalkingBoutOutcome
                {
                    StartUs = start, EndUs = now, Steps = bout.Steps, CadenceDeciSpm = CadenceDeciSpm, SpeedMmPerS = bout.SpeedMmPerS,
                    StrideLengthMm = bout.StrideLengthMm, StepTimeCvPermille = bout.StepCvPermille, StrideTimeCvPermille = bout.StrideCvPermille,
                    StepTimeAsymmetryPermille = bout.AsymmetryPermille, StrideRegularityPermille = bout.RegularityPermille,
                });
                recorder.OnEvent(BandEventKind.BoutEnd, now, bout.Steps);
                now += 20 * SecondUs;
            }

            while (recorder.IsSessionOpen)
            {
                now += SecondUs;
                recorder.Tick(now);
                writer.Flush(recorder.Outbox);
            }

            now += 3600 * SecondUs;
        }

        writer.Flush(recorder.Outbox);
        var sessions = new List<byte[]>();
        for (uint id = 1; id <= Walks.Length; id++)
        {
            sessions.Add(StoredBytes(log, id));
        }

        return sessions;
    }

    /// <summary>Stores the walks (and, with <paramref name="olderFormat"/>, a session stored by a format-3 band) and returns the store's sessions.</summary>
    public static IReadOnlyList<StoredSession> Store(SessionStore store, string? olderFormat = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        store.UpsertDevice(DeviceId, new DeviceInfo { SerialNumber = 0x0B0075ED, ProtocolMajor = 1, FirmwareMinor = 1, HardwareRevision = 0 });
        IReadOnlyList<byte[]> sessions = Record();
        for (int i = 0; i < sessions.Count; i++)
        {
            store.Import(DeviceId, SyntheticSessions.Entry((uint)(i + 1), sessions[i]), sessions[i], Source);
        }

        if (olderFormat is not null)
        {
            byte[] old = TestSupport.StoredSessionBytes.Bytes(olderFormat);
            var content = new SessionContent();
            SessionDecoder.Decode(old, 0, old.Length, content);
            store.Import(DeviceId, SyntheticSessions.Entry(content.SessionId, old), old, "test fixture: a format-3 band's session on the built-in simulated walk");
        }

        return store.Sessions();
    }

    /// <summary>The session's serialized form as the band serves it (Core's download cursor).</summary>
    private static byte[] StoredBytes(RecordLog log, uint sessionId)
    {
        var cursor = new SessionReadCursor(log);
        var bytes = new List<byte>();
        var chunk = new byte[RecordFormat.MaxRecordLength];
        while (true)
        {
            int n = cursor.Read(sessionId, bytes.Count, chunk, 0, chunk.Length);
            if (n < 0)
            {
                throw new InvalidOperationException($"session {sessionId} is not readable");
            }

            bytes.AddRange(chunk.AsSpan(0, n).ToArray());
            if (n < chunk.Length)
            {
                return [.. bytes];
            }
        }
    }

    /// <summary>One bout's chosen values, in the band's units (mm/s, mm, 0.1 %, 0.001).</summary>
    public sealed record Bout(int Steps, int SpeedMmPerS, int StrideLengthMm, int StepCvPermille, int StrideCvPermille, int AsymmetryPermille, int RegularityPermille);
}
