using LumbarBand.Core.Configuration;
using LumbarBand.Core.Cueing;

namespace LumbarBand.Core.Pacing
{
    /// <summary>
    /// The walking plan as a pacer ("park bench to park bench"): counts a stretch's confirmed walking, plays "time to
    /// rest" when it reaches the plan, times the rest, plays "ready to go" when the rest is over, and hands each
    /// finished stretch on (<see cref="LastStretch"/>) for the session to record.
    /// </summary>
    /// <remarks>
    /// <para>Time-contingent pacing, the core of graded activity for chronic low back pain: activity is ended by a
    /// quota set in advance, not by pain, and the quota is raised step by step while it stays tolerable (Fordyce 1976,
    /// Behavioral Methods for Chronic Pain and Illness; Lindström et al. 1992, Phys Ther 72:279–290; Macedo et al.
    /// 2010, Phys Ther 90:860–879; for pacing as quota-based rest before pain, Nielson et al. 2013, Clin J Pain
    /// 29:461–468).</para>
    /// <para>Rules. Walking counts from a confirmed bout's start to its end (<see cref="BandEventKind.BoutStart"/>,
    /// <see cref="BandEventKind.BoutEnd"/>: the same walking the session sums), so standing at a kerb pauses the
    /// stretch's clock and never restarts it. A stop as long as the planned rest ends the stretch, reached or not: it
    /// was its rest ("ready to go" plays unless it was the last stretch). Walking again after "time to rest" but before
    /// the rest is over starts the next stretch with the rest cut short. After the last stretch the pacer is silent;
    /// a stop of <see cref="SettingId.SessionEndIdleSeconds"/> ends the walk (as it ends the session), as does a new
    /// session (<see cref="RestartWalk"/>), and the next walking starts stretch 1 again.</para>
    /// <para>Its patterns play at <see cref="HapticPriority.Pacing"/>, above posture cues: a cue never delays or cuts
    /// short "time to rest", whose due time no cue cooldown, cap or snooze touches.</para>
    /// <para>Cost: nothing per sample but the band's comparison with <see cref="DueUs"/> (on every fourth sample, so
    /// patterns start within 80 ms of their time); work per walking change, step and due time. Without a plan it does
    /// nothing and <see cref="DueUs"/> is never reached.</para>
    /// </remarks>
    public sealed class WalkingPacer
    {
        /// <summary>A due time that never comes.</summary>
        public const long Never = long.MaxValue;

        private const long MicrosPerSecond = 1000000;

        private readonly EventQueue _events;
        private readonly HapticPlayer _player;
        private readonly WalkingPlan _plan = new WalkingPlan();
        private readonly Stretch _current = new Stretch();
        private readonly Stretch _last = new Stretch();
        private long _idleUs;
        private PacingPhase _phase;
        private bool _walking;

        /// <summary>While walking, since when (device time); otherwise since when the wearer stopped.</summary>
        private long _sinceUs;

        /// <summary>
        /// <see cref="DueUs"/>, as an internal field so the band's test on every fourth sample needs no property call.
        /// </summary>
        internal long NextDueUs = Never;

        /// <summary>
        /// Creates a pacer writing its events to <paramref name="events"/> and playing on <paramref name="player"/>
        /// (the band's one motor player), with the plan of <paramref name="settings"/> (valid settings).
        /// </summary>
        public WalkingPacer(EventQueue events, HapticPlayer player, BandSettings settings)
        {
            if (events == null || player == null || settings == null)
            {
                throw new System.ArgumentException("the pacer needs an event queue, the motor's player and settings", nameof(events));
            }

            _events = events;
            _player = player;
            Configure(settings);
        }

        /// <summary>The plan in force.</summary>
        public WalkingPlan Plan { get { return _plan; } }

        /// <summary>Where the walk stands in its plan.</summary>
        public PacingPhase Phase { get { return _phase; } }

        /// <summary>Number of the stretch under way (or last finished), from 1; 0 before the walk's first.</summary>
        public int StretchNumber { get { return _current.Number; } }

        /// <summary>The stretch finished last (valid after <see cref="OnEvent"/> or <see cref="Tick"/> returned true).</summary>
        public Stretch LastStretch { get { return _last; } }

        /// <summary>Device time at which <see cref="Tick"/> has work, microseconds (<see cref="Never"/> when none).</summary>
        public long DueUs { get { return NextDueUs; } }

        /// <summary>Confirmed walking in the stretch under way up to <paramref name="timeUs"/>, microseconds (0 outside one).</summary>
        public long WalkedUs(long timeUs)
        {
            if (_phase != PacingPhase.Walking && _phase != PacingPhase.RestDue)
            {
                return 0;
            }

            return _current.WalkedUs + (_walking && timeUs > _sinceUs ? timeUs - _sinceUs : 0);
        }

        /// <summary>
        /// Takes the plan and idle time of <paramref name="settings"/> (valid). The same plan carries on; a changed
        /// plan starts afresh from the next walking (a stretch under way is dropped, not recorded).
        /// </summary>
        public void Configure(BandSettings settings)
        {
            _idleUs = settings.SessionEndIdleSeconds * MicrosPerSecond;
            if (!_plan.SameAs(settings))
            {
                _plan.Load(settings);
                RestartWalk();
            }

            Schedule();
        }

        /// <summary>
        /// A new walk began (the band started a new session, whatever ended the last one, e.g. a button press or the
        /// host): the next walking starts stretch 1. A stretch under way is dropped, not recorded.
        /// </summary>
        public void RestartWalk()
        {
            _phase = PacingPhase.Idle;
            _walking = false;
            _current.Number = 0;
            Schedule();
        }

        /// <summary>
        /// One event of the band (bout start and end, step, pain marker; others are ignored). Returns true when it
        /// finished a stretch (walking resumed before a rest was over): <see cref="LastStretch"/> holds it.
        /// </summary>
        public bool OnEvent(BandEventKind kind, long timeUs)
        {
            if (!_plan.Active)
            {
                return false;
            }

            switch (kind)
            {
                case BandEventKind.BoutStart:
                    return OnWalkingStarted(timeUs);
                case BandEventKind.BoutEnd:
                    OnWalkingStopped(timeUs);
                    return false;
                case BandEventKind.Step:
                    if (_phase == PacingPhase.Walking || _phase == PacingPhase.RestDue)
                    {
                        _current.Steps++;
                    }

                    return false;
                case BandEventKind.PainMarker:
                    OnPain(timeUs);
                    return false;
                default:
                    return false;
            }
        }

        /// <summary>
        /// At <see cref="DueUs"/> or later: plays "time to rest" when the stretch's walking is reached, ends the stretch
        /// when its rest is over (then "ready to go"), ends the walk after the idle time. Returns true when it finished
        /// a stretch: <see cref="LastStretch"/> holds it.
        /// </summary>
        public bool Tick(long timeUs)
        {
            bool finished = false;
            PacingPhase phase = _phase;
            bool inStretch = phase == PacingPhase.Walking || phase == PacingPhase.RestDue;
            if (_walking)
            {
                if (phase == PacingPhase.Walking && _current.WalkedUs + (timeUs - _sinceUs) >= _plan.WalkUs)
                {
                    _current.Flags |= StretchFlags.ReachedPlan;
                    _phase = PacingPhase.RestDue;
                    _player.Play(PacingPatterns.Rest, timeUs, HapticPriority.Pacing);
                    _events.Add(BandEventKind.RestDue, timeUs, _current.Number);
                }
            }
            else if (inStretch && timeUs - _sinceUs >= _plan.RestUs)
            {
                finished = Finish(_plan.RestUs, StretchFlags.RestComplete);
                if (_phase == PacingPhase.Rested)
                {
                    if (_plan.ReadyCue)
                    {
                        _player.Play(PacingPatterns.Ready, timeUs, HapticPriority.Pacing);
                    }

                    _events.Add(BandEventKind.RestOver, timeUs, _current.Number);
                }
            }
            else if (!inStretch && phase != PacingPhase.Idle && timeUs - _sinceUs >= _idleUs)
            {
                _phase = PacingPhase.Idle;
                _current.Number = 0;
            }

            Schedule();
            return finished;
        }

        private bool OnWalkingStarted(long timeUs)
        {
            if (_walking)
            {
                return false;
            }

            bool finished = false;
            switch (_phase)
            {
                case PacingPhase.Idle:
                    Begin(1, timeUs);
                    break;
                case PacingPhase.Rested:
                    Begin(_current.Number + 1, timeUs);
                    break;
                case PacingPhase.RestDue:
                    // Walking again before the rest is over: the rest was cut short, the next stretch begins.
                    finished = Finish(timeUs - _sinceUs, 0);
                    if (_phase == PacingPhase.Rested)
                    {
                        Begin(_current.Number + 1, timeUs);
                    }

                    break;
                default:
                    // Walking: a short stop inside the stretch; Done: walking on after the plan.
                    break;
            }

            _walking = true;
            _sinceUs = timeUs;
            Schedule();
            return finished;
        }

        private void OnWalkingStopped(long timeUs)
        {
            if (!_walking)
            {
                return;
            }

            if ((_phase == PacingPhase.Walking || _phase == PacingPhase.RestDue) && timeUs > _sinceUs)
            {
                _current.WalkedUs += timeUs - _sinceUs;
            }

            _walking = false;
            _sinceUs = timeUs;
            Schedule();
        }

        private void OnPain(long timeUs)
        {
            if (_phase == PacingPhase.Walking)
            {
                _current.Flags |= StretchFlags.Pain;
                if (WalkedUs(timeUs) < _plan.WalkUs)
                {
                    _current.Flags |= StretchFlags.PainBeforePlan;
                }
            }
            else if (_phase == PacingPhase.RestDue)
            {
                _current.Flags |= StretchFlags.Pain;
            }
        }

        private void Begin(int number, long timeUs)
        {
            Stretch s = _current;
            s.Number = number;
            s.Flags = number >= _plan.Stretches ? StretchFlags.Last : 0;
            s.PlannedWalkSeconds = _plan.WalkSeconds;
            s.PlannedRestSeconds = _plan.RestSeconds;
            s.StartUs = timeUs;
            s.WalkEndUs = timeUs;
            s.WalkedUs = 0;
            s.RestUs = 0;
            s.Steps = 0;
            _phase = PacingPhase.Walking;
        }

        /// <summary>Ends the stretch under way (stopped since <see cref="_sinceUs"/>) with <paramref name="restUs"/> of rest.</summary>
        private bool Finish(long restUs, int flags)
        {
            Stretch s = _current;
            s.WalkEndUs = _sinceUs;
            s.RestUs = restUs;
            s.Flags |= flags;
            _last.CopyFrom(s);
            _phase = (s.Flags & StretchFlags.Last) != 0 ? PacingPhase.Done : PacingPhase.Rested;
            return true;
        }

        private void Schedule()
        {
            long due = Never;
            PacingPhase phase = _phase;
            if (!_plan.Active || phase == PacingPhase.Idle)
            {
                due = Never;
            }
            else if (_walking)
            {
                due = phase == PacingPhase.Walking ? _sinceUs + (_plan.WalkUs - _current.WalkedUs) : Never;
            }
            else if (phase == PacingPhase.Walking || phase == PacingPhase.RestDue)
            {
                due = _sinceUs + _plan.RestUs;
            }
            else
            {
                due = _sinceUs + _idleUs;
            }

            NextDueUs = due;
        }
    }
}
