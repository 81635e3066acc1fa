using LumbarBand.Core.Configuration;

namespace LumbarBand.Core.Cueing
{
    /// <summary>
    /// The cue engine: turns sustained excessive lumbar motion into a haptic cue, and stays silent otherwise.
    /// </summary>
    /// <remarks>
    /// <para>Inputs are plain integers from the other stages: per sample, trunk flexion and lateral bend relative to
    /// neutral (centidegrees, with a valid flag), whether the wearer walks and whether they turn (the posture rules
    /// hold through a turn, whose roll and pitch are not a posture); per stride, the sway ranges; per counted step
    /// (or stride, without steps), the confirmation that the walking posture evaluated since the last one was
    /// walking's (<see cref="WalkingPostureBaseline"/>). A tilt excursion ends only once the posture averaged over the last
    /// strides (<see cref="PostureAverage"/>) is back too, not at a step's swing. Rules:
    /// <see cref="CueRule.Flexion"/> and <see cref="CueRule.LateralLean"/> (<see cref="SustainedTiltRule"/>, judged
    /// at 5 Hz, by default only once walking has lasted <see cref="SettingId.PostureSettleMs"/>) and
    /// <see cref="CueRule.Sway"/> (<see cref="SwayRule"/>, per stride). A rule whose condition becomes sustained is due a cue; <see cref="CueRateLimiter"/> lets it
    /// through unless snoozed, within the cooldown, or at the cap. If the condition persists
    /// <see cref="SettingId.RepeatAfterMs"/> after the rule's cue, it is due again one pattern level stronger
    /// (escalation); when it clears, the next episode starts at the first level again.</para>
    /// <para>In <see cref="CueMode.Training"/> a cue plays on the motor through <see cref="HapticPlayer"/>; in
    /// <see cref="CueMode.Tracking"/> it is only recorded. Either way it is a <see cref="BandEventKind.Cue"/> event,
    /// and each episode of sustained excess is bracketed by <see cref="BandEventKind.ExcessiveMotionStart"/> and
    /// <see cref="BandEventKind.ExcessiveMotionEnd"/> events, from which sessions sum the time in excessive motion.</para>
    /// <para>Cost: per sample, a player tick and one time comparison; every tenth sample (5 Hz) two rule updates of
    /// a few comparisons each; per stride, the sway rule's window. Nothing is allocated after construction.</para>
    /// </remarks>
    public sealed class CueEngine
    {
        /// <summary>
        /// Period of posture-rule evaluation: 200 ms (5 Hz), the rate at which the posture stage updates its angles
        /// (evaluating faster would read the same values again). Postures held for seconds need no more; a cue comes
        /// at most 0.2 s after its dwell is met.
        /// </summary>
        public const int EvaluationPeriodUs = 200000;

        private const long MicrosPerMs = 1000;
        private const long MicrosPerSecond = 1000000;

        private readonly EventQueue _events;
        private readonly HapticPlayer _player;
        private readonly SustainedTiltRule _flexion = new SustainedTiltRule();
        private readonly SustainedTiltRule _lateral = new SustainedTiltRule();
        private readonly SwayRule _sway = new SwayRule();
        private readonly CueRateLimiter _limiter = new CueRateLimiter();

        /// <summary>Per rule: pattern level of its last cue in the current episode (0: not cued yet).</summary>
        private readonly int[] _level = new int[CueRules.Last + 1];

        /// <summary>Per rule: device time of its last cue, microseconds.</summary>
        private readonly long[] _lastCueUs = new long[CueRules.Last + 1];

        /// <summary>Per rule: time in closed episodes of sustained excess, microseconds.</summary>
        private readonly long[] _excessiveUs = new long[CueRules.Last + 1];

        private bool _training;
        private bool _walkingOnly;
        private bool _flexionOn;
        private bool _lateralOn;
        private bool _swayOn;
        private long _repeatUs;
        private long _settleUs;
        private int _snoozeMs;
        private long _sessionIdleUs;
        private int _startLevel;
        private int _maxLevel;

        /// <summary>Bit (1 &lt;&lt; rule) set while that rule's excess is sustained.</summary>
        private int _excessiveRules;

        /// <summary>
        /// Device time (µs) of the next rule evaluation (<see cref="Tick"/> returns true from then on). Internal field
        /// so the band's per-sample test needs no call (IL budget).
        /// </summary>
        internal long EvaluationDueUs;
        private bool _walking;
        private long _walkingSinceUs;
        private long _lastWalkingUs = long.MinValue / 2;
        private readonly WalkingPostureBaseline _walkingPosture = new WalkingPostureBaseline();
        private readonly PostureAverage _average = new PostureAverage();
        private bool _strideSeen;
        private long _lastStrideUs;
        private int _cuesRecorded;
        private int _cuesPlayed;

        /// <summary>Creates an engine with default settings. <paramref name="motor"/> may be null (no motor: nothing is driven).</summary>
        public CueEngine(EventQueue events, IHapticMotor motor)
            : this(events, motor, new BandSettings())
        {
        }

        /// <summary>
        /// Creates an engine writing its events to <paramref name="events"/> and playing cues on
        /// <paramref name="motor"/> (may be null), configured by <paramref name="settings"/>, which must be valid
        /// (<see cref="System.ArgumentException"/> with the reason otherwise).
        /// </summary>
        public CueEngine(EventQueue events, IHapticMotor motor, BandSettings settings)
        {
            if (events == null)
            {
                throw new System.ArgumentException("the engine needs an event queue", nameof(events));
            }

            _events = events;
            _player = new HapticPlayer(motor);
            SettingsError error = Configure(settings);
            if (!error.IsOk)
            {
                throw new System.ArgumentException(error.ToString(), nameof(settings));
            }
        }

        /// <summary>The pattern player (to see what plays).</summary>
        public HapticPlayer Player { get { return _player; } }

        /// <summary>Rule 1's state.</summary>
        public SustainedTiltRule Flexion { get { return _flexion; } }

        /// <summary>Rule 2's state.</summary>
        public SustainedTiltRule LateralLean { get { return _lateral; } }

        /// <summary>Rule 3's state, with the current walk's baseline.</summary>
        public SwayRule Sway { get { return _sway; } }

        /// <summary>Cues given (recorded, whether or not the motor played them).</summary>
        public int CuesRecorded { get { return _cuesRecorded; } }

        /// <summary>Cues the motor played (training mode).</summary>
        public int CuesPlayed { get { return _cuesPlayed; } }

        /// <summary>
        /// Takes new settings if they are valid (<see cref="SettingsValidator"/>); otherwise keeps the current ones
        /// and returns why. Rule states carry on under the new thresholds; a rule switched off ends its episode at the
        /// next evaluation; switching to tracking mode stops a pattern that plays.
        /// </summary>
        public SettingsError Configure(BandSettings settings)
        {

            SettingsError error = SettingsValidator.Validate(settings);
            if (!error.IsOk)
            {
                return error;
            }

            _training = settings.CueMode == CueMode.Training;
            _walkingOnly = settings.WalkingOnly;
            _flexionOn = settings.FlexionRuleEnabled;
            _lateralOn = settings.LateralRuleEnabled;
            _swayOn = settings.SwayRuleEnabled;
            _flexion.Configure(settings.FlexionThresholdCentidegrees, settings.FlexionHysteresisCentidegrees, settings.FlexionDwellMs);
            _lateral.Configure(settings.LateralThresholdCentidegrees, settings.LateralHysteresisCentidegrees, settings.LateralDwellMs);
            _sway.Configure(settings);
            _limiter.Configure(settings.CooldownMs, settings.MaxCuesPerTenMinutes);
            _repeatUs = settings.RepeatAfterMs * MicrosPerMs;
            _settleUs = settings.PostureSettleMs * MicrosPerMs;
            _snoozeMs = settings.SnoozeMs;
            _sessionIdleUs = settings.SessionEndIdleSeconds * MicrosPerSecond;
            _startLevel = settings.CueStartLevel;
            _maxLevel = settings.EscalationMaxLevel;
            if (!_training)
            {
                _player.Stop();
            }

            return SettingsError.Ok;
        }

        /// <summary>
        /// Once per IMU sample: device time, trunk flexion (forward positive) and lateral bend (either sign) relative
        /// to neutral in centidegrees, whether those are valid (neutral known), and whether the wearer walks.
        /// </summary>
        public void OnSample(long timeUs, int flexionCentidegrees, int lateralBendCentidegrees, bool postureValid, bool walking)
        {
            OnSample(timeUs, flexionCentidegrees, lateralBendCentidegrees, postureValid, walking, false);
        }

        /// <summary>
        /// As <see cref="OnSample(long, int, int, bool, bool)"/>, also told whether the wearer is turning
        /// (<see cref="Sensing.TurnDetector"/>): while turning, the posture rules hold their state. Across a turn the
        /// trunk rolls and pitches by up to 20° for a second or two (measured on the real walks), which is the turn,
        /// not a posture: it must neither start a tilt's dwell nor clear a lean the wearer holds through the turn.
        /// </summary>
        public void OnSample(long timeUs, int flexionCentidegrees, int lateralBendCentidegrees, bool postureValid, bool walking, bool turning)
        {
            if (Tick(timeUs))
            {
                Evaluate(timeUs, flexionCentidegrees, lateralBendCentidegrees, postureValid, walking, turning);
            }
        }

        /// <summary>
        /// The per-sample half of <see cref="OnSample(long, int, int, bool, bool, bool)"/>: advances the haptic pattern
        /// and returns true when the rules are due (every <see cref="EvaluationPeriodUs"/>); the caller then passes the
        /// sample's posture and gait to <see cref="Evaluate"/>. The band gathers those only when due (IL budget: nine
        /// samples in ten need none of them).
        /// </summary>
        internal bool Tick(long timeUs)
        {
            _player.Tick(timeUs);
            if (timeUs < EvaluationDueUs)
            {
                return false;
            }

            EvaluationDueUs = timeUs + EvaluationPeriodUs;
            return true;
        }

        /// <summary>
        /// Once per stride: device time of its end and its ranges of mediolateral tilt, anteroposterior tilt and
        /// transverse rotation, centidegrees. A stride after more than <see cref="SettingId.SessionEndIdleSeconds"/>
        /// without one starts a new walk with a new sway baseline.
        /// </summary>
        public void OnStride(long timeUs, int mediolateralCentidegrees, int anteroposteriorCentidegrees, int rotationCentidegrees)
        {
            if (_strideSeen && timeUs - _lastStrideUs > _sessionIdleUs)
            {
                Apply(CueRule.Sway, _sway.RestartBaseline(), timeUs, _sway.OnsetUs);
            }

            _strideSeen = true;
            _lastStrideUs = timeUs;

            // The stride's closing step shows that walking went on: the walking posture evaluated since the last
            // step was walking's (a stop or a sit-down, after the last step, is dropped when walking ends).
            _walkingPosture.Confirm();

            // A stride taken bent forward or leaning is the posture rules' to judge: its tilt ranges, measured about a
            // trunk axis that has moved, grow with the bend (on the real-stride walks a held 30° flexion cued the sway
            // rule first, 6–7 s after its onset). Such strides neither count toward sway nor teach its baseline.
            if (_flexion.IsBeyondThreshold || _lateral.IsBeyondThreshold)
            {
                return;
            }

            Apply(CueRule.Sway, _sway.OnStride(timeUs, mediolateralCentidegrees, anteroposteriorCentidegrees, rotationCentidegrees), timeUs, _sway.OnsetUs);
        }

        /// <summary>
        /// A step was counted (<see cref="BandEventKind.Step"/>, reported when the step detector and the bout stage are
        /// sure of it): the walking posture evaluated since the last one was walking's, unless the wearer turned
        /// (<see cref="WalkingPostureBaseline.Confirm"/>). Without steps, each stride confirms it.
        /// </summary>
        public void OnStepCounted()
        {
            _walkingPosture.Confirm();
        }

        /// <summary>
        /// The wearer pressed the button: no cue for <see cref="SettingId.SnoozeMs"/> (a later press restarts the
        /// snooze), and a pattern that plays stops at once. Conditions are still tracked and recorded.
        /// </summary>
        public void Snooze(long timeUs)
        {
            _limiter.Snooze(timeUs, _snoozeMs);
            _player.Stop();
        }

        /// <summary>True while a snooze runs at <paramref name="timeUs"/>.</summary>
        public bool IsSnoozed(long timeUs)
        {
            return _limiter.IsSnoozed(timeUs);
        }

        /// <summary>A new walk (e.g. a new session): the sway rule learns a new baseline; any sway excess ends.</summary>
        public void RestartWalk(long timeUs)
        {
            Apply(CueRule.Sway, _sway.RestartBaseline(), timeUs, _sway.OnsetUs);
        }

        /// <summary>The posture the tilt rules judge: the angles averaged over the last strides (time constant 1.6 s), turns left out.</summary>
        public PostureAverage PostureAverage { get { return _average; } }

        /// <summary>The wearer's walking posture that the posture rules judge walking against.</summary>
        public WalkingPostureBaseline WalkingPosture { get { return _walkingPosture; } }

        /// <summary>True while <paramref name="rule"/>'s excess is sustained.</summary>
        public bool IsExcessive(CueRule rule)
        {
            return (_excessiveRules & (1 << (int)rule)) != 0;
        }

        /// <summary>
        /// Time <paramref name="rule"/> has spent in sustained excess, microseconds, from each episode's onset (its
        /// dwell included), counting an open episode up to <paramref name="nowUs"/>.
        /// </summary>
        public long ExcessiveTimeUs(CueRule rule, long nowUs)
        {
            int r = (int)rule;
            if (r < 1 || r > CueRules.Last)
            {
                return 0;
            }

            long total = _excessiveUs[r];
            if (IsExcessive(rule))
            {
                total += nowUs - OnsetOf(rule);
            }

            return total;
        }

        /// <summary>The rules, once <see cref="Tick"/> has said they are due; arguments as <see cref="OnSample(long, int, int, bool, bool, bool)"/>.</summary>
        internal void Evaluate(long timeUs, int flexion, int lateralBend, bool postureValid, bool walking, bool turning)
        {
            if (walking && !_walking)
            {
                // A walk after the session's idle time is a new walk, with a new walking posture to learn.
                if (timeUs - _lastWalkingUs > _sessionIdleUs)
                {
                    _walkingPosture.Restart();
                }

                _walkingSinceUs = timeUs;
            }

            if (walking)
            {
                _lastWalkingUs = timeUs;
            }

            // Walking-only: judged once walking has settled (getting up and setting off is not a posture to cue).
            bool settled = walking && timeUs - _walkingSinceUs >= _settleUs;
            bool judge = postureValid && (!_walkingOnly || settled);
            // In a turn the tilt rules and the walking posture hold (see OnSample), and the turn's angles stay out of
            // the average over the last strides (PostureAverage), with which the rules tell a step's swing from a change of posture.
            if (judge && turning)
            {
                HoldTilt(timeUs);
                _walkingPosture.OnTurning();
            }
            else
            {
                if (!turning)
                {
                    _average.Add(flexion, lateralBend);
                }

                EvaluateTilt(timeUs, flexion, lateralBend, judge, walking, settled);
            }

            // Sway is judged per stride; it cannot outlast walking, nor its rule being switched off. The walking
            // posture held since the last step is the stop's, not walking's.
            if (_walking && !walking)
            {
                _walkingPosture.DropUnconfirmed();
                Apply(CueRule.Sway, _sway.EndEpisode(), timeUs, _sway.OnsetUs);
            }
            else if (!_swayOn && _sway.IsExcessive)
            {
                Apply(CueRule.Sway, _sway.EndEpisode(), timeUs, _sway.OnsetUs);
            }

            _walking = walking;
            if (_excessiveRules != 0)
            {
                TryCue(timeUs);
            }
        }

        /// <summary>The posture rules: walking posture judged against the walk's own, learnt first; then flexion and lean.</summary>
        private void EvaluateTilt(long timeUs, int flexion, int lateralBend, bool judge, bool walking, bool settled)
        {
            PostureAverage average = _average;
            int averageFlexion = average.Flexion;
            int averageLateral = average.LateralBend;
            if (judge && walking)
            {
                // Walking posture is judged against the wearer's own, learnt over the walk's first settled seconds.
                WalkingPostureBaseline baseline = _walkingPosture;
                if (!baseline.IsKnown)
                {
                    if (settled)
                    {
                        baseline.Learn(flexion, lateralBend);
                    }

                    judge = false;
                }
                else
                {
                    // Followed slowly, but never with a posture beyond a rule's threshold: a held excursion is not learnt.
                    if (settled && !_flexion.IsBeyondThreshold && !_lateral.IsBeyondThreshold)
                    {
                        baseline.Learn(flexion, lateralBend);
                    }

                    flexion -= baseline.Flexion;
                    lateralBend -= baseline.LateralBend;
                    averageFlexion -= baseline.Flexion;
                    averageLateral -= baseline.LateralBend;
                }
            }

            ConditionChange change = judge && _flexionOn ? _flexion.Update(timeUs, flexion, averageFlexion) : _flexion.Reset();
            if (change != ConditionChange.None)
            {
                Apply(CueRule.Flexion, change, timeUs, _flexion.OnsetUs);
            }

            int lean = lateralBend < 0 ? -lateralBend : lateralBend;
            change = judge && _lateralOn ? _lateral.Update(timeUs, lean, averageLateral < 0 ? -averageLateral : averageLateral) : _lateral.Reset();
            if (change != ConditionChange.None)
            {
                Apply(CueRule.LateralLean, change, timeUs, _lateral.OnsetUs);
            }
        }

        /// <summary>The posture rules while turning: excursions under way keep their clocks, nothing starts or clears.</summary>
        private void HoldTilt(long timeUs)
        {
            if (_flexionOn)
            {
                Apply(CueRule.Flexion, _flexion.Hold(timeUs), timeUs, _flexion.OnsetUs);
            }

            if (_lateralOn)
            {
                Apply(CueRule.LateralLean, _lateral.Hold(timeUs), timeUs, _lateral.OnsetUs);
            }
        }

        private void Apply(CueRule rule, ConditionChange change, long timeUs, long onsetUs)
        {
            if (change == ConditionChange.None)
            {
                return;
            }

            int r = (int)rule;
            if (change == ConditionChange.Started)
            {
                _excessiveRules |= 1 << r;
                _level[r] = 0;
                _events.Add(BandEventKind.ExcessiveMotionStart, timeUs, ExcessiveMotionValue.Pack(rule, timeUs - onsetUs));
            }
            else
            {
                _excessiveRules &= ~(1 << r);
                _excessiveUs[r] += timeUs - onsetUs;
                _events.Add(BandEventKind.ExcessiveMotionEnd, timeUs, ExcessiveMotionValue.Pack(rule, timeUs - onsetUs));
            }
        }

        /// <summary>Gives at most one cue: the first rule (in rule order) that is due, if the limiter lets it.</summary>
        private void TryCue(long timeUs)
        {
            for (int r = 1; r <= CueRules.Last; r++)
            {
                if ((_excessiveRules & (1 << r)) == 0)
                {
                    continue;
                }

                int level = _level[r];
                if (level != 0 && timeUs - _lastCueUs[r] < _repeatUs)
                {
                    continue;
                }

                if (!_limiter.CanCue(timeUs))
                {
                    return;
                }

                int next = level == 0 ? _startLevel : (level < _maxLevel ? level + 1 : _maxLevel);
                Cue((CueRule)r, next, timeUs);
                return;
            }
        }

        private void Cue(CueRule rule, int level, long timeUs)
        {
            int r = (int)rule;
            _limiter.OnCue(timeUs);
            _level[r] = level;
            _lastCueUs[r] = timeUs;
            _cuesRecorded++;
            // A pacing pattern that plays keeps the motor (HapticPriority): the cue is then recorded, not played.
            bool play = _training && _player.Play(HapticPatterns.ForLevel(level), timeUs);
            if (play)
            {
                _cuesPlayed++;
            }

            _events.Add(BandEventKind.Cue, timeUs, CueEventValue.Pack(rule, level, play));
        }

        private long OnsetOf(CueRule rule)
        {
            switch (rule)
            {
                case CueRule.Flexion: return _flexion.OnsetUs;
                case CueRule.LateralLean: return _lateral.OnsetUs;
                default: return _sway.OnsetUs;
            }
        }
    }
}
