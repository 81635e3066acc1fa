using LumbarBand.Core.Storage;
using LumbarBand.Core.Configuration;
using LumbarBand.Core.Cueing;
using LumbarBand.Core.Gait;
using LumbarBand.Core.Pacing;
using LumbarBand.Core.Sensing;

namespace LumbarBand.Core.Session
{
    /// <summary>
    /// Turns the band's events, posture and strides into sessions: starts one when walking begins (or on a pain-marker
    /// press outside a session), summarizes it in fixed-length epochs, records pain markers and new calibrations, and
    /// ends it after <see cref="SettingId.SessionEndIdleSeconds"/> without walking. Its finished records go to
    /// <see cref="Outbox"/>, which a <see cref="SessionWriter"/> drains into the record log. docs/sessions.md.
    /// </summary>
    /// <remarks>
    /// <para>Inputs, all from <see cref="Band"/>: <see cref="Tick"/> once per sample (one comparison unless an epoch
    /// boundary or the idle end is due), <see cref="OnEvent"/> for every event the band emits, <see cref="OnPosture"/>
    /// at the posture meter's 5 Hz, <see cref="OnStride"/> once per stride, <see cref="OnWalkingBout"/> when a bout ends.</para>
    /// <para>Events carry their own times, and some come late: a bout's first steps are reported when walking is
    /// confirmed (up to about 6.5 s after the first of them), a stopping step when the bout goes on or ends. So each
    /// event goes to the epoch its time falls in, and an epoch is closed only <see cref="CloseDelayUs"/> after its end;
    /// until then two epochs are open. Walking and excessive-motion times are intervals (from a bout's start to its end,
    /// from an episode's onset to its end), credited to the open epochs they overlap; a part before the older open
    /// epoch (an excessive-motion onset long before its start event) is credited to that epoch.</para>
    /// <para>Posture (flexion and lateral bend) and sway are summarized over walking only: a session is a walk, and
    /// sitting on a bench between bouts is not its posture. Walking posture is what the trunk holds while stepping
    /// straight on (trunk posture in gait is measured on straight walking; turns are told apart and reported on their
    /// own in the Mobilise-D pipeline, El-Gohary et al. 2014, Pham et al. 2017), so it is summarized from the posture
    /// samples of whole step intervals, from one counted step to the next, in which the wearer did not turn:
    /// - a step interval in which <see cref="TurnDetector"/> reports a turn is left out whole. Across a turn the trunk
    ///   rolls and pitches by up to 20° (on the real walks, 60° of roll in one); the detector's 0.64 s average starts
    ///   late and ends while the trunk still rolls back, and the samples before and after it in the same interval are
    ///   the turn's too;
    /// - the bout's tail is left out: a stop or a sit-down begins after the last step (gait termination ends with it,
    ///   Jian et al. 1993), yet the bout is known to have ended only 2.5 s or more later, when no step came. The
    ///   samples since the last counted step are held and added to the epoch only when the next counted step shows that
    ///   walking went on; the bout's end drops them.
    /// Held samples go to the epoch they were taken in: a new epoch drops them, so the step interval that spans an
    /// epoch boundary (one per epoch, 0.3–1.7 s) is in neither. Counting whole step intervals costs five sums and no history, where holding
    /// the last seconds' samples to drop them at the bout's end would need a ring of them.</para>
    /// <para>Time in excessive motion follows the same rule: it stops counting while the wearer turns, and an episode
    /// running when the bout ends is counted up to the bout's last step (sway's always, the posture rules' with the
    /// walking-only setting, under which the episode ends with walking).</para>
    /// <para>Cost: nothing is allocated after construction. Per sample, one comparison; per posture sample a few
    /// additions; an epoch's close encodes 26 bytes, a bout's end 22. State: two accumulators, the outbox, the header, footer and
    /// summary being built: 1.55 KB at CoreCLR x64 sizes (StorageBudgetTests measures it).</para>
    /// </remarks>
    public sealed class SessionRecorder
    {
        /// <summary>
        /// An epoch is closed this long after its end, 8 s: longer than the latest event can come (a bout's first step
        /// reported when the sixth confirms walking, up to about 6.5 s later), and shorter than the shortest epoch
        /// (10 s), so at most two epochs are ever open.
        /// </summary>
        public const long CloseDelayUs = 8 * SessionUnits.MicrosPerSecond;

        /// <summary>
        /// Longest session, 24 h: a band worn all day by someone who never rests 5 minutes would otherwise make one
        /// endless session. Walking on past it starts a new session (<see cref="SessionStartReason.Continued"/>).
        /// </summary>
        public const int MaxSessionSeconds = 24 * 3600;

        /// <summary>
        /// Longest gap between two steps that counts as a step interval for the cadence: 2 s, above the 1.5 s a bout
        /// allows between its steps (a longer gap ends the bout).
        /// </summary>
        public const long MaxStepIntervalUs = 2 * SessionUnits.MicrosPerSecond;

        private const long MaxSessionUs = MaxSessionSeconds * SessionUnits.MicrosPerSecond;
        private const long Never = long.MaxValue;

        /// <summary>
        /// <see cref="_heldPostures"/> of a step interval in which the wearer turned: far below 0, so the samples that
        /// follow leave it negative and the next counted step drops them all.
        /// </summary>
        private const short TurnedSinceLastStep = short.MinValue / 2;

        /// <summary>
        /// Longest delay from a step's contact to its event when reported as it comes, 0.6 s: the step detector's
        /// 0.5 s (<see cref="WalkingBoutTracker.DetectionLatencySamples"/>) and a posture output. A step reported later
        /// (a step held back and counted when the bout ends on a seat) may come after samples that are not walking:
        /// it confirms none of the held posture.
        /// </summary>
        private const int StepReportedLate = 600000 >> HeldTimeShift;

        /// <summary>Device time of held posture as a shift of microseconds: 2^10 µs = 1.024 ms units (a shift, not a division, per sample).</summary>
        private const int HeldTimeShift = 10;
        private const int RuleMask = 0xFF;

        private readonly NeutralPosture _neutral;
        private readonly BodyFrame _frame;
        private readonly UtcClock _clock = new UtcClock();
        private readonly SessionOutbox _outbox = new SessionOutbox();
        private readonly EpochAccumulator _first = new EpochAccumulator();
        private readonly EpochAccumulator _second = new EpochAccumulator();
        private readonly EpochSummary _summary = new EpochSummary();
        private readonly SessionHeader _header = new SessionHeader();
        private readonly SessionFooter _footer = new SessionFooter();
        private readonly byte[] _payload = new byte[SessionOutbox.MaxPayloadLength];

        /// <summary>Per time track (walking, then each rule): the time up to which it has been credited, while it runs.</summary>
        private readonly long[] _sinceUs = new long[EpochAccumulator.TrackCount];

        /// <summary>Per time track: the session's total in closed epochs, microseconds.</summary>
        private readonly long[] _closedTimeUs = new long[EpochAccumulator.TrackCount];

        /// <summary>Per rule: the session's cues in closed epochs.</summary>
        private readonly int[] _closedCues = new int[EpochAccumulator.TrackCount];

        private EpochAccumulator _current;
        private EpochAccumulator _previous;
        private bool _previousOpen;

        /// <summary>
        /// Device time (µs) from which <see cref="Tick"/> has work (an epoch boundary, a close, the idle end);
        /// <see cref="Never"/> while no session is open. Internal field so the band's per-sample test needs no call.
        /// </summary>
        internal long DueUs = Never;
        private long _idleUs;
        private long _nextEpochUs;

        private bool _open;
        private long _startUs;
        private long _epochUs;
        private int _closedSteps;
        private int _closedPain;
        private int _epochsStored;
        private int _droppedAtStart;
        private long _firstPainUs;
        private long _walkingBeforePainUs;
        private long _firstCueUs;

        /// <summary>True inside a confirmed walking bout (from the bout events), whether or not a session is open.</summary>
        private bool _walking;
        private long _lastWalkEndUs;
        private long _lastStepUs;
        private bool _hasLastStep;

        /// <summary>Bit (1 &lt;&lt; rule) set while that rule's excessive motion is sustained.</summary>
        private int _excessive;

        private int _batteryPercent = SessionUnits.UnknownBattery;
        private int _lastFlexion;
        private int _lastLateral;
        private bool _postureKnown;

        /// <summary>True while the wearer turns (as last told by <see cref="OnPosture"/>).</summary>
        private bool _turning;

        /// <summary>The walking-only setting: excessive posture is judged only while walking, so it ends with the bout.</summary>
        private bool _walkingOnly;

        /// <summary>
        /// Posture samples held since the last counted step, not yet known to be walking posture: added to the epoch at
        /// the next counted step; dropped when the bout ends; <see cref="TurnedSinceLastStep"/> once the wearer turned
        /// in this step interval. With their flexion and lateral-bend sums, largest flexion and lateral bend of largest
        /// magnitude (centidegrees, at most ±18000: shorts, for state) and the device time of the last, in units of
        /// <see cref="HeldTimeShift"/> (low 32 bits: only differences are used).
        /// </summary>
        private short _heldPostures;
        private short _heldFlexionMax;
        private short _heldLateralExtreme;
        private int _heldFlexionSum;
        private int _heldLateralSum;
        private int _heldUntil;
        private int _sessions;

        /// <summary>
        /// Creates a recorder with the default session settings (<see cref="Configure"/> takes others), taking the
        /// calibration it stores from <paramref name="neutral"/> and <paramref name="frame"/> (the band's; either may be
        /// null on a PC test).
        /// </summary>
        public SessionRecorder(NeutralPosture neutral, BodyFrame frame)
        {
            _neutral = neutral;
            _frame = frame;
            _current = _first;
            _previous = _second;
            _idleUs = SettingCatalog.Get(SettingId.SessionEndIdleSeconds).Default * SessionUnits.MicrosPerSecond;
            _nextEpochUs = SettingCatalog.Get(SettingId.EpochSeconds).Default * SessionUnits.MicrosPerSecond;
            _walkingOnly = SettingCatalog.Get(SettingId.WalkingOnly).Default != 0;
            DropHeldPosture();
        }

        /// <summary>Finished records for the <see cref="SessionWriter"/>.</summary>
        public SessionOutbox Outbox { get { return _outbox; } }

        /// <summary>The wall clock the headers and footers take UTC from (set by the protocol's SetTime).</summary>
        public UtcClock Clock { get { return _clock; } }

        /// <summary>True while a session is being recorded.</summary>
        public bool IsSessionOpen { get { return _open; } }

        /// <summary>Device time at which the open session began, microseconds (the last one's when none is open).</summary>
        public long SessionStartUs { get { return _startUs; } }

        /// <summary>UTC at the start of the open session, seconds; 0 when the clock was not set then.</summary>
        public uint SessionStartUtcSeconds { get { return _header.StartUtcSeconds; } }

        /// <summary>Sessions started since power-on.</summary>
        public int SessionsStarted { get { return _sessions; } }

        /// <summary>True inside a confirmed walking bout.</summary>
        public bool IsWalking { get { return _walking; } }

        /// <summary>
        /// Excessive-motion states in effect now, as the status message carries them: bit (rule − 1) of
        /// <see cref="CueRule"/>, so bit 0 flexion, bit 1 lateral lean, bit 2 sway.
        /// </summary>
        public int ExcessiveConditions { get { return _excessive >> 1; } }

        /// <summary>Battery level the next epochs record, percent (0–100), or <see cref="SessionUnits.UnknownBattery"/>. Set by the firmware.</summary>
        public int BatteryPercent
        {
            get
            {
                return _batteryPercent;
            }

            set
            {
                _batteryPercent = value < 0 || value > 100 ? SessionUnits.UnknownBattery : value;
            }
        }

        /// <summary>True once a posture sample has been seen.</summary>
        public bool PostureKnown { get { return _postureKnown; } }

        /// <summary>Latest flexion seen, centidegrees.</summary>
        public int LastFlexionCentidegrees { get { return _lastFlexion; } }

        /// <summary>Latest lateral bend seen, centidegrees.</summary>
        public int LastLateralBendCentidegrees { get { return _lastLateral; } }

        /// <summary>Steps counted in the open session (0 when none is open).</summary>
        public int SessionSteps
        {
            get
            {
                if (!_open)
                {
                    return 0;
                }

                return _closedSteps + _current.Steps + (_previousOpen ? _previous.Steps : 0);
            }
        }

        /// <summary>Cues given in the open session (0 when none is open).</summary>
        public int SessionCues
        {
            get
            {
                if (!_open)
                {
                    return 0;
                }

                int cues = 0;
                for (int rule = 1; rule < EpochAccumulator.TrackCount; rule++)
                {
                    cues += _closedCues[rule] + _current.CuesOf(rule) + (_previousOpen ? _previous.CuesOf(rule) : 0);
                }

                return cues;
            }
        }

        /// <summary>Sets the band's serial number the headers carry (<see cref="SessionHeader.SerialNumber"/>).</summary>
        public void SetSerialNumber(uint serialNumber)
        {
            _header.SerialNumber = serialNumber;
        }

        /// <summary>Sets the firmware version the headers carry.</summary>
        public void SetFirmwareVersion(int major, int minor, int patch)
        {
            _header.FirmwareMajor = major;
            _header.FirmwareMinor = minor;
            _header.FirmwarePatch = patch;
        }

        /// <summary>
        /// Takes the session settings: the idle time that ends a session (at once) and the epoch length (from the next
        /// session; an open one keeps its epochs). The settings are valid (the band validates before applying).
        /// </summary>
        public void Configure(BandSettings settings)
        {
            if (settings == null)
            {
                throw new System.ArgumentException("must not be null", nameof(settings));
            }

            _idleUs = settings.SessionEndIdleSeconds * SessionUnits.MicrosPerSecond;
            _nextEpochUs = settings.EpochSeconds * SessionUnits.MicrosPerSecond;
            _walkingOnly = settings.WalkingOnly;
            if (_open)
            {
                ScheduleDue();
            }
        }

        /// <summary>Walking time in the open session up to device time <paramref name="timeUs"/>, microseconds.</summary>
        public long SessionWalkingUs(long timeUs)
        {
            if (!_open)
            {
                return 0;
            }

            long walking = _closedTimeUs[EpochAccumulator.WalkingTrack] + _current.WalkingUs + (_previousOpen ? _previous.WalkingUs : 0);
            long since = _sinceUs[EpochAccumulator.WalkingTrack];
            if (_walking && timeUs > since)
            {
                walking += timeUs - since;
            }

            return walking;
        }

        /// <summary>Once per sample, first thing, with the sample's time: closes epochs and ends the session when due.</summary>
        public void Tick(long nowUs)
        {
            if (nowUs < DueUs)
            {
                return;
            }

            OnDue(nowUs);
        }

        /// <summary>
        /// One event the band emitted (<see cref="BandEvent"/> fields): steps, bouts, cues, excessive-motion starts and
        /// ends, neutral captures, pain markers. Call <see cref="Tick"/> for the current sample first.
        /// </summary>
        public void OnEvent(BandEventKind kind, long timeUs, int value)
        {
            if (_open && !_walking && timeUs >= _lastWalkEndUs + _idleUs)
            {
                // The walk was over before this event: the idle end had not been acted on yet (it waits for late events).
                EndSession(_lastWalkEndUs + _idleUs, SessionEndReason.Idle);
            }

            switch (kind)
            {
                case BandEventKind.Step:
                    OnStep(timeUs);
                    break;
                case BandEventKind.BoutStart:
                    OnBoutStart(timeUs);
                    break;
                case BandEventKind.BoutEnd:
                    OnBoutEnd(timeUs);
                    break;
                case BandEventKind.Cue:
                    OnCue(timeUs, value);
                    break;
                case BandEventKind.ExcessiveMotionStart:
                    OnExcessiveStart(timeUs, value);
                    break;
                case BandEventKind.ExcessiveMotionEnd:
                    OnExcessiveEnd(timeUs, value);
                    break;
                case BandEventKind.NeutralCaptured:
                    OnNeutralCaptured(timeUs);
                    break;
                case BandEventKind.PainMarker:
                    OnPainMarker(timeUs);
                    break;
                default:
                    break;
            }
        }

        /// <summary>
        /// One posture output (5 Hz) while the posture is valid, at device time <paramref name="timeUs"/>: flexion and
        /// lateral bend vs neutral, centidegrees, and whether the wearer turns (<see cref="TurnDetector.IsTurning"/>).
        /// Walking posture is summarized from the samples between two counted steps, turns left out (see remarks).
        /// Returns true when <paramref name="turning"/> changed since the last call (a turn started or ended).
        /// </summary>
        public bool OnPosture(long timeUs, int flexionCentidegrees, int lateralBendCentidegrees, bool turning)
        {
            _lastFlexion = flexionCentidegrees;
            _lastLateral = lateralBendCentidegrees;
            _postureKnown = true;
            bool changed = turning != _turning;
            if (changed)
            {
                OnTurning(timeUs, turning);
            }

            if (turning)
            {
                _heldPostures = TurnedSinceLastStep;
            }
            else if (_open && _walking)
            {
                // The largest flexion starts from int.MinValue and the extreme lateral bend from 0 (DropHeldPosture).
                if (flexionCentidegrees > _heldFlexionMax)
                {
                    _heldFlexionMax = (short)flexionCentidegrees;
                }

                int extreme = _heldLateralExtreme;
                if ((lateralBendCentidegrees < 0 ? -lateralBendCentidegrees : lateralBendCentidegrees) > (extreme < 0 ? -extreme : extreme))
                {
                    _heldLateralExtreme = (short)lateralBendCentidegrees;
                }

                _heldFlexionSum += flexionCentidegrees;
                _heldLateralSum += lateralBendCentidegrees;
                _heldUntil = (int)(timeUs >> HeldTimeShift);
                _heldPostures++;
            }

            return changed;
        }

        /// <summary>One completed stride: its ranges of mediolateral tilt, anteroposterior tilt and rotation, centidegrees.</summary>
        public void OnStride(int mediolateralCentidegrees, int anteroposteriorCentidegrees, int rotationCentidegrees)
        {
            if (_open && _walking)
            {
                _current.AddStride(mediolateralCentidegrees, anteroposteriorCentidegrees, rotationCentidegrees);
            }
        }

        /// <summary>
        /// A step whose length the band measured (<see cref="Gait.StepLengthEstimator"/>): length in tenths of mm,
        /// duration in µs and the steps its interval spans in the bout's rhythm (<see cref="Gait.WalkingSpeed.NewestSpan"/>),
        /// for the epoch's speed and stride length.
        /// </summary>
        public void OnStepLength(int lengthTenthsMm, int stepTimeUs, int spannedSteps)
        {
            if (_open && _walking)
            {
                _current.AddStepLength(lengthTenthsMm, stepTimeUs, spannedSteps);
            }
        }

        /// <summary>
        /// A stretch of the walking plan ended (<see cref="WalkingPacer"/>): stored as its own record in the open
        /// session (ignored when none is open).
        /// </summary>
        public void OnStretch(Stretch stretch)
        {
            if (!_open || stretch == null)
            {
                return;
            }

            int length = SessionStretchRecord.Encode(_payload, 0, stretch, _startUs);
            _outbox.Put(SessionOperation.Append, SessionRecordTypes.Stretch, _payload, length, false);
        }

        /// <summary>
        /// A walking bout ended (<see cref="WalkingBoutOutcome"/>, from <see cref="Band"/>): its speed, stride length,
        /// rhythm, posture and cues, stored as its own record in the open session (ignored when none is open).
        /// </summary>
        public void OnWalkingBout(WalkingBoutOutcome outcome)
        {
            if (!_open || outcome == null)
            {
                return;
            }

            int length = SessionBoutRecord.Encode(_payload, 0, outcome, _startUs);
            _outbox.Put(SessionOperation.Append, SessionRecordTypes.Bout, _payload, length, false);
        }

        /// <summary>Starts a session now (a button gesture); does nothing if one is open.</summary>
        public void StartNow(long timeUs)
        {
            if (!_open)
            {
                StartSession(timeUs, SessionStartReason.Button);
            }
        }

        /// <summary>Ends the open session now (a button gesture, or the host erasing); does nothing if none is open.</summary>
        public void EndNow(long timeUs, SessionEndReason reason)
        {
            if (_open)
            {
                EndSession(timeUs < _startUs ? _startUs : timeUs, reason);
            }
        }

        private void OnDue(long nowUs)
        {
            if (!_open)
            {
                DueUs = Never;
                return;
            }

            if (!_walking && nowUs >= _lastWalkEndUs + _idleUs + CloseDelayUs)
            {
                EndSession(_lastWalkEndUs + _idleUs, SessionEndReason.Idle);
                return;
            }

            if (nowUs - _startUs >= MaxSessionUs)
            {
                long end = _startUs + MaxSessionUs;
                bool walking = _walking;
                EndSession(end, SessionEndReason.MaxLength);
                if (walking)
                {
                    StartSession(end, SessionStartReason.Continued);
                }

                return;
            }

            while (nowUs >= _current.EndUs)
            {
                Rotate();
            }

            if (_previousOpen && nowUs >= _previous.EndUs + CloseDelayUs)
            {
                ClosePrevious(true);
            }

            ScheduleDue();
        }

        private void OnStep(long timeUs)
        {
            if (!_open)
            {
                return;
            }

            EpochAccumulator epoch = EpochAt(timeUs);
            epoch.Steps++;
            if (_heldPostures != 0)
            {
                // Walking went on: the posture held since the last step was walking posture, unless the wearer turned or
                // the step is reported long after it came (the samples held may be after it).
                if (_heldPostures > 0 && _heldUntil - (int)(timeUs >> HeldTimeShift) <= StepReportedLate)
                {
                    _current.AddPostures(_heldPostures, _heldFlexionSum, _heldFlexionMax, _heldLateralSum, _heldLateralExtreme);
                }

                DropHeldPosture();
            }

            if (_hasLastStep)
            {
                long interval = timeUs - _lastStepUs;
                if (interval > 0 && interval <= MaxStepIntervalUs)
                {
                    epoch.StepIntervalSumUs += interval;
                    epoch.StepIntervals++;
                }
            }

            _lastStepUs = timeUs;
            _hasLastStep = true;
        }

        private void OnBoutStart(long timeUs)
        {
            _walking = true;
            _hasLastStep = false;
            DropHeldPosture();
            if (!_open)
            {
                StartSession(timeUs, SessionStartReason.Walking);
                return;
            }

            _sinceUs[EpochAccumulator.WalkingTrack] = timeUs > _startUs ? timeUs : _startUs;
            ScheduleDue();
        }

        private void OnBoutEnd(long timeUs)
        {
            if (_open && _walking)
            {
                Credit(EpochAccumulator.WalkingTrack, _sinceUs[EpochAccumulator.WalkingTrack], timeUs);
                _lastWalkEndUs = timeUs > _startUs ? timeUs : _startUs;
            }

            // The bout ended at its last step (timeUs): what came after it is a stop or a sit-down, not walking.
            DropHeldPosture();
            int walkingRules = _walkingOnly ? _excessive : _excessive & (1 << (int)CueRule.Sway);
            for (int rule = 1; rule < EpochAccumulator.TrackCount; rule++)
            {
                if ((walkingRules & (1 << rule)) != 0)
                {
                    StopCounting(rule, timeUs);
                }
            }

            _walking = false;
            _hasLastStep = false;
            if (_open)
            {
                ScheduleDue();
            }
        }

        private void OnCue(long timeUs, int value)
        {
            int rule = (int)CueEventValue.Rule(value);
            if (!_open || rule < 1 || rule > CueRules.Last)
            {
                return;
            }

            EpochAt(timeUs).AddCue(rule);
            if (_firstCueUs < 0)
            {
                _firstCueUs = timeUs - _startUs;
            }
        }

        private void OnExcessiveStart(long timeUs, int value)
        {
            int rule = value & RuleMask;
            if (rule < 1 || rule > CueRules.Last)
            {
                return;
            }

            long onsetUs = timeUs - ((long)ExcessiveMotionValue.Tenths(value) * ExcessiveMotionValue.UnitUs);
            _excessive |= 1 << rule;
            // Sustained during a turn (its dwell met while the rules hold): counted from the turn's end.
            _sinceUs[rule] = _turning ? Never : _open && onsetUs < _startUs ? _startUs : onsetUs;
        }

        /// <summary>
        /// A turn starts or ends at <paramref name="timeUs"/>: at its start excessive motion stops counting; at its end,
        /// excessive motion that goes on counts again (while walking, with the walking-only setting).
        /// </summary>
        private void OnTurning(long timeUs, bool turning)
        {
            _turning = turning;
            for (int rule = 1; rule < EpochAccumulator.TrackCount; rule++)
            {
                if ((_excessive & (1 << rule)) == 0)
                {
                    continue;
                }

                if (turning)
                {
                    StopCounting(rule, timeUs);
                }
                else if (_walking || !_walkingOnly)
                {
                    _sinceUs[rule] = timeUs;
                }
            }
        }

        /// <summary>Credits a running excess of <paramref name="rule"/> up to <paramref name="untilUs"/>, then counts no more of it until told.</summary>
        private void StopCounting(int rule, long untilUs)
        {
            if (_open)
            {
                CreditAndAdvance(rule, untilUs);
            }

            _sinceUs[rule] = Never;
        }

        /// <summary>Forgets the posture samples held since the last counted step, and that the wearer turned since.</summary>
        private void DropHeldPosture()
        {
            _heldPostures = 0;
            _heldFlexionSum = 0;
            _heldFlexionMax = short.MinValue;
            _heldLateralSum = 0;
            _heldLateralExtreme = 0;
        }

        private void OnExcessiveEnd(long timeUs, int value)
        {
            int rule = value & RuleMask;
            if (rule < 1 || rule > CueRules.Last || (_excessive & (1 << rule)) == 0)
            {
                return;
            }

            if (_open)
            {
                Credit(rule, _sinceUs[rule], timeUs);
            }

            _excessive &= ~(1 << rule);
        }

        private void OnNeutralCaptured(long timeUs)
        {
            if (!_open)
            {
                return;
            }

            // The header's calibration block was queued at the start; it is free to take the new calibration.
            SessionCalibration calibration = _header.Calibration;
            calibration.Capture(_neutral, _frame);
            int length = SessionEventRecord.EncodeCalibration(_payload, 0, SessionUnits.Milliseconds(timeUs - _startUs), calibration);
            _outbox.Put(SessionOperation.Append, SessionRecordTypes.Calibration, _payload, length, false);
        }

        private void OnPainMarker(long timeUs)
        {
            if (!_open)
            {
                StartSession(timeUs, SessionStartReason.Button);
            }

            EpochAt(timeUs).PainMarkers++;
            long walkingBefore = SessionWalkingUs(timeUs);
            if (_firstPainUs < 0)
            {
                _firstPainUs = timeUs - _startUs;
                _walkingBeforePainUs = walkingBefore;
            }

            int length = SessionEventRecord.EncodeEvent(
                _payload, 0, BandEventKind.PainMarker, SessionUnits.Milliseconds(timeUs - _startUs), (int)SessionUnits.Milliseconds(walkingBefore));
            _outbox.Put(SessionOperation.Append, SessionRecordTypes.Event, _payload, length, false);
        }

        private void StartSession(long timeUs, SessionStartReason reason)
        {
            _open = true;
            _sessions++;
            _startUs = timeUs;
            _epochUs = _nextEpochUs;
            _current.Begin(0, timeUs, timeUs + _epochUs);
            _previousOpen = false;
            _closedSteps = 0;
            _closedPain = 0;
            _epochsStored = 0;
            _droppedAtStart = _outbox.Dropped;
            _firstPainUs = -1;
            _walkingBeforePainUs = -1;
            _firstCueUs = -1;
            _lastWalkEndUs = timeUs;
            _hasLastStep = false;
            DropHeldPosture();
            for (int track = 0; track < EpochAccumulator.TrackCount; track++)
            {
                _closedTimeUs[track] = 0;
                _closedCues[track] = 0;
                _sinceUs[track] = timeUs;
            }

            _header.SessionId = 0;
            _header.StartUptimeSeconds = Saturation.ToUInt32(timeUs / SessionUnits.MicrosPerSecond);
            _header.StartUtcSeconds = _clock.UtcSecondsAt(timeUs);
            _header.EpochSeconds = (int)(_epochUs / SessionUnits.MicrosPerSecond);
            _header.StartReason = reason;
            _header.Calibration.Capture(_neutral, _frame);
            int length = _header.Encode(_payload, 0);
            _outbox.Put(SessionOperation.StartSession, 0, _payload, 0, true);
            _outbox.Put(SessionOperation.Append, SessionRecordTypes.Header, _payload, length, true);
            ScheduleDue();
        }

        /// <summary>Ends the session at device time <paramref name="endUs"/>: closes its epochs and queues the footer and the end.</summary>
        private void EndSession(long endUs, SessionEndReason reason)
        {
            while (endUs >= _current.EndUs)
            {
                Rotate();
            }

            CreditRunningUntil(endUs);
            if (_previousOpen)
            {
                ClosePrevious(false);
            }

            Finish(_current);

            SessionFooter footer = _footer;
            footer.EndReason = reason;
            footer.DurationMs = SessionUnits.Milliseconds(endUs - _startUs);
            footer.EndUtcSeconds = _clock.UtcSecondsAt(endUs);
            footer.Steps = (uint)_closedSteps;
            footer.WalkingMs = SessionUnits.Milliseconds(_closedTimeUs[EpochAccumulator.WalkingTrack]);
            footer.FlexionCues = _closedCues[(int)CueRule.Flexion];
            footer.LateralCues = _closedCues[(int)CueRule.LateralLean];
            footer.SwayCues = _closedCues[(int)CueRule.Sway];
            footer.PainMarkers = _closedPain;
            footer.FirstPainOffsetMs = _firstPainUs < 0 ? SessionUnits.NotHappened : SessionUnits.Milliseconds(_firstPainUs);
            footer.WalkingMsBeforePain = _firstPainUs < 0 ? SessionUnits.NotHappened : SessionUnits.Milliseconds(_walkingBeforePainUs);
            footer.FirstCueOffsetMs = _firstCueUs < 0 ? SessionUnits.NotHappened : SessionUnits.Milliseconds(_firstCueUs);
            footer.FlexionExcessMs = SessionUnits.Milliseconds(_closedTimeUs[(int)CueRule.Flexion]);
            footer.LateralExcessMs = SessionUnits.Milliseconds(_closedTimeUs[(int)CueRule.LateralLean]);
            footer.SwayExcessMs = SessionUnits.Milliseconds(_closedTimeUs[(int)CueRule.Sway]);
            footer.EpochCount = _epochsStored;
            footer.DroppedRecords = _outbox.Dropped - _droppedAtStart;
            int length = footer.Encode(_payload, 0);
            _outbox.Put(SessionOperation.Append, SessionRecordTypes.Footer, _payload, length, true);
            _outbox.Put(SessionOperation.EndSession, 0, _payload, 0, true);

            _open = false;
            _previousOpen = false;
            DueUs = Never;
        }

        /// <summary>The open epoch an event at <paramref name="timeUs"/> belongs to (the older one for anything before the newer).</summary>
        private EpochAccumulator EpochAt(long timeUs)
        {
            return _previousOpen && timeUs < _current.StartUs ? _previous : _current;
        }

        /// <summary>Opens the next epoch; the current one becomes the previous, open for late events until its close.</summary>
        private void Rotate()
        {
            if (_previousOpen)
            {
                ClosePrevious(true);
            }

            // The step interval under way spans the boundary: its posture is left out (see remarks); one with a turn
            // stays marked.
            if (_heldPostures > 0)
            {
                DropHeldPosture();
            }

            EpochAccumulator next = _previous;
            _previous = _current;
            _previousOpen = true;
            next.Begin(_previous.Index + 1, _previous.EndUs, _previous.EndUs + _epochUs);
            _current = next;
        }

        /// <summary>Closes the previous epoch, first crediting running intervals up to its end when <paramref name="creditRunning"/>.</summary>
        private void ClosePrevious(bool creditRunning)
        {
            if (creditRunning)
            {
                CreditRunningUntil(_previous.EndUs);
            }

            _previousOpen = false;
            Finish(_previous);
        }

        /// <summary>Credits walking (in a bout) and each sustained excess up to <paramref name="untilUs"/>.</summary>
        private void CreditRunningUntil(long untilUs)
        {
            if (_walking)
            {
                CreditAndAdvance(EpochAccumulator.WalkingTrack, untilUs);
            }

            for (int rule = 1; rule < EpochAccumulator.TrackCount; rule++)
            {
                if ((_excessive & (1 << rule)) != 0)
                {
                    CreditAndAdvance(rule, untilUs);
                }
            }
        }

        private void CreditAndAdvance(int track, long untilUs)
        {
            long since = _sinceUs[track];
            if (untilUs > since)
            {
                Credit(track, since, untilUs);
                _sinceUs[track] = untilUs;
            }
        }

        /// <summary>
        /// Adds the interval [<paramref name="fromUs"/>, <paramref name="toUs"/>) of a time track to the open epochs it
        /// overlaps; any part before the oldest open epoch goes to that epoch.
        /// </summary>
        private void Credit(int track, long fromUs, long toUs)
        {
            if (toUs <= fromUs)
            {
                return;
            }

            if (_previousOpen)
            {
                long split = _previous.EndUs;
                long end = toUs < split ? toUs : split;
                if (end > fromUs)
                {
                    _previous.AddTime(track, end - fromUs);
                }

                if (toUs <= split)
                {
                    return;
                }

                if (fromUs < split)
                {
                    fromUs = split;
                }
            }

            _current.AddTime(track, toUs - fromUs);
        }

        /// <summary>Adds a closed epoch to the session's totals and queues its summary if anything happened in it.</summary>
        private void Finish(EpochAccumulator epoch)
        {
            epoch.BatteryPercent = (short)_batteryPercent;
            _closedSteps += epoch.Steps;
            _closedPain += epoch.PainMarkers;
            for (int track = 0; track < EpochAccumulator.TrackCount; track++)
            {
                _closedTimeUs[track] += epoch.TimeUs(track);
                _closedCues[track] += epoch.CuesOf(track);
            }

            if (!epoch.HasContent)
            {
                return;
            }

            epoch.Summarize(_summary, _epochUs);
            int length = _summary.Encode(_payload, 0);
            if (_outbox.Put(SessionOperation.Append, SessionRecordTypes.Epochs, _payload, length, false))
            {
                _epochsStored++;
            }
        }

        /// <summary>The next time <see cref="Tick"/> has work: an epoch boundary, a close, the idle end, or the length limit.</summary>
        private void ScheduleDue()
        {
            long due = _current.EndUs;
            if (_previousOpen && _previous.EndUs + CloseDelayUs < due)
            {
                due = _previous.EndUs + CloseDelayUs;
            }

            if (!_walking && _lastWalkEndUs + _idleUs + CloseDelayUs < due)
            {
                due = _lastWalkEndUs + _idleUs + CloseDelayUs;
            }

            if (_startUs + MaxSessionUs < due)
            {
                due = _startUs + MaxSessionUs;
            }

            DueUs = due;
        }
    }
}
