using LumbarBand.Core.Configuration;

namespace LumbarBand.Core.Cueing
{
    /// <summary>
    /// Rule 3: excessive sway while walking. A stride is over the limit when any judged range (mediolateral tilt,
    /// anteroposterior tilt, transverse rotation) exceeds its limit; sway is excessive when at least M of the last N
    /// strides were over, and clears when fewer than M of the last N were over the lower, hysteresis limit. The limit
    /// is either absolute or a percentage of <see cref="SwayBaseline"/>, learned at the start of each walk (until
    /// then a relative rule only learns).
    /// </summary>
    /// <remarks>
    /// Fed once per stride with the sway stage's per-stride ranges in centidegrees. The last N strides are two bit
    /// histories (over the limit, over the hysteresis limit) with running counts, so a stride costs a few dozen
    /// instructions whatever N is.
    /// </remarks>
    public sealed class SwayRule
    {
        /// <summary>Longest stride window (the bit histories are 32-bit ints; 30 strides is half a minute of walking).</summary>
        public const int MaxWindowStrides = 30;

        /// <summary>
        /// Largest per-stride range taken as given, centidegrees (180°): anything larger is a sensor or stage fault,
        /// and capping it keeps the baseline sums in range.
        /// </summary>
        public const int MaxRangeCentidegrees = 18000;

        private const int PercentScale = 100;

        private readonly SwayBaseline _baseline = new SwayBaseline();
        private bool _enabled;
        private bool _relative;
        private int _axes;
        private int _relativePercent;
        private int _minimumExcess;
        private int _hysteresisPercent;
        private int _absoluteMediolateral;
        private int _absoluteAnteroposterior;
        private int _absoluteRotation;
        private int _stridesOver;
        private int _window;

        private bool _limitsKnown;
        private int _limitMediolateral;
        private int _limitAnteroposterior;
        private int _limitRotation;
        private int _clearMediolateral;
        private int _clearAnteroposterior;
        private int _clearRotation;

        private int _overBits;
        private int _persistBits;
        private int _overCount;
        private int _persistCount;
        private bool _excessive;
        private long _onsetUs;
        private long _firstOverUs;

        /// <summary>The baseline of the current walk.</summary>
        public SwayBaseline Baseline { get { return _baseline; } }

        /// <summary>True while sway is excessive.</summary>
        public bool IsExcessive { get { return _excessive; } }

        /// <summary>Device time of the first over-limit stride of the current (or last) excessive episode, microseconds.</summary>
        public long OnsetUs { get { return _onsetUs; } }

        /// <summary>True when the rule has limits to judge by (absolute, or relative with a ready baseline).</summary>
        public bool HasLimits { get { return _limitsKnown; } }

        /// <summary>Current mediolateral limit, centidegrees (meaningful when <see cref="HasLimits"/>).</summary>
        public int MediolateralLimitCentidegrees { get { return _limitMediolateral; } }

        /// <summary>Current anteroposterior limit, centidegrees.</summary>
        public int AnteroposteriorLimitCentidegrees { get { return _limitAnteroposterior; } }

        /// <summary>Current rotation limit, centidegrees.</summary>
        public int RotationLimitCentidegrees { get { return _limitRotation; } }

        /// <summary>Strides over the limit among the last N.</summary>
        public int StridesOverLimit { get { return _overCount; } }

        /// <summary>Takes the sway settings (validated settings only). Keeps the baseline; re-counts the window.</summary>
        public void Configure(BandSettings settings)
        {
            _enabled = settings.SwayRuleEnabled;
            _relative = settings.SwayLimitMode == SwayLimitMode.Relative;
            _axes = (int)settings.SwayAxes;
            _relativePercent = settings.SwayRelativeLimitPercent;
            _minimumExcess = settings.SwayMinimumExcessCentidegrees;
            _hysteresisPercent = settings.SwayHysteresisPercent;
            _absoluteMediolateral = settings.SwayMediolateralLimitCentidegrees;
            _absoluteAnteroposterior = settings.SwayAnteroposteriorLimitCentidegrees;
            _absoluteRotation = settings.SwayRotationLimitCentidegrees;
            _stridesOver = settings.SwayStridesOverLimit;
            _window = settings.SwayStrideWindow;
            _baseline.Configure(settings.SwayBaselineSkipStrides, settings.SwayBaselineStrides);

            int mask = (1 << _window) - 1;
            _overBits &= mask;
            _persistBits &= mask;
            _overCount = CountBits(_overBits);
            _persistCount = CountBits(_persistBits);
            UpdateLimits();
        }

        /// <summary>
        /// Takes one stride's ranges, centidegrees, at device time <paramref name="timeUs"/> (the stride's end).
        /// Learns the baseline while it is not ready; judges once there are limits and the rule is enabled.
        /// </summary>
        public ConditionChange OnStride(long timeUs, int mediolateral, int anteroposterior, int rotation)
        {
            mediolateral = Bounded(mediolateral);
            anteroposterior = Bounded(anteroposterior);
            rotation = Bounded(rotation);
            if (!_baseline.IsReady)
            {
                _baseline.Add(mediolateral, anteroposterior, rotation);
                if (_baseline.IsReady)
                {
                    UpdateLimits();
                }
            }

            if (!_enabled || !_limitsKnown)
            {
                return ConditionChange.None;
            }

            bool over = Exceeds(mediolateral, anteroposterior, rotation, _limitMediolateral, _limitAnteroposterior, _limitRotation);
            bool persist = over
                || Exceeds(mediolateral, anteroposterior, rotation, _clearMediolateral, _clearAnteroposterior, _clearRotation);

            int oldest = 1 << (_window - 1);
            if ((_overBits & oldest) != 0)
            {
                _overCount--;
            }

            if ((_persistBits & oldest) != 0)
            {
                _persistCount--;
            }

            int mask = (oldest << 1) - 1;
            _overBits = ((_overBits << 1) | (over ? 1 : 0)) & mask;
            _persistBits = ((_persistBits << 1) | (persist ? 1 : 0)) & mask;
            if (over)
            {
                if (_overCount == 0)
                {
                    _firstOverUs = timeUs;
                }

                _overCount++;
            }

            if (persist)
            {
                _persistCount++;
            }

            if (!_excessive)
            {
                if (_overCount >= _stridesOver)
                {
                    _excessive = true;
                    _onsetUs = _firstOverUs;
                    return ConditionChange.Started;
                }
            }
            else if (_persistCount < _stridesOver)
            {
                _excessive = false;
                return ConditionChange.Ended;
            }

            return ConditionChange.None;
        }

        /// <summary>Walking stopped (or the rule was switched off): forgets the stride window, ending any excess.</summary>
        public ConditionChange EndEpisode()
        {
            _overBits = 0;
            _persistBits = 0;
            _overCount = 0;
            _persistCount = 0;
            if (_excessive)
            {
                _excessive = false;
                return ConditionChange.Ended;
            }

            return ConditionChange.None;
        }

        /// <summary>A new walk: learns a new baseline (relative limits wait for it) and ends any excess.</summary>
        public ConditionChange RestartBaseline()
        {
            _baseline.Restart();
            UpdateLimits();
            return EndEpisode();
        }

        private static int Bounded(int range)
        {
            if (range < 0)
            {
                return 0;
            }

            return range > MaxRangeCentidegrees ? MaxRangeCentidegrees : range;
        }

        private static int CountBits(int bits)
        {
            int count = 0;
            while (bits != 0)
            {
                bits &= bits - 1;
                count++;
            }

            return count;
        }

        private bool Exceeds(int mediolateral, int anteroposterior, int rotation, int limitMediolateral, int limitAnteroposterior, int limitRotation)
        {
            int axes = _axes;
            return ((axes & (int)SwayAxes.Mediolateral) != 0 && mediolateral > limitMediolateral)
                || ((axes & (int)SwayAxes.Anteroposterior) != 0 && anteroposterior > limitAnteroposterior)
                || ((axes & (int)SwayAxes.Rotation) != 0 && rotation > limitRotation);
        }

        private void UpdateLimits()
        {
            if (_relative)
            {
                if (!_baseline.IsReady)
                {
                    _limitsKnown = false;
                    return;
                }

                _limitMediolateral = RelativeLimit(_baseline.MediolateralCentidegrees);
                _limitAnteroposterior = RelativeLimit(_baseline.AnteroposteriorCentidegrees);
                _limitRotation = RelativeLimit(_baseline.RotationCentidegrees);
            }
            else
            {
                _limitMediolateral = _absoluteMediolateral;
                _limitAnteroposterior = _absoluteAnteroposterior;
                _limitRotation = _absoluteRotation;
            }

            int keep = PercentScale - _hysteresisPercent;
            _clearMediolateral = _limitMediolateral * keep / PercentScale;
            _clearAnteroposterior = _limitAnteroposterior * keep / PercentScale;
            _clearRotation = _limitRotation * keep / PercentScale;
            _limitsKnown = true;
        }

        /// <summary>The baseline times the relative percentage, but at least the baseline plus the minimum excess.</summary>
        private int RelativeLimit(int baseline)
        {
            int scaled = baseline * _relativePercent / PercentScale;
            int floor = baseline + _minimumExcess;
            return scaled > floor ? scaled : floor;
        }
    }
}
