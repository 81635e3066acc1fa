using LumbarBand.Analysis.Recordings;
using LumbarBand.Analysis.Simulation;
using LumbarBand.Core.Configuration;
using LumbarBand.Core.Session;
using LumbarBand.Core.Storage;
using LumbarBand.Core.Tests.Cueing;
using LumbarBand.Core.Tests.Session;

namespace LumbarBand.Core.Tests.Pacing;

/// <summary>
/// A simulated walk through <see cref="Band"/> as the firmware runs it, with a walking plan or without: the band's own
/// stages (posture, cues, pacer, session recorder), a recording motor, and its session records written to an in-memory
/// record log once a second. Pain-marker presses at given seconds go through <see cref="Band.MarkPain"/>.
/// </summary>
public sealed class PlanWalkRig
{
    private const int FlushEverySamples = 50;

    public PlanWalkRig(BandSettings settings)
    {
        Settings = settings;
        Band = new Band(new BandSettings(settings), Motor);
        Log = SessionTestLog.NewLog();
        Writer = new SessionWriter(Log, Band.Settings, null);
    }

    public BandSettings Settings { get; }

    public Band Band { get; }

    public RecordingMotor Motor { get; } = new();

    public RecordLog Log { get; }

    public SessionWriter Writer { get; }

    /// <summary>Every event the band emitted, in order.</summary>
    public List<BandEvent> Events { get; } = [];

    /// <summary>Runs <paramref name="walk"/>, pressing the pain marker at <paramref name="painPressesS"/> (seconds from its start).</summary>
    public PlanWalkRig Run(SimulatedWalk walk, params double[] painPressesS)
    {
        RawImuSamples raw = DeviceQuantizer.ToDevice(walk.Recording);
        int nextPain = 0;
        for (int k = 0; k < raw.Count; k++)
        {
            long t = raw.TimeUs[k];
            Motor.NowUs = t;
            Band.OnSample(t, raw.Ax[k], raw.Ay[k], raw.Az[k], raw.Gx[k], raw.Gy[k], raw.Gz[k]);
            if (nextPain < painPressesS.Length && t >= painPressesS[nextPain] * 1e6)
            {
                Band.MarkPain(t);
                nextPain++;
            }

            while (Band.Events.TryTake(out BandEvent e))
            {
                Events.Add(e);
            }

            if (k % FlushEverySamples == 0)
            {
                Writer.Flush(Band.Sessions.Outbox);
            }
        }

        Writer.Flush(Band.Sessions.Outbox);
        return this;
    }

    /// <summary>Times of the band's events of <paramref name="kind"/>, seconds.</summary>
    public List<double> TimesOf(BandEventKind kind) => [.. Events.Where(e => e.Kind == kind).Select(e => e.TimeUs / 1e6)];

    /// <summary>
    /// The first time (seconds) the band's confirmed walking (its bout events) adds up to <paramref name="walkS"/>
    /// seconds since the first bout at or after <paramref name="fromS"/>.
    /// </summary>
    public double WhenWalked(double walkS, double fromS = 0)
    {
        List<double> starts = TimesOf(BandEventKind.BoutStart).Where(s => s >= fromS).ToList();
        List<double> ends = TimesOf(BandEventKind.BoutEnd).Where(e => e > starts[0]).ToList();
        double walked = 0;
        for (int i = 0; i < starts.Count; i++)
        {
            double end = i < ends.Count ? ends[i] : double.MaxValue;
            if (walked + (end - starts[i]) >= walkS)
            {
                return starts[i] + (walkS - walked);
            }

            walked += end - starts[i];
        }

        throw new InvalidOperationException($"the band never walked {walkS} s");
    }

    /// <summary>The stored sessions, decoded.</summary>
    public List<SessionContent> Sessions() =>
        [.. Enumerable.Range(1, (int)Log.LastSessionId).Select(id => SessionTestLog.Decode(SessionTestLog.StoredBytes(Log, (uint)id)))];

    /// <summary>
    /// Settings with a plan: <paramref name="walkS"/> of walking, <paramref name="restS"/> of rest,
    /// <paramref name="stretches"/> stretches; walks (sessions) end after <see cref="IdleSeconds"/> without walking.
    /// </summary>
    public static BandSettings Plan(int walkS, int restS, int stretches, bool readyCue = true)
    {
        BandSettings settings = NoPlan();
        Assert.True(settings.Set(SettingId.PlanActive, 1).IsOk);
        Assert.True(settings.Set(SettingId.PlanWalkSeconds, walkS).IsOk);
        Assert.True(settings.Set(SettingId.PlanRestSeconds, restS).IsOk);
        Assert.True(settings.Set(SettingId.PlanStretches, stretches).IsOk);
        Assert.True(settings.Set(SettingId.PlanReadyCue, readyCue ? 1 : 0).IsOk);
        return settings;
    }

    /// <summary>Idle time that ends a session in these tests, seconds: a minute, so simulated walks stay short.</summary>
    public const int IdleSeconds = 60;

    /// <summary>Default settings but for a one-minute <see cref="SettingId.SessionEndIdleSeconds"/>.</summary>
    public static BandSettings NoPlan()
    {
        var settings = new BandSettings();
        Assert.True(settings.Set(SettingId.SessionEndIdleSeconds, IdleSeconds).IsOk);
        return settings;
    }

    public static SimulatedWalk Simulate(WalkScript script, int seed = 3) => SharedWalks.Simulate(script, seed);
}
