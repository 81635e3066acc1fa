using LumbarBand.Analysis.Recordings;
using LumbarBand.Analysis.Simulation;
using LumbarBand.Core.Configuration;
using LumbarBand.Core.Session;
using LumbarBand.Core.Storage;

namespace LumbarBand.Core.Tests.Session;

/// <summary>
/// The band with its session layer, as the firmware will run it, fed a simulated walk: <see cref="Band"/> gets every
/// quantized IMU sample, each event it emits goes to the <see cref="SessionRecorder"/> (as Band will hand them on once
/// the lead wires it), the recorder ticks first each sample, the simulator's true posture and stride sway stand in
/// for the posture and sway stages at their rates, and the port's writer drains the outbox once a second.
/// </summary>
public sealed class BandSessionRig
{
    private const int PostureEverySamples = 10;
    private const int FlushEverySamples = 50;

    /// <summary>A band with a log of <paramref name="segments"/> × <paramref name="capacity"/> bytes in RAM.</summary>
    public BandSessionRig(int segments = RecordLogCapacity.DefaultSegmentCount, int capacity = RecordLogCapacity.DefaultSegmentCapacity)
    {
        Log = SessionTestLog.NewLog(segments, capacity);
        Recorder = new SessionRecorder(Band.Neutral, Band.Frame);
        Port = new PortAndOwner(Band, Recorder, Log, Settings, Host).Port;
    }

    /// <summary>The band.</summary>
    public Band Band { get; } = new();

    /// <summary>The settings in force.</summary>
    public BandSettings Settings { get; } = new();

    /// <summary>The firmware stand-in.</summary>
    public FakePortHost Host { get; } = new();

    /// <summary>The session recorder.</summary>
    public SessionRecorder Recorder { get; }

    /// <summary>The record log.</summary>
    public RecordLog Log { get; }

    /// <summary>The band's protocol port (owns the writer and the session list).</summary>
    public BandPort Port { get; }

    /// <summary>Every event the band emitted (and the pain markers pressed), in order.</summary>
    public List<BandEvent> Events { get; } = [];

    /// <summary>Runs <paramref name="walk"/> through the band, pressing the pain marker at <paramref name="painPressesS"/> (seconds from its start).</summary>
    public void Run(SimulatedWalk walk, params double[] painPressesS)
    {
        RawImuSamples raw = DeviceQuantizer.ToDevice(walk.Recording);
        double rate = walk.Options.SampleRateHz;
        int last = walk.PostureFlexionDeg.Length - 1;
        IReadOnlyList<StrideSway> strides = walk.StrideSways;
        int nextStride = 0;
        int nextPain = 0;
        for (int k = 0; k < raw.Count; k++)
        {
            long t = raw.TimeUs[k];
            Host.UptimeUs = t;
            Recorder.Tick(t);
            Band.OnSample(t, raw.Ax[k], raw.Ay[k], raw.Az[k], raw.Gx[k], raw.Gy[k], raw.Gz[k]);
            while (Band.Events.TryTake(out BandEvent e))
            {
                Events.Add(e);
                Recorder.OnEvent(e.Kind, e.TimeUs, e.Value);
            }

            double ts = t / 1e6;
            if (nextPain < painPressesS.Length && ts >= painPressesS[nextPain])
            {
                Events.Add(new BandEvent { Kind = BandEventKind.PainMarker, TimeUs = t });
                Recorder.OnEvent(BandEventKind.PainMarker, t, 0);
                nextPain++;
            }

            if (k % PostureEverySamples == 0)
            {
                int i = Math.Min(last, (int)Math.Round(ts * rate));
                Recorder.OnPosture(t, Centi(walk.PostureFlexionDeg[i]), Centi(walk.PostureLateralBendDeg[i]), false);
            }

            while (nextStride < strides.Count && strides[nextStride].EndS <= ts)
            {
                StrideSway s = strides[nextStride++];
                Recorder.OnStride(Centi(s.MediolateralTiltRangeDeg), Centi(s.AnteroposteriorTiltRangeDeg), Centi(s.YawRangeDeg));
            }

            if (k % FlushEverySamples == 0)
            {
                Port.FlushRecords();
            }
        }

        Port.FlushRecords();
    }

    /// <summary>Times of the band's events of <paramref name="kind"/>, microseconds.</summary>
    public List<long> TimesOf(BandEventKind kind) => [.. Events.Where(e => e.Kind == kind).Select(e => e.TimeUs)];

    /// <summary>The band's walking bouts as (start, end) in microseconds.</summary>
    public List<(long Start, long End)> Bouts()
    {
        List<long> starts = TimesOf(BandEventKind.BoutStart);
        List<long> ends = TimesOf(BandEventKind.BoutEnd);
        Assert.Equal(starts.Count, ends.Count);
        return [.. starts.Zip(ends)];
    }

    private static int Centi(double degrees) => (int)Math.Round(degrees * 100);
}
