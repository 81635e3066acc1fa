using LumbarBand.Analysis.Recordings;
using LumbarBand.Core;
using LumbarBand.Core.Protocol;
using LumbarBand.Core.Sensing;
using LumbarBand.Host.Sessions;

namespace LumbarBand.Host.VirtualBand;

/// <summary>
/// STAND-IN <see cref="ISimulatedBand"/>: Core's <see cref="Band"/> (the firmware's per-sample logic) fed with the
/// walks' raw counts, one session a walk, recorded by <see cref="StandInSessionRecorder"/> into
/// <see cref="StandInSessionCodec"/> bytes and served by <see cref="StandInBandPort"/>. Replace with an
/// implementation over Core's real band port once the sessions issue lands.
/// </summary>
public sealed class StandInSimulatedBand : ISimulatedBand
{
    /// <summary>Serial number of the virtual band unless told otherwise ("5EB0A7D0", a "sim band").</summary>
    public const uint DefaultSerial = 0x5EB0A7D0;

    /// <summary>Simulated battery drain: one percent per this many seconds.</summary>
    private const int BatterySecondsPerPercent = 600;

    /// <summary>Device time between two walks (the band lies on a table).</summary>
    private const long PauseBetweenWalksUs = 60_000_000;

    private readonly Band _band = new();
    private readonly StandInBandPort _port;
    private readonly IReadOnlyList<WalkToReplay> _walks;
    private readonly int _totalSamples;
    private int _walk;
    private int _sample;
    private int _nextPain;
    private long _walkStartUs;
    private StandInSessionRecorder? _recorder;
    private StandInStoredSession? _session;

    /// <summary>Creates a band that will replay <paramref name="walks"/> in order, one session each.</summary>
    public StandInSimulatedBand(IReadOnlyList<WalkToReplay> walks, uint serial = DefaultSerial)
    {
        ArgumentNullException.ThrowIfNull(walks);
        _walks = walks;
        _port = new StandInBandPort(_band, serial);
        _totalSamples = walks.Sum(w => w.Samples.Count);
        Description = walks.Count == 1 ? walks[0].Label : $"{walks.Count} walks: " + string.Join("; ", walks.Select(w => w.Label));
    }

    /// <inheritdoc/>
    public IBandPort Port => _port;

    /// <summary>The stand-in port itself, for tests that look at the band's side (acknowledgements, sessions).</summary>
    public StandInBandPort StandInPort => _port;

    /// <inheritdoc/>
    public string Description { get; }

    /// <inheritdoc/>
    public int SampleRateHz => ImuFormat.SampleRateHz;

    /// <inheritdoc/>
    public long SamplesDone { get; private set; }

    /// <inheritdoc/>
    public int SamplesRemaining => _totalSamples - (int)SamplesDone;

    /// <summary>Replays everything at once (for the demo and tests that want closed sessions before serving).</summary>
    public void RunToEnd()
    {
        while (Advance(int.MaxValue) > 0)
        {
        }
    }

    /// <inheritdoc/>
    public int Advance(int samples)
    {
        int fed = 0;
        while (fed < samples && _walk < _walks.Count)
        {
            WalkToReplay walk = _walks[_walk];
            RawImuSamples raw = walk.Samples;
            if (_sample == 0)
            {
                BeginWalk(walk);
            }

            if (_sample < raw.Count)
            {
                Feed(walk, raw, _sample);
                _sample++;
                fed++;
                SamplesDone++;
            }

            if (_sample >= raw.Count)
            {
                EndWalk();
            }
        }

        return fed;
    }

    private void BeginWalk(WalkToReplay walk)
    {
        _walkStartUs = _port.NowUs + (_walk == 0 ? 0 : PauseBetweenWalksUs);
        _port.NowUs = _walkStartUs;
        if (walk.StartUtc is DateTimeOffset start)
        {
            _port.SetClock((uint)start.ToUnixTimeSeconds());
        }

        _nextPain = 0;
        _session = _port.StartSession();
        _recorder = new StandInSessionRecorder(
            _session.Id,
            _port.ClockSet ? DateTimeOffset.FromUnixTimeSeconds(_port.UtcNow) : null,
            _walkStartUs,
            _port.Settings.EpochSeconds,
            StandInBandPort.FirmwareVersion);
    }

    private void Feed(WalkToReplay walk, RawImuSamples raw, int i)
    {
        long now = _walkStartUs + raw.TimeUs[i];
        _port.NowUs = now;
        _port.BatteryPercent = Math.Max(5, 100 - (int)(now / 1_000_000 / BatterySecondsPerPercent));
        _band.OnSample(now, raw.Ax[i], raw.Ay[i], raw.Az[i], raw.Gx[i], raw.Gy[i], raw.Gz[i]);
        StandInSessionRecorder recorder = _recorder!;
        while (_band.Events.TryTake(out BandEvent e))
        {
            recorder.OnEvent(e);
        }

        while (_nextPain < walk.PainAtSeconds.Count && raw.TimeUs[i] >= walk.PainAtSeconds[_nextPain] * 1_000_000)
        {
            recorder.MarkPain(now);
            _nextPain++;
        }

        recorder.OnSample(now, _band.IsWalking, _band.CadenceCentiStepsPerMinute, _port.BatteryPercent);
    }

    private void EndWalk()
    {
        _session!.Close(StandInSessionCodec.Encode(_recorder!.Finish()));
        _recorder = null;
        _session = null;
        _walk++;
        _sample = 0;
    }
}
