using LumbarBand.Analysis.Analyzing;
using LumbarBand.Analysis.Recordings;
using LumbarBand.Analysis.Simulation;
using LumbarBand.Core.Configuration;
using LumbarBand.Core.Cueing;

namespace LumbarBand.Core.Tests.Cueing;

/// <summary>
/// Runs a simulated walk through the band as far as it is wired today and the cue engine beside it: the band's own
/// walking decision from the quantized IMU counts (Band.IsWalking), the simulator's true trunk flexion and lateral
/// bend per sample (with the per-step oscillation, as a posture stage would see it), and its true per-stride sway at
/// each stride's end (as a sway stage would report it). When Band exposes its posture and sway stages, the
/// end-to-end tests run the same scenarios through them.
/// </summary>
public sealed class SimulatedCueRun
{
    private SimulatedCueRun(SimulatedWalk walk)
    {
        Walk = walk;
    }

    public SimulatedWalk Walk { get; }

    public RecordingMotor Motor { get; } = new();

    public List<BandEvent> Log { get; } = [];

    public CueLog CueLog { get; } = new();

    public IReadOnlyList<CueRecord> Cues => CueLog.Cues;

    public double DurationS { get; private set; }

    public static SimulatedCueRun Run(WalkScript script, int seed = 3, BandSettings? settings = null) =>
        Run(SharedWalks.Simulate(script, seed), settings);

    public static SimulatedCueRun Run(SimulatedWalk walk, BandSettings? settings = null)
    {
        var run = new SimulatedCueRun(walk);
        RawImuSamples raw = DeviceQuantizer.ToDevice(walk.Recording);
        var band = new Band();
        var events = new EventQueue(Band.EventCapacity);
        var engine = new CueEngine(events, run.Motor, settings ?? new BandSettings());
        double rateHz = walk.Options.SampleRateHz;
        int last = walk.FlexionDeg.Length - 1;
        IReadOnlyList<StrideSway> strides = walk.StrideSways;
        int nextStride = 0;
        for (int k = 0; k < raw.Count; k++)
        {
            long t = raw.TimeUs[k];
            band.OnSample(t, raw.Ax[k], raw.Ay[k], raw.Az[k], raw.Gx[k], raw.Gy[k], raw.Gz[k]);
            while (band.Events.TryTake(out _))
            {
            }

            double ts = t / 1e6;
            int i = Math.Min(last, (int)Math.Round(ts * rateHz));
            run.Motor.NowUs = t;
            engine.OnSample(t, Centi(walk.FlexionDeg[i]), Centi(walk.LateralBendDeg[i]), true, band.IsWalking);
            while (nextStride < strides.Count && strides[nextStride].EndS <= ts)
            {
                StrideSway s = strides[nextStride++];
                engine.OnStride(t, Centi(s.MediolateralTiltRangeDeg), Centi(s.AnteroposteriorTiltRangeDeg), Centi(s.YawRangeDeg));
            }

            while (events.TryTake(out BandEvent e))
            {
                run.Log.Add(e);
                run.CueLog.Add(e);
            }
        }

        run.DurationS = raw.Count == 0 ? 0 : raw.TimeUs[^1] / 1e6;
        return run;
    }

    /// <summary>Start of script segment <paramref name="index"/>, seconds.</summary>
    public double SegmentStartS(int index) => Walk.Segments[index].StartS;

    /// <summary>First time at or after <paramref name="fromS"/> that the held posture's size exceeds <paramref name="thresholdDeg"/>.</summary>
    public double PostureOnsetS(double fromS, double thresholdDeg, bool lateral)
    {
        double[] held = lateral ? Walk.PostureLateralBendDeg : Walk.PostureFlexionDeg;
        double rate = Walk.Options.SampleRateHz;
        for (int i = (int)(fromS * rate); i < held.Length; i++)
        {
            if (Math.Abs(held[i]) > thresholdDeg)
            {
                return i / rate;
            }
        }

        throw new InvalidOperationException("the posture never exceeds the threshold");
    }

    private static int Centi(double deg) => (int)Math.Round(deg * 100);
}
