using LumbarBand.Core.Sensing;

namespace LumbarBand.Core.Gait
{
    /// <summary>
    /// Rhythm of a bout from its steady step times: the coefficients of variation of step time and stride time, and
    /// left/right step-time asymmetry.
    /// </summary>
    /// <remarks>
    /// <para>CV = SD / mean × 100 % (sample SD), of the step times and of the stride times (each stride the sum of two
    /// consecutive step times, so consecutive strides overlap by a step), as in Hausdorff 2005 (J NeuroEng Rehabil
    /// 2:19) and the lower-back implementations of Del Din et al. 2016 (IEEE J Biomed Health Inform 20:838–847).</para>
    /// <para>Asymmetry (Del Din et al. 2016, after Godfrey et al. 2015, Med Eng Phys 37:400–407: the absolute difference
    /// of the mean values of the two sides): the sides alternate, so the bout's odd and even step times are the two
    /// feet's; |mean odd − mean even|, divided here by the mean step time so that it reads in % and compares across
    /// cadences (0 % symmetric; 5–10 % in hemiparetic gait).</para>
    /// <para>Units: step times in units of 0.1 ms inside (step times up to 2 s are 20000, squares fit a long),
    /// outputs in 0.1 %. Work per counted step: a few additions and multiplications; the square roots once a bout.</para>
    /// </remarks>
    public sealed class GaitVariability
    {
        /// <summary>Least steady step times for the figures: four (two of each foot); fewer leave them at 0.</summary>
        public const int MinSteps = 4;

        /// <summary>µs per time unit (0.1 ms).</summary>
        private const int MicrosPerUnit = 100;

        /// <summary>Permille: outputs are in 0.1 %.</summary>
        private const int Permille = 1000;

        private long _sum;
        private long _squares;
        private int _count;
        private long _strideSum;
        private long _strideSquares;
        private int _strides;
        private long _oddSum;
        private int _previous;

        /// <summary>A bout started.</summary>
        public void OnBoutStart()
        {
            _sum = 0;
            _squares = 0;
            _count = 0;
            _strideSum = 0;
            _strideSquares = 0;
            _strides = 0;
            _oddSum = 0;
            _previous = 0;
        }

        /// <summary>A steady step time, µs (consecutive steps of the bout, in order).</summary>
        public void Add(int stepTimeUs)
        {
            int t = stepTimeUs / MicrosPerUnit;
            if ((_count & 1) == 0)
            {
                _oddSum += t;
            }

            _sum += t;
            _squares += (long)t * t;
            _count++;
            if (_previous != 0)
            {
                long stride = _previous + t;
                _strideSum += stride;
                _strideSquares += stride * stride;
                _strides++;
            }

            _previous = t;
        }

        /// <summary>Mean step time of the bout so far, µs; 0 without step times.</summary>
        public int MeanStepUs { get { return _count == 0 ? 0 : (int)(_sum * MicrosPerUnit / _count); } }

        /// <summary>Writes the CVs and the asymmetry into <paramref name="outcome"/> (0 with fewer than <see cref="MinSteps"/> step times).</summary>
        public void Fill(WalkingBoutOutcome outcome)
        {
            if (_count < MinSteps)
            {
                outcome.StepTimeCvPermille = 0;
                outcome.StrideTimeCvPermille = 0;
                outcome.StepTimeAsymmetryPermille = 0;
                return;
            }

            outcome.StepTimeCvPermille = CvPermille(_count, _sum, _squares);
            outcome.StrideTimeCvPermille = CvPermille(_strides, _strideSum, _strideSquares);

            // Mean of each side over the same number of steps: the odd ones are the 1st, 3rd, ...; an odd count leaves the last out.
            int pairs = _count >> 1;
            long odd = _oddSum;
            long even = _sum - _oddSum;
            if ((_count & 1) != 0)
            {
                odd -= _previous;
            }

            long difference = odd > even ? odd - even : even - odd;
            long total = odd + even;
            outcome.StepTimeAsymmetryPermille = pairs == 0 || total == 0 ? 0 : (int)((difference * 2 * Permille + (total >> 1)) / total);
        }

        /// <summary>Sample SD over mean, 0.1 %, of <paramref name="n"/> values with sum and sum of squares.</summary>
        private static int CvPermille(int n, long sum, long squares)
        {
            if (n < 2 || sum <= 0)
            {
                return 0;
            }

            // Variance × n(n−1) = nΣt² − (Σt)²; SD = √(that / (n(n−1))), in time units (≤ 40000 for a stride: the variance fits an int).
            long spread = (n * squares) - (sum * sum);
            long variance = spread / ((long)n * (n - 1));
            int sd = IntegerMath.Sqrt(variance > int.MaxValue ? int.MaxValue : (int)variance);
            return (int)(((long)sd * n * Permille + (sum >> 1)) / sum);
        }
    }
}
