namespace LumbarBand.Core.Cueing
{
    /// <summary>
    /// Rules 1 and 2: a tilt (flexion, or the size of a lateral lean) beyond a threshold, held for a dwell time, is
    /// sustained excess; it clears only when the tilt falls below threshold minus hysteresis. Between the two levels
    /// nothing changes, so a posture held near the threshold with the trunk's per-stride oscillation on top neither
    /// restarts the dwell nor flickers in and out of excess.
    /// </summary>
    /// <remarks>Fed at the cue engine's evaluation rate (5 Hz), not per sample; times are device microseconds.</remarks>
    public sealed class SustainedTiltRule
    {
        private const long MicrosPerMs = 1000;

        private int _thresholdCentidegrees = int.MaxValue;
        private int _clearBelowCentidegrees = int.MaxValue;
        private long _dwellUs;
        private bool _beyond;
        private bool _excessive;
        private long _onsetUs;

        /// <summary>True while the tilt has crossed the threshold and not yet fallen below the hysteresis level.</summary>
        public bool IsBeyondThreshold { get { return _beyond; } }

        /// <summary>True while the excess is sustained (held for the dwell, not yet cleared).</summary>
        public bool IsExcessive { get { return _excessive; } }

        /// <summary>Device time the current (or last) excursion crossed the threshold, microseconds.</summary>
        public long OnsetUs { get { return _onsetUs; } }

        /// <summary>
        /// Sets the threshold and hysteresis (centidegrees; the hysteresis must be below the threshold, as
        /// <see cref="Configuration.SettingsValidator"/> ensures) and the dwell (milliseconds).
        /// </summary>
        public void Configure(int thresholdCentidegrees, int hysteresisCentidegrees, int dwellMs)
        {
            _thresholdCentidegrees = thresholdCentidegrees;
            _clearBelowCentidegrees = thresholdCentidegrees - hysteresisCentidegrees;
            _dwellUs = dwellMs * MicrosPerMs;
        }

        /// <summary>Judges the tilt at <paramref name="timeUs"/>, centidegrees (flexion, or |lateral bend|).</summary>
        public ConditionChange Update(long timeUs, int tiltCentidegrees)
        {
            return Update(timeUs, tiltCentidegrees, tiltCentidegrees);
        }

        /// <summary>
        /// Judges the tilt at <paramref name="timeUs"/> with its average over the last strides (both centidegrees,
        /// see <see cref="PostureAverage"/>): an excursion starts when the tilt crosses the threshold and ends when
        /// the tilt is below the clear level while its average is no longer beyond the threshold. The swing of each
        /// step dips below the clear level while the posture held stays beyond the threshold on average: it neither
        /// ends the excursion nor restarts its dwell (on the real L5 walks it did for most held leans). A posture let
        /// go ends within 0.4 s, as soon as its average has fallen back to the threshold.
        /// </summary>
        public ConditionChange Update(long timeUs, int tiltCentidegrees, int averageCentidegrees)
        {
            if (!_beyond)
            {
                // The common case, upright: one comparison.
                if (tiltCentidegrees <= _thresholdCentidegrees)
                {
                    return ConditionChange.None;
                }

                _beyond = true;
                _onsetUs = timeUs;
                return ConditionChange.None;
            }

            if (tiltCentidegrees < _clearBelowCentidegrees && averageCentidegrees <= _thresholdCentidegrees)
            {
                _beyond = false;
                if (_excessive)
                {
                    _excessive = false;
                    return ConditionChange.Ended;
                }

                return ConditionChange.None;
            }

            if (!_excessive && timeUs - _onsetUs >= _dwellUs)
            {
                _excessive = true;
                return ConditionChange.Started;
            }

            return ConditionChange.None;
        }

        /// <summary>
        /// Passes time without a tilt to judge (the wearer turns, and the angles are the turn's): an excursion neither
        /// starts nor clears, but one already under way keeps its clock and becomes sustained when its dwell is met.
        /// </summary>
        public ConditionChange Hold(long timeUs)
        {
            if (_beyond && !_excessive && timeUs - _onsetUs >= _dwellUs)
            {
                _excessive = true;
                return ConditionChange.Started;
            }

            return ConditionChange.None;
        }

        /// <summary>Stops judging (rule off, not walking, posture unknown): forgets the excursion, ending any excess.</summary>
        public ConditionChange Reset()
        {
            _beyond = false;
            if (_excessive)
            {
                _excessive = false;
                return ConditionChange.Ended;
            }

            return ConditionChange.None;
        }
    }
}
