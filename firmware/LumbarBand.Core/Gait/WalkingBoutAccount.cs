using LumbarBand.Core.Cueing;

namespace LumbarBand.Core.Gait
{
    /// <summary>
    /// Keeps the account of the current walking bout from the band's events: its first and last step, its steps and
    /// cadence, the cues during it and its time in sustained excessive posture; when the bout ends it writes them into
    /// a <see cref="WalkingBoutOutcome"/>. Fed every event <see cref="Band"/> forwards (a few a second), never per sample.
    /// </summary>
    /// <remarks>
    /// A bout runs from its first to its last counted step (<see cref="BandEventKind.BoutStart"/>'s time to
    /// <see cref="BandEventKind.BoutEnd"/>'s, which is its last step's; the end event comes up to 2.5 s later, when no
    /// step can follow). Cues count from the bout's start event to its last step. Excessive posture is the union of
    /// the sustained flexion and lateral-lean episodes (<see cref="CueRule.Flexion"/>, <see cref="CueRule.LateralLean"/>:
    /// from their <see cref="BandEventKind.ExcessiveMotionStart"/> to their end), clipped to the bout's first and last
    /// step, turns left out (<see cref="OnTurning"/>: the posture rules hold through a turn, but a turn's roll and
    /// pitch are not walking posture, see <see cref="Session.SessionRecorder"/>); sway is motion, not posture, and has
    /// its own epoch time.
    /// </remarks>
    public sealed class WalkingBoutAccount
    {
        /// <summary>Deci-steps per minute times microseconds: 60 s × 10 × 1 000 000.</summary>
        private const long DeciStepsPerMinuteUs = 600000000L;

        /// <summary>Microseconds in a second.</summary>
        private const long MicrosPerSecond = 1000000L;

        /// <summary>Bits of <see cref="_postureExcess"/>: one per posture rule (1 &lt;&lt; rule).</summary>
        private const int PostureRules = (1 << (int)CueRule.Flexion) | (1 << (int)CueRule.LateralLean);

        private bool _open;
        private long _startUs;
        private long _lastStepUs;
        private int _steps;
        private int _cues;
        private int _cuesAtLastStep;

        /// <summary>Time of the bout's last cue, device µs.</summary>
        private long _lastCueUs;

        /// <summary>Posture rules in sustained excess now, bit 1 &lt;&lt; rule.</summary>
        private int _postureExcess;

        /// <summary>Start of the current stretch of excessive posture (any posture rule), device µs.</summary>
        private long _excessSinceUs;

        /// <summary>Excessive posture in closed stretches inside the current bout, µs.</summary>
        private long _excessUs;

        /// <summary>True while the wearer turns: excessive posture does not count.</summary>
        private bool _turning;

        /// <summary>True between a bout's start and its end.</summary>
        public bool InBout { get { return _open; } }

        /// <summary>
        /// Takes one event (kind, device time in µs, value). Returns true when it ended a bout: the bout's account is
        /// then ready for <see cref="Fill"/>.
        /// </summary>
        public bool OnEvent(BandEventKind kind, long timeUs, int value)
        {
            switch (kind)
            {
                case BandEventKind.BoutStart:
                    _open = true;
                    _startUs = timeUs;
                    _lastStepUs = timeUs;
                    _cues = 0;
                    _cuesAtLastStep = 0;
                    _lastCueUs = 0;
                    _excessUs = 0;
                    return false;
                case BandEventKind.Cue:
                    if (_open)
                    {
                        _cues++;
                        _lastCueUs = timeUs;
                    }

                    return false;
                case BandEventKind.ExcessiveMotionStart:
                    OnExcess(ExcessiveMotionValue.Rule(value), true, timeUs);
                    return false;
                case BandEventKind.ExcessiveMotionEnd:
                    OnExcess(ExcessiveMotionValue.Rule(value), false, timeUs);
                    return false;
                case BandEventKind.BoutEnd:
                    if (!_open)
                    {
                        return false;
                    }

                    // The end's time is the last counted step's. A cue between it and the end event (2.5 s at most,
                    // far less than the cue cooldown, so one at most) is not the bout's.
                    _lastStepUs = timeUs;
                    _cuesAtLastStep = _lastCueUs > timeUs ? _cues - 1 : _cues;
                    _steps = value;
                    _open = false;
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>Writes the ended bout's times, steps, cadence, cues and excessive-posture time into <paramref name="outcome"/>.</summary>
        public void Fill(WalkingBoutOutcome outcome)
        {
            long duration = _lastStepUs - _startUs;
            outcome.StartUs = _startUs;
            outcome.EndUs = _lastStepUs;
            outcome.Steps = _steps;
            outcome.CadenceDeciSpm = _steps > 1 && duration > 0 ? (int)((DeciStepsPerMinuteUs * (_steps - 1) + (duration >> 1)) / duration) : 0;
            outcome.Cues = _cuesAtLastStep;
            long excess = _excessUs;
            if (Counting)
            {
                excess += Clipped(_excessSinceUs, _lastStepUs);
            }

            outcome.ExcessivePostureSeconds = (int)((excess + (MicrosPerSecond >> 1)) / MicrosPerSecond);
        }

        /// <summary>
        /// Whether the wearer turns (<see cref="Sensing.TurnDetector.IsTurning"/>), at device time
        /// <paramref name="timeUs"/>: told at the posture stage's 5 Hz; only a change does anything.
        /// </summary>
        public void OnTurning(long timeUs, bool turning)
        {
            if (turning != _turning)
            {
                bool counting = Counting;
                _turning = turning;
                Recount(counting, timeUs);
            }
        }

        /// <summary>True while excessive posture counts: a posture rule in sustained excess, not turning.</summary>
        private bool Counting { get { return _postureExcess != 0 && !_turning; } }

        private void OnExcess(CueRule rule, bool start, long timeUs)
        {
            int bit = 1 << (int)rule;
            if ((bit & PostureRules) == 0)
            {
                return;
            }

            bool counting = Counting;
            _postureExcess = start ? _postureExcess | bit : _postureExcess & ~bit;
            Recount(counting, timeUs);
        }

        /// <summary>Opens or closes a stretch of counted excessive posture at <paramref name="timeUs"/> when counting changed.</summary>
        private void Recount(bool wasCounting, long timeUs)
        {
            bool counting = Counting;
            if (!wasCounting && counting)
            {
                _excessSinceUs = timeUs;
            }
            else if (wasCounting && !counting && _open)
            {
                _excessUs += Clipped(_excessSinceUs, timeUs);
            }
        }

        /// <summary>Length of [<paramref name="fromUs"/>, <paramref name="toUs"/>] inside the bout (from its start), µs; 0 if empty.</summary>
        private long Clipped(long fromUs, long toUs)
        {
            long from = fromUs > _startUs ? fromUs : _startUs;
            return toUs > from ? toUs - from : 0;
        }
    }
}
