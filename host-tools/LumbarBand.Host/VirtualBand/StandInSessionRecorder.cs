using LumbarBand.Core;
using LumbarBand.Core.Cueing;
using LumbarBand.Core.Sensing;
using LumbarBand.Host.Sessions;

namespace LumbarBand.Host.VirtualBand;

/// <summary>
/// STAND-IN for Core's session recorder (sessions issue): turns the band's per-sample state and events into epoch
/// summaries and session events, in the host's model, for <see cref="StandInSessionCodec"/> to serialize. It records
/// what <see cref="Band"/> exposes today (steps, walking, cadence, calibration, cue and excessive-motion events, pain
/// presses); flexion, lateral bend and sway stay unknown until the real recorder takes them from Core's posture and
/// sway stages.
/// </summary>
public sealed class StandInSessionRecorder
{
    private const double MicrosPerSecond = 1_000_000.0;
    private const double SamplePeriodSeconds = ImuFormat.SamplePeriodUs / MicrosPerSecond;
    private const double CentiPerUnit = 100.0;

    private readonly List<EpochAccumulator> _epochs = [];
    private readonly List<SessionEvent> _events = [];
    private readonly bool[] _excessive = new bool[4];
    private readonly uint _sessionId;
    private readonly DateTimeOffset? _startUtc;
    private readonly long _startUs;
    private readonly int _epochSeconds;
    private readonly string _firmwareVersion;
    private long _lastUs;

    /// <summary>Starts recording session <paramref name="sessionId"/> at device time <paramref name="startUs"/>.</summary>
    public StandInSessionRecorder(uint sessionId, DateTimeOffset? startUtc, long startUs, int epochSeconds, string firmwareVersion)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(epochSeconds, 1);
        _sessionId = sessionId;
        _startUtc = startUtc;
        _startUs = startUs;
        _lastUs = startUs;
        _epochSeconds = epochSeconds;
        _firmwareVersion = firmwareVersion;
    }

    /// <summary>True once a neutral posture was captured during this session.</summary>
    public bool Calibrated { get; private set; }

    /// <summary>Cues recorded so far.</summary>
    public int Cues { get; private set; }

    /// <summary>Steps recorded so far.</summary>
    public int Steps { get; private set; }

    /// <summary>Seconds walked so far.</summary>
    public double WalkingSeconds { get; private set; }

    /// <summary>One sample's state: walking or not, and the cadence (centi-steps per minute).</summary>
    public void OnSample(long timeUs, bool walking, int cadenceCenti, int batteryPercent)
    {
        _lastUs = timeUs;
        EpochAccumulator epoch = EpochAt(timeUs);
        epoch.BatteryPercent = batteryPercent;
        if (walking)
        {
            epoch.WalkingSamples++;
            WalkingSeconds += SamplePeriodSeconds;
            if (cadenceCenti > 0)
            {
                epoch.CadenceSum += cadenceCenti;
                epoch.CadenceSamples++;
            }
        }

        for (int rule = 1; rule < _excessive.Length; rule++)
        {
            if (_excessive[rule])
            {
                epoch.ExcessiveSamples[rule]++;
            }
        }
    }

    /// <summary>One event drained from the band.</summary>
    public void OnEvent(BandEvent e)
    {
        EpochAccumulator epoch = EpochAt(e.TimeUs);
        double offset = Offset(e.TimeUs);
        switch (e.Kind)
        {
            case BandEventKind.Step:
                epoch.Steps++;
                Steps++;
                break;
            case BandEventKind.BoutStart:
                Add(offset, SessionEventKind.WalkingStart, CueRule.None, 0);
                break;
            case BandEventKind.BoutEnd:
                Add(offset, SessionEventKind.WalkingEnd, CueRule.None, e.Value);
                break;
            case BandEventKind.NeutralCaptured:
                Calibrated = true;
                Add(offset, SessionEventKind.Calibration, CueRule.None, 0);
                break;
            case BandEventKind.Cue:
                CueRule rule = CueEventValue.Rule(e.Value);
                epoch.Cues[(int)rule & 3]++;
                Cues++;
                Add(offset, SessionEventKind.Cue, rule, CueEventValue.Level(e.Value));
                break;
            case BandEventKind.ExcessiveMotionStart:
                SetExcessive(ExcessiveMotionValue.Rule(e.Value), true);
                Add(offset, SessionEventKind.ExcessiveMotionStart, ExcessiveMotionValue.Rule(e.Value), 0);
                break;
            case BandEventKind.ExcessiveMotionEnd:
                SetExcessive(ExcessiveMotionValue.Rule(e.Value), false);
                Add(offset, SessionEventKind.ExcessiveMotionEnd, ExcessiveMotionValue.Rule(e.Value), 0);
                break;
            default:
                break;
        }
    }

    /// <summary>The wearer pressed the pain marker at device time <paramref name="timeUs"/>.</summary>
    public void MarkPain(long timeUs)
    {
        EpochAt(timeUs).PainMarkers++;
        Add(Offset(timeUs), SessionEventKind.PainMarker, CueRule.None, 0);
    }

    /// <summary>Ends the session at the last sample seen; returns it in the host's model.</summary>
    public DecodedSession Finish()
    {
        EpochAt(_lastUs);
        double duration = Offset(_lastUs) + SamplePeriodSeconds;
        var epochs = new List<SessionEpoch>(_epochs.Count);
        for (int i = 0; i < _epochs.Count; i++)
        {
            double start = (double)i * _epochSeconds;
            epochs.Add(_epochs[i].ToEpoch(i, start, Math.Min(_epochSeconds, duration - start)));
        }

        var events = _events.OrderBy(e => e.OffsetSeconds).ToList();
        return new DecodedSession
        {
            Header = new SessionHeader
            {
                SessionId = _sessionId,
                StartUtc = _startUtc,
                StartUptimeSeconds = _startUs / MicrosPerSecond,
                FirmwareVersion = _firmwareVersion,
                EpochSeconds = _epochSeconds,
            },
            Epochs = epochs,
            Events = events,
            Totals = SessionTotals.Compute(epochs, events),
        };
    }

    private void SetExcessive(CueRule rule, bool on)
    {
        int index = (int)rule;
        if (index > 0 && index < _excessive.Length)
        {
            _excessive[index] = on;
        }
    }

    private void Add(double offset, SessionEventKind kind, CueRule rule, int value) =>
        _events.Add(new SessionEvent { OffsetSeconds = offset, Kind = kind, Rule = rule, Value = value });

    private double Offset(long timeUs) => Math.Max(0, timeUs - _startUs) / MicrosPerSecond;

    /// <summary>The epoch holding device time <paramref name="timeUs"/>, creating it (and any before it) as needed.</summary>
    private EpochAccumulator EpochAt(long timeUs)
    {
        int index = (int)(Offset(timeUs) / _epochSeconds);
        while (_epochs.Count <= index)
        {
            _epochs.Add(new EpochAccumulator());
        }

        return _epochs[index];
    }

    /// <summary>Counts of one epoch while it is being recorded.</summary>
    private sealed class EpochAccumulator
    {
        public int Steps { get; set; }

        public int WalkingSamples { get; set; }

        public long CadenceSum { get; set; }

        public int CadenceSamples { get; set; }

        public int[] ExcessiveSamples { get; } = new int[4];

        public int[] Cues { get; } = new int[4];

        public int PainMarkers { get; set; }

        public int BatteryPercent { get; set; } = -1;

        public SessionEpoch ToEpoch(int index, double start, double duration) => new()
        {
            Index = index,
            StartSeconds = start,
            DurationSeconds = duration,
            Steps = Steps,
            WalkingSeconds = WalkingSamples * SamplePeriodSeconds,
            CadenceSpm = CadenceSamples > 0 ? CadenceSum / (double)CadenceSamples / CentiPerUnit : null,
            ExcessiveFlexionSeconds = ExcessiveSamples[(int)CueRule.Flexion] * SamplePeriodSeconds,
            ExcessiveLateralSeconds = ExcessiveSamples[(int)CueRule.LateralLean] * SamplePeriodSeconds,
            ExcessiveSwaySeconds = ExcessiveSamples[(int)CueRule.Sway] * SamplePeriodSeconds,
            FlexionCues = Cues[(int)CueRule.Flexion],
            LateralCues = Cues[(int)CueRule.LateralLean],
            SwayCues = Cues[(int)CueRule.Sway],
            PainMarkers = PainMarkers,
            BatteryPercent = BatteryPercent < 0 ? null : BatteryPercent,
        };
    }
}
