using LumbarBand.Analysis.Recordings;
using LumbarBand.Core;
using LumbarBand.Core.Configuration;
using LumbarBand.Core.Protocol;
using LumbarBand.Core.Runtime;
using LumbarBand.Core.Sensing;
using LumbarBand.Core.Session;
using LumbarBand.Core.Storage;

namespace LumbarBand.Host.VirtualBand;

/// <summary>
/// The real band on simulated hardware: Core's <see cref="Band"/> (every stage, sessions included) with its owner's
/// <see cref="BandCommandReceiver"/>, a <see cref="RecordLog"/> in memory the size of the firmware's, Core's
/// <see cref="BandPort"/> over it talking to the band only through the <see cref="BandCommandChannel"/>, and a
/// <see cref="SimulatedBandHost"/>: the firmware's split between the sampling thread (owner of the band) and the
/// control thread (owner of the flash), run in turn on one thread. It replays walks sample by sample as the IMU would
/// deliver them and, after each sample, runs the band owner's drain (commands, events, published state) and moves the
/// recorder's outbox into the log as the firmware's control loop does (<see cref="BandPort.FlushRecords"/>);
/// <see cref="BandPort.Maintain"/> runs once a simulated second.
/// </summary>
/// <remarks>
/// Walks follow each other with <see cref="PauseBetweenWalksUs"/> of uptime between them. Sessions start and end as
/// the band decides (at its bouts, the idle time after the last one); a replay that ends while a session is still
/// open (its idle time, 300 s by default, has not passed) ends it there as the band's button gesture would
/// (<see cref="SessionEndReason.Button"/>), counted in <see cref="SessionsEndedAtReplayEnd"/>. Pain-marker presses
/// of a <see cref="WalkToReplay"/> are <see cref="Band.MarkPain"/> calls at their time.
/// </remarks>
public sealed class SimulatedBand : ISimulatedBand
{
    /// <summary>Serial number of the virtual band unless told otherwise ("5EB0A7D0", a "sim band").</summary>
    public const uint DefaultSerial = 0x5EB0A7D0;

    /// <summary>Device time between two walks (the band lies on a table), µs.</summary>
    public const long PauseBetweenWalksUs = 60_000_000;

    /// <summary>Simulated battery drain: one percent per this many seconds of uptime.</summary>
    private const long BatteryMicrosPerPercent = 600_000_000;

    private const int LowestBattery = 5;
    private const int FullBattery = 100;

    private readonly IReadOnlyList<WalkToReplay> _walks;
    private readonly int _totalSamples;
    private int _walk;
    private int _sample;
    private int _nextPain;
    private long _walkStartUs;
    private long _nextMaintainUs;

    /// <summary>Creates a band that will replay <paramref name="walks"/> in order.</summary>
    public SimulatedBand(IReadOnlyList<WalkToReplay> walks, uint serial = DefaultSerial)
    {
        ArgumentNullException.ThrowIfNull(walks);
        _walks = walks;
        _totalSamples = walks.Sum(w => w.Samples.Count);
        Motor = new SimulatedMotor();
        Band = new Band(new BandSettings(), Motor);
        Host = new SimulatedBandHost(Motor, serial);
        Log = new RecordLog(new MemoryRecordStorage(RecordLogCapacity.DefaultSegmentCount, RecordLogCapacity.DefaultSegmentCapacity));
        Channel = new BandCommandChannel();
        CorePort = new BandPort(Channel, Band.Sessions.Outbox, Log, new BandSettings(), Host);
        Receiver = new BandCommandReceiver(Band, Band.Sessions, Channel, CorePort.Identity);
        Receiver.Drain(Host.UptimeUs);
        Description = walks.Count == 1 ? walks[0].Label : $"{walks.Count} walks: " + string.Join("; ", walks.Select(w => w.Label));
    }

    /// <inheritdoc/>
    public IBandPort Port => CorePort;

    /// <summary>Core's band port itself, for tests and output that look at the band's side.</summary>
    public BandPort CorePort { get; }

    /// <summary>Core's band.</summary>
    public Band Band { get; }

    /// <summary>What crosses between the band's owner and the port.</summary>
    public BandCommandChannel Channel { get; }

    /// <summary>The band owner's side of <see cref="Channel"/> (the firmware's sampling thread runs the same).</summary>
    public BandCommandReceiver Receiver { get; }

    /// <summary>The record log (in memory).</summary>
    public RecordLog Log { get; }

    /// <summary>The simulated firmware around the port.</summary>
    public SimulatedBandHost Host { get; }

    /// <summary>The simulated motor.</summary>
    public SimulatedMotor Motor { get; }

    /// <inheritdoc/>
    public string Description { get; }

    /// <inheritdoc/>
    public int SampleRateHz => ImuFormat.SampleRateHz;

    /// <inheritdoc/>
    public long SamplesDone { get; private set; }

    /// <inheritdoc/>
    public int SamplesRemaining => _totalSamples - (int)SamplesDone;

    /// <summary>Sessions the replay ended (a walk's samples ran out before the band's idle time had passed).</summary>
    public int SessionsEndedAtReplayEnd { get; private set; }

    /// <summary>Pain-marker presses replayed.</summary>
    public int PainMarkersPressed { get; private set; }

    /// <summary>The band's clock, UTC seconds; 0 while not set.</summary>
    public uint UtcNow => Band.Sessions.Clock.IsSet ? Band.Sessions.Clock.UtcSecondsAt(Host.UptimeUs) : 0;

    /// <inheritdoc/>
    public void ConnectPairingWindow(Func<bool> isOpen) => Host.ConnectPairingWindow(isOpen);

    /// <inheritdoc/>
    public void RunBandOwner() => Receiver.Drain(Host.UptimeUs);

    /// <inheritdoc/>
    public void CompleteFactoryReset()
    {
        CorePort.CompleteFactoryReset();
        RunBandOwner();
    }

    /// <summary>Replays everything at once (for the demo and tests that want closed sessions before serving).</summary>
    public void RunToEnd()
    {
        while (Advance(int.MaxValue) > 0)
        {
        }
    }

    /// <summary>The band's session list, as the port serves it.</summary>
    public IReadOnlyList<SessionInfo> ListSessions()
    {
        var list = new List<SessionInfo>();
        for (int position = 0; position < CorePort.SessionCount; position++)
        {
            var info = new SessionInfo();
            if (CorePort.GetSession(position, info))
            {
                list.Add(info);
            }
        }

        return list;
    }

    /// <summary>The serialized form of closed session <paramref name="sessionId"/>, read through the port.</summary>
    public byte[] ReadSessionBytes(uint sessionId)
    {
        SessionInfo info = ListSessions().FirstOrDefault(s => s.Id == sessionId && !s.Open)
            ?? throw new ArgumentOutOfRangeException(nameof(sessionId), sessionId, "no such closed session on the band");
        var bytes = new byte[info.Length];
        int read = CorePort.ReadSession(sessionId, 0, bytes, 0, bytes.Length);
        if (read != bytes.Length)
        {
            throw new InvalidOperationException($"the band returned {read} of {bytes.Length} bytes of session {sessionId}");
        }

        return bytes;
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
        _walkStartUs = _walk == 0 && SamplesDone == 0 ? 0 : Host.UptimeUs + PauseBetweenWalksUs;
        Host.UptimeUs = _walkStartUs;
        if (walk.StartUtc is DateTimeOffset start)
        {
            Settle(CorePort.SetUtcTime((uint)start.ToUnixTimeSeconds()));
        }

        if (walk.Settings is not null)
        {
            byte[] message = SettingsCodec.Encode(walk.Settings);
            if (Settle(CorePort.SetConfiguration(message, 0, message.Length, out SettingsError rejection, out _)) != ErrorCode.None)
            {
                throw new ArgumentException($"the band refuses the settings of walk '{walk.Label}': {rejection}", nameof(walk));
            }
        }

        _nextPain = 0;
    }

    /// <summary>A request the port sent to the band's owner: the owner's drain runs, and the answer comes back.</summary>
    private ErrorCode Settle(ErrorCode result)
    {
        if (result != ErrorCode.Pending)
        {
            return result;
        }

        RunBandOwner();
        return CorePort.TryTakeAnswer(out ErrorCode answer) ? answer : throw new InvalidOperationException("the band did not answer a request");
    }

    private void Feed(WalkToReplay walk, RawImuSamples raw, int i)
    {
        long now = _walkStartUs + raw.TimeUs[i];
        Host.UptimeUs = now;
        Band.Sessions.BatteryPercent = Math.Max(LowestBattery, FullBattery - (int)(now / BatteryMicrosPerPercent));
        Band.OnSample(now, raw.Ax[i], raw.Ay[i], raw.Az[i], raw.Gx[i], raw.Gy[i], raw.Gz[i]);
        while (_nextPain < walk.PainAtSeconds.Count && raw.TimeUs[i] >= (long)(walk.PainAtSeconds[_nextPain] * 1_000_000))
        {
            Band.MarkPain(now);
            PainMarkersPressed++;
            _nextPain++;
        }

        // The firmware's sampling thread after a drain: events (a neutral capture's acknowledgement), commands, state.
        Receiver.TakeEvents(now);
        Receiver.Drain(now);

        // The firmware's control loop: the outbox into the log, housekeeping once a second.
        CorePort.FlushRecords();
        if (now >= _nextMaintainUs)
        {
            CorePort.Maintain();
            _nextMaintainUs = now + 1_000_000;
        }
    }

    private void EndWalk()
    {
        if (Band.Sessions.IsSessionOpen)
        {
            Band.Sessions.EndNow(Host.UptimeUs, SessionEndReason.Button);
            CorePort.FlushRecords();
            SessionsEndedAtReplayEnd++;
        }

        _walk++;
        _sample = 0;
    }
}
