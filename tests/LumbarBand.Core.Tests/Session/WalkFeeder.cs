using LumbarBand.Core.Cueing;
using LumbarBand.Core.Session;

namespace LumbarBand.Core.Tests.Session;

/// <summary>
/// Feeds a <see cref="SessionRecorder"/> walks made of the events <see cref="Band"/> would emit (bouts, steps at a
/// cadence, posture at 5 Hz, a stride every two steps, cues, pain markers), ticking it every 100 ms and calling
/// <paramref name="flush"/> once a simulated second, as the firmware's control loop would. Far faster than the IMU
/// simulator, for tests that need days of walking.
/// </summary>
public sealed class WalkFeeder(SessionRecorder recorder, Action flush)
{
    private const long TickUs = 100_000;
    private const long PostureUs = 200_000;
    private const long SecondUs = 1_000_000;
    private long _nextFlush;

    /// <summary>Device time now, microseconds.</summary>
    public long NowUs { get; private set; } = SecondUs;

    /// <summary>Every step fed, device time.</summary>
    public List<long> StepTimes { get; } = [];

    /// <summary>Flexion fed while walking, centidegrees.</summary>
    public int FlexionCentidegrees { get; set; } = 500;

    /// <summary>Lateral bend fed while walking, centidegrees.</summary>
    public int LateralCentidegrees { get; set; } = -150;

    /// <summary>
    /// Walks <paramref name="seconds"/> at <paramref name="cadenceSpm"/>; a pain marker after
    /// <paramref name="painAfterS"/> seconds of it; a flexion cue every <paramref name="cueEveryS"/> seconds.
    /// </summary>
    public void Walk(double seconds, double cadenceSpm = 105, double? painAfterS = null, double? cueEveryS = null)
    {
        long start = NowUs;
        long end = start + (long)(seconds * SecondUs);
        long stepUs = (long)(60.0 * SecondUs / cadenceSpm);
        long painAt = painAfterS is double p ? start + (long)(p * SecondUs) : long.MaxValue;
        long cueUs = cueEveryS is double c ? (long)(c * SecondUs) : long.MaxValue;
        long nextCue = cueEveryS is null ? long.MaxValue : start + cueUs;
        recorder.Tick(start);
        recorder.OnEvent(BandEventKind.BoutStart, start, 0);
        long nextStep = start;
        long nextPosture = start;
        long lastStep = start;
        int steps = 0;
        while (true)
        {
            long t = Math.Min(Math.Min(nextStep, nextPosture), Math.Min(painAt, nextCue));
            if (t >= end)
            {
                break;
            }

            AdvanceTo(t);
            if (t == nextStep)
            {
                steps++;
                lastStep = t;
                StepTimes.Add(t);
                recorder.OnEvent(BandEventKind.Step, t, steps);
                if (steps % 2 == 0)
                {
                    recorder.OnStride(320, 480, 960);
                }

                nextStep += stepUs;
            }

            if (t == nextPosture)
            {
                recorder.OnPosture(t, FlexionCentidegrees, LateralCentidegrees, false);
                nextPosture += PostureUs;
            }

            if (t == painAt)
            {
                recorder.OnEvent(BandEventKind.PainMarker, t, 0);
                painAt = long.MaxValue;
            }

            if (t == nextCue)
            {
                recorder.OnEvent(BandEventKind.Cue, t, CueEventValue.Pack(CueRule.Flexion, 1, true));
                nextCue += cueUs;
            }
        }

        AdvanceTo(end);
        recorder.OnEvent(BandEventKind.BoutEnd, lastStep, steps);
    }

    /// <summary>Rests (no walking) for <paramref name="seconds"/>.</summary>
    public void Rest(double seconds) => AdvanceTo(NowUs + (long)(seconds * SecondUs));

    /// <summary>Rests until the recorder has ended its session, and writes everything.</summary>
    public void RestUntilSessionEnds()
    {
        while (recorder.IsSessionOpen)
        {
            Rest(1);
        }

        flush();
    }

    /// <summary>Presses the pain marker now.</summary>
    public void Pain() => recorder.OnEvent(BandEventKind.PainMarker, NowUs, 0);

    /// <summary>Moves the clock to <paramref name="timeUs"/>, ticking every 100 ms and flushing every second.</summary>
    public void AdvanceTo(long timeUs)
    {
        for (long t = NowUs; t < timeUs; t += TickUs)
        {
            recorder.Tick(t);
            if (t >= _nextFlush)
            {
                flush();
                _nextFlush = t + SecondUs;
            }
        }

        NowUs = Math.Max(NowUs, timeUs);
        recorder.Tick(NowUs);
    }
}
