using LumbarBand.Core.Sensing;

namespace LumbarBand.Analysis.Recordings;

/// <summary>
/// Turns a recording in physical units into the counts the band's IMU would produce: resampled to the device rate,
/// scaled to the device full scales, rounded and clipped to int16. Resampling averages the input over each device
/// sample period (a box filter), standing in for the IMU's own low-pass filter and preventing aliasing when the
/// recording is faster than the device; slower recordings are linearly interpolated.
/// </summary>
public static class DeviceQuantizer
{
    private const double AccelCountsPerG = ImuFormat.AccelCountsPerG;
    private const double GyroCountsPerDps = (double)ImuFormat.GyroCountsAtFullScale / ImuFormat.GyroFullScaleDps;

    // Window edges and input sample times are sums of binary fractions: shift the half-open window by far less than
    // any sample period so an input sample exactly on an edge always falls in the later window, never in both or none.
    private const double TimeEpsilonS = 1e-9;

    /// <summary>
    /// The longest recording quantized, in seconds: a day. The band closes a session after minutes of rest and its
    /// flash holds hours, so a longer span is a broken time column (one day at 50 Hz is 4.3 million samples, 52 MB).
    /// </summary>
    public const double MaxDurationS = 24 * 3600;

    /// <summary>Resamples and quantizes <paramref name="recording"/> to the device format.</summary>
    public static RawImuSamples ToDevice(ImuRecording recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        if (recording.Count < 2)
        {
            throw new ArgumentException("a recording needs at least two samples to be resampled");
        }

        if (!(recording.DurationS <= MaxDurationS))
        {
            throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"the recording spans {recording.DurationS:G6} s; at most {MaxDurationS:0} s (a day) is resampled to the device rate"), nameof(recording));
        }

        double t0 = recording.TimeS[0];
        double period = 1.0 / ImuFormat.SampleRateHz;
        int n = (int)Math.Floor(recording.DurationS / period) + 1;
        var timeUs = new long[n];
        var axes = new short[6][];
        for (int a = 0; a < 6; a++)
        {
            axes[a] = new short[n];
        }

        var window = new WindowAverager(recording.TimeS);
        for (int k = 0; k < n; k++)
        {
            double t = t0 + (k * period);
            timeUs[k] = (long)k * ImuFormat.SamplePeriodUs;
            window.Seek(t - (period / 2) - TimeEpsilonS, t + (period / 2) - TimeEpsilonS);
            for (int a = 0; a < 3; a++)
            {
                axes[a][k] = Quantize(window.Average(recording.AccG[a], t) * AccelCountsPerG);
                axes[a + 3][k] = Quantize(window.Average(recording.GyrDps[a], t) * GyroCountsPerDps);
            }
        }

        return new RawImuSamples(timeUs, axes[0], axes[1], axes[2], axes[3], axes[4], axes[5]);
    }

    /// <summary>Rounds to the nearest count and clips to the int16 range, as the sensor saturates.</summary>
    public static short Quantize(double counts)
    {
        double r = Math.Round(counts, MidpointRounding.AwayFromZero);
        return (short)Math.Clamp(r, short.MinValue, short.MaxValue);
    }

    /// <summary>Finds the input samples inside a time window, moving forward only (O(n) over a whole recording).</summary>
    private sealed class WindowAverager(double[] timeS)
    {
        private int _first;
        private int _end;

        public void Seek(double from, double to)
        {
            while (_first < timeS.Length && timeS[_first] < from)
            {
                _first++;
            }

            if (_end < _first)
            {
                _end = _first;
            }

            while (_end < timeS.Length && timeS[_end] < to)
            {
                _end++;
            }
        }

        /// <summary>Mean of the samples in the window; with none in it, linear interpolation at <paramref name="t"/>.</summary>
        public double Average(double[] values, double t)
        {
            if (_end > _first)
            {
                double sum = 0;
                for (int i = _first; i < _end; i++)
                {
                    sum += values[i];
                }

                return sum / (_end - _first);
            }

            int hi = Math.Min(_first, timeS.Length - 1);
            int lo = Math.Max(hi - 1, 0);
            if (hi == lo || timeS[hi] == timeS[lo])
            {
                return values[hi];
            }

            double f = Math.Clamp((t - timeS[lo]) / (timeS[hi] - timeS[lo]), 0, 1);
            return values[lo] + (f * (values[hi] - values[lo]));
        }
    }
}
