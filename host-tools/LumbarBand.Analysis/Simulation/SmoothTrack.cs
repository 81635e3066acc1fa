namespace LumbarBand.Analysis.Simulation;

/// <summary>
/// A value that holds a target per segment and moves to each new target along a minimum-jerk ramp that starts at
/// the segment's start: postures, sway scale and turning rate change smoothly, never in a jump a gyroscope would
/// see as an impulse.
/// </summary>
internal sealed class SmoothTrack
{
    private readonly double[] _startS;
    private readonly double[] _from;
    private readonly double[] _to;
    private readonly double[] _rampS;

    /// <summary>Builds the track; a ramp is shortened to its segment so every ramp ends before the next begins.</summary>
    public SmoothTrack(IReadOnlyList<SegmentTiming> segments, Func<WalkSegment, double> target, Func<WalkSegment, double> rampS, double initial)
    {
        int n = segments.Count;
        _startS = new double[n];
        _from = new double[n];
        _to = new double[n];
        _rampS = new double[n];
        double previous = initial;
        for (int k = 0; k < n; k++)
        {
            SegmentTiming s = segments[k];
            _startS[k] = s.StartS;
            _from[k] = previous;
            _to[k] = target(s.Segment);
            _rampS[k] = Math.Max(1e-3, Math.Min(rampS(s.Segment), s.DurationS));
            previous = _to[k];
        }
    }

    /// <summary>The value at <paramref name="t"/> seconds (before the first segment: the first ramp's start value).</summary>
    public double At(double t)
    {
        int k = Array.BinarySearch(_startS, t);
        k = k >= 0 ? k : ~k - 1;
        if (k < 0)
        {
            return _from.Length > 0 ? _from[0] : 0;
        }

        return _from[k] + ((_to[k] - _from[k]) * Shapes.MinJerk((t - _startS[k]) / _rampS[k]));
    }
}
