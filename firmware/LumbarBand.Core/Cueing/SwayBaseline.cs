namespace LumbarBand.Core.Cueing
{
    /// <summary>
    /// The wearer's own per-stride sway at the start of a walk: after skipping the strides of gait initiation, the
    /// mean of the mediolateral tilt, anteroposterior tilt and transverse rotation ranges over a set number of
    /// strides (see <see cref="Configuration.SettingId.SwayBaselineStrides"/>). Integer sums of centidegrees.
    /// </summary>
    public sealed class SwayBaseline
    {
        private int _skipStrides;
        private int _strides = 1;
        private int _skipped;
        private int _count;
        private int _sumMediolateral;
        private int _sumAnteroposterior;
        private int _sumRotation;

        /// <summary>True once the baseline strides have all been averaged.</summary>
        public bool IsReady { get { return _count >= _strides; } }

        /// <summary>Strides averaged so far.</summary>
        public int StridesAveraged { get { return _count; } }

        /// <summary>Mean mediolateral tilt range, centidegrees (0 before any stride).</summary>
        public int MediolateralCentidegrees { get { return _count == 0 ? 0 : _sumMediolateral / _count; } }

        /// <summary>Mean anteroposterior tilt range, centidegrees.</summary>
        public int AnteroposteriorCentidegrees { get { return _count == 0 ? 0 : _sumAnteroposterior / _count; } }

        /// <summary>Mean transverse rotation range, centidegrees.</summary>
        public int RotationCentidegrees { get { return _count == 0 ? 0 : _sumRotation / _count; } }

        /// <summary>Sets how many strides to skip and then average (at least 1).</summary>
        public void Configure(int skipStrides, int strides)
        {
            _skipStrides = skipStrides;
            _strides = strides < 1 ? 1 : strides;
        }

        /// <summary>Offers one stride's ranges (centidegrees, each at most <see cref="SwayRule.MaxRangeCentidegrees"/>).</summary>
        public void Add(int mediolateral, int anteroposterior, int rotation)
        {
            if (_skipped < _skipStrides)
            {
                _skipped++;
                return;
            }

            if (_count >= _strides)
            {
                return;
            }

            // At most 250 strides of at most 18000: sums stay below 2^23.
            _sumMediolateral += mediolateral;
            _sumAnteroposterior += anteroposterior;
            _sumRotation += rotation;
            _count++;
        }

        /// <summary>Forgets the baseline: a new walk learns its own.</summary>
        public void Restart()
        {
            _skipped = 0;
            _count = 0;
            _sumMediolateral = 0;
            _sumAnteroposterior = 0;
            _sumRotation = 0;
        }
    }
}
