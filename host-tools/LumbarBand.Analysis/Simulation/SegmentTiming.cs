namespace LumbarBand.Analysis.Simulation;

/// <summary>Where a script segment falls on the simulated walk's time axis.</summary>
/// <param name="Segment">The segment.</param>
/// <param name="StartS">Its start, seconds from the start of the recording.</param>
/// <param name="EndS">Its end, seconds from the start of the recording.</param>
public sealed record SegmentTiming(WalkSegment Segment, double StartS, double EndS)
{
    /// <summary>Duration in seconds.</summary>
    public double DurationS => EndS - StartS;

    /// <summary>Lays the segments of <paramref name="script"/> end to end from time 0.</summary>
    public static IReadOnlyList<SegmentTiming> Of(WalkScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var timings = new List<SegmentTiming>(script.Segments.Count);
        double t = 0;
        foreach (WalkSegment s in script.Segments)
        {
            timings.Add(new SegmentTiming(s, t, t + s.DurationS));
            t += s.DurationS;
        }

        return timings;
    }
}
