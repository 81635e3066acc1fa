namespace LumbarBand.Analysis.Simulation;

/// <summary>
/// A small foot repositioning while turning on the spot: a soft, slow rise and fall with a little sideways weight
/// transfer. Irregular in time and an order of magnitude gentler than a walking heel strike, so a turn does not
/// look like walking.
/// </summary>
internal sealed class Shuffle
{
    private const double VerticalSigmaS = 0.09;
    private const double SidewaysSigmaS = 0.12;
    private const double RollSigmaS = 0.2;

    private readonly double _timeS;
    private readonly double _verticalG;
    private readonly double _sidewaysG;
    private readonly double _rollDeg;

    private Shuffle(double timeS, double verticalG, double sidewaysG, double rollDeg)
    {
        _timeS = timeS;
        _verticalG = verticalG;
        _sidewaysG = sidewaysG;
        _rollDeg = rollDeg;
    }

    /// <summary>Time of the shuffle's middle, seconds.</summary>
    public double TimeS => _timeS;

    /// <summary>Irregular shuffles (every 0.6–1.4 s) through every turn-in-place segment, in time order.</summary>
    public static Shuffle[] Plan(IReadOnlyList<SegmentTiming> segments, SimulationRandom random)
    {
        var shuffles = new List<Shuffle>();
        foreach (SegmentTiming s in segments)
        {
            if (s.Segment.Activity != Activity.TurnInPlace)
            {
                continue;
            }

            double side = random.NextDouble() < 0.5 ? 1 : -1;
            for (double t = s.StartS + random.Uniform(0.3, 0.8); t < s.EndS - 0.3; t += random.Uniform(0.6, 1.4))
            {
                shuffles.Add(new Shuffle(t, random.Uniform(0.03, 0.06), side * random.Uniform(0.015, 0.03), side * random.Uniform(0.3, 0.7)));
                side = -side;
            }
        }

        return [.. shuffles];
    }

    /// <summary>Linear acceleration (V, ML, AP) in g; zero net change of velocity and position.</summary>
    public Vec3 AccelerationG(double t) =>
        new(_verticalG * Shapes.Ricker(t, _timeS, VerticalSigmaS), _sidewaysG * Shapes.Ricker(t, _timeS, SidewaysSigmaS), 0);

    /// <summary>Sideways tilt of the lower back during the weight transfer, degrees.</summary>
    public double RollDeg(double t) => _rollDeg * Shapes.Gaussian(t, _timeS, RollSigmaS);
}

/// <summary>The shuffles of a walk in time order, looked up by time.</summary>
internal sealed class ShuffleSchedule
{
    // A shuffle's shapes are negligible beyond 1 s from its middle.
    private const double ReachS = 1.0;

    private readonly Shuffle[] _shuffles;
    private readonly double[] _timesS;

    private ShuffleSchedule(Shuffle[] shuffles)
    {
        _shuffles = shuffles;
        _timesS = shuffles.Select(s => s.TimeS).ToArray();
    }

    /// <summary>Plans the shuffles of every turn in place.</summary>
    public static ShuffleSchedule Plan(IReadOnlyList<SegmentTiming> segments, SimulationRandom random) => new(Shuffle.Plan(segments, random));

    /// <summary>The shuffles whose middle is within a second of <paramref name="t"/>.</summary>
    public ReadOnlySpan<Shuffle> Near(double t)
    {
        int from = Array.BinarySearch(_timesS, t - ReachS);
        from = from >= 0 ? from : ~from;
        int to = from;
        while (to < _timesS.Length && _timesS[to] <= t + ReachS)
        {
            to++;
        }

        return _shuffles.AsSpan(from, to - from);
    }
}
