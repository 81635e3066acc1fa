using LumbarBand.Analysis.Recordings;
using LumbarBand.Core.Configuration;
using LumbarBand.Core.Session;
using LumbarBand.Core.Storage;

namespace LumbarBand.Core.Tests.Session;

/// <summary>
/// A recording (simulated or real) through <see cref="Band"/> with its own session recorder writing to an in-memory
/// log, as the firmware runs it, keeping beside the stored sessions what the band saw: every posture output (5 Hz,
/// while valid) with whether it turned, and every event. The walk's session is ended when the samples end.
/// </summary>
public sealed class WalkingPostureRun
{
    private const int FlushEverySamples = 50;

    private WalkingPostureRun()
    {
    }

    /// <summary>The band's posture outputs: time (µs), flexion and lateral bend (centidegrees), turning.</summary>
    public List<(long TimeUs, int Flexion, int Lateral, bool Turning)> Postures { get; } = [];

    /// <summary>Every event the band emitted, in order.</summary>
    public List<BandEvent> Events { get; } = [];

    /// <summary>The stored sessions, decoded.</summary>
    public List<SessionContent> Sessions { get; } = [];

    /// <summary>The band's bouts: first and last counted step, µs.</summary>
    public List<(long Start, long End)> Bouts =>
        [.. Events.Where(e => e.Kind == BandEventKind.BoutStart).Select(e => e.TimeUs).Zip(Events.Where(e => e.Kind == BandEventKind.BoutEnd).Select(e => e.TimeUs))];

    /// <summary>Runs <paramref name="recording"/> through a band with <paramref name="settings"/> (default ones when null).</summary>
    public static WalkingPostureRun Of(ImuRecording recording, BandSettings? settings = null)
    {
        var run = new WalkingPostureRun();
        RawImuSamples raw = DeviceQuantizer.ToDevice(recording);
        var band = new Band(settings ?? new BandSettings(), null);
        RecordLog log = SessionTestLog.NewLog();
        var writer = new SessionWriter(log, band.Settings, null);
        int outputs = band.Posture.Outputs;
        long t = 0;
        for (int k = 0; k < raw.Count; k++)
        {
            t = raw.TimeUs[k];
            band.OnSample(t, raw.Ax[k], raw.Ay[k], raw.Az[k], raw.Gx[k], raw.Gy[k], raw.Gz[k]);
            if (band.Posture.Outputs != outputs && band.Posture.IsValid)
            {
                run.Postures.Add((t, band.Posture.FlexionCentidegrees, band.Posture.LateralBendCentidegrees, band.Turns.IsTurning));
            }

            outputs = band.Posture.Outputs;
            while (band.Events.TryTake(out BandEvent e))
            {
                run.Events.Add(e);
            }

            if (k % FlushEverySamples == 0)
            {
                writer.Flush(band.Sessions.Outbox);
            }
        }

        band.EndOfSamples();
        while (band.Events.TryTake(out BandEvent e))
        {
            run.Events.Add(e);
        }

        band.Sessions.EndNow(t, SessionEndReason.Button);
        writer.Flush(band.Sessions.Outbox);
        for (uint id = 1; id <= log.LastSessionId; id++)
        {
            run.Sessions.Add(SessionTestLog.Decode(SessionTestLog.StoredBytes(log, id)));
        }

        return run;
    }

    /// <summary>Every stored epoch of every session with the device time it starts at, µs.</summary>
    public IEnumerable<(long StartUs, long EndUs, EpochSummary Epoch)> Epochs()
    {
        foreach (SessionContent s in Sessions)
        {
            // The header's start is in whole seconds; the session began at its first bout's start event.
            long start = Bouts.Select(b => b.Start).First(b => b / 1_000_000 == s.Header.StartUptimeSeconds);
            long epochUs = s.Header.EpochSeconds * 1_000_000L;
            for (int i = 0; i < s.EpochCount; i++)
            {
                EpochSummary e = s.Epoch(i);
                yield return (start + (e.Index * epochUs), start + ((e.Index + 1) * epochUs), e);
            }
        }
    }
}
