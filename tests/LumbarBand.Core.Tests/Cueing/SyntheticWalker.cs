using LumbarBand.Core.Configuration;
using LumbarBand.Core.Cueing;

namespace LumbarBand.Core.Tests.Cueing;

/// <summary>
/// Drives a <see cref="CueEngine"/> with synthetic stage outputs at the band's 50 Hz: posture with the trunk's
/// per-step oscillation (±2.5° pitch at step frequency, ±1.5° roll at stride frequency) around a held value, walking,
/// and every 1.14 s (105 steps/min) a stride whose sway ranges vary ±10% around a normal baseline (3° ML, 4.5° AP,
/// 9.5° rotation, as the reference walks). Seeded, so every run is the same.
/// </summary>
public sealed class SyntheticWalker
{
    public const long SamplePeriodUs = 20_000;
    public const double CadenceSpm = 105;
    public const double NormalMediolateralDeg = 3;
    public const double NormalAnteroposteriorDeg = 4.5;
    public const double NormalRotationDeg = 9.5;

    private const double StepPitchDeg = 2.5;
    private const double StrideRollDeg = 1.5;
    private const double StrideJitter = 0.1;

    private readonly Random _random;
    private readonly double _strideS = 2 * 60 / CadenceSpm;
    private long _nextStrideUs;
    private bool _walking;

    public SyntheticWalker(BandSettings? settings = null, int seed = 7)
    {
        Events = new EventQueue(Band.EventCapacity);
        Motor = new RecordingMotor();
        Engine = new CueEngine(Events, Motor, settings ?? new BandSettings());
        _random = new Random(seed);
    }

    public CueEngine Engine { get; }

    public EventQueue Events { get; }

    public RecordingMotor Motor { get; }

    /// <summary>Device time of the next sample, µs.</summary>
    public long TimeUs { get; private set; }

    public double TimeS => TimeUs / 1e6;

    /// <summary>Every event the engine produced, in order.</summary>
    public List<BandEvent> Log { get; } = [];

    /// <summary>Strides fed so far, with their end times.</summary>
    public List<long> StrideTimesUs { get; } = [];

    public IEnumerable<BandEvent> Cues => Log.Where(e => e.Kind == BandEventKind.Cue);

    /// <summary>Walks for <paramref name="seconds"/> holding a posture (degrees) at a sway scale.</summary>
    public SyntheticWalker Walk(double seconds, double flexionDeg = 4, double lateralDeg = 0, double swayScale = 1, bool postureValid = true)
        => Run(seconds, flexionDeg, lateralDeg, swayScale, walking: true, postureValid, turning: false);

    /// <summary>Turns while walking for <paramref name="seconds"/>, the posture reading as given meanwhile.</summary>
    public SyntheticWalker Turn(double seconds, double flexionDeg = 4, double lateralDeg = 0)
        => Run(seconds, flexionDeg, lateralDeg, 1, walking: true, postureValid: true, turning: true);

    /// <summary>Stands (not walking) for <paramref name="seconds"/> holding a posture.</summary>
    public SyntheticWalker Stand(double seconds, double flexionDeg = 0, double lateralDeg = 0, bool postureValid = true)
        => Run(seconds, flexionDeg, lateralDeg, 1, walking: false, postureValid, turning: false);

    /// <summary>Presses the button now.</summary>
    public SyntheticWalker PressButton()
    {
        Motor.NowUs = TimeUs;
        Engine.Snooze(TimeUs);
        Drain();
        return this;
    }

    private SyntheticWalker Run(double seconds, double flexionDeg, double lateralDeg, double swayScale, bool walking, bool postureValid, bool turning)
    {
        if (walking && !_walking)
        {
            _nextStrideUs = TimeUs + (long)(_strideS * 1e6);
        }

        _walking = walking;
        long end = TimeUs + (long)Math.Round(seconds * 1e6);
        while (TimeUs < end)
        {
            double t = TimeUs / 1e6;
            double flexion = flexionDeg;
            double lateral = lateralDeg;
            if (walking)
            {
                flexion += StepPitchDeg * Math.Sin(2 * Math.PI * t / (_strideS / 2));
                lateral += StrideRollDeg * Math.Sin(2 * Math.PI * t / _strideS);
            }

            Motor.NowUs = TimeUs;
            Engine.OnSample(TimeUs, Centi(flexion), Centi(lateral), postureValid, walking, turning);
            if (walking && TimeUs >= _nextStrideUs)
            {
                Engine.OnStride(
                    TimeUs,
                    Centi(Jitter(NormalMediolateralDeg) * swayScale),
                    Centi(Jitter(NormalAnteroposteriorDeg) * swayScale),
                    Centi(Jitter(NormalRotationDeg) * swayScale));
                StrideTimesUs.Add(TimeUs);
                _nextStrideUs += (long)(_strideS * 1e6);
            }

            Drain();
            TimeUs += SamplePeriodUs;
        }

        return this;
    }

    private double Jitter(double deg) => deg * (1 + (StrideJitter * ((2 * _random.NextDouble()) - 1)));

    private static int Centi(double deg) => (int)Math.Round(deg * 100);

    private void Drain()
    {
        while (Events.TryTake(out BandEvent e))
        {
            Log.Add(e);
        }
    }
}
