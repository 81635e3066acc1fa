namespace LumbarBand.Analysis.Simulation;

/// <summary>
/// A small seeded generator (SplitMix64) with Gaussian draws. Our own rather than System.Random so that a seed gives
/// the same walk on every runtime version, forever: recorded expectations and scores stay comparable.
/// </summary>
internal sealed class SimulationRandom
{
    private ulong _state;
    private double? _spareGaussian;

    /// <summary>A stream for one purpose: the same seed with different purposes gives independent streams.</summary>
    public SimulationRandom(int seed, string purpose)
    {
        ulong h = 1469598103934665603UL;
        foreach (char c in purpose)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        _state = ((ulong)(uint)seed * 0x9E3779B97F4A7C15UL) ^ h;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [min, max).</summary>
    public double Uniform(double min, double max) => min + ((max - min) * NextDouble());

    /// <summary>Standard normal (Box–Muller).</summary>
    public double NextGaussian()
    {
        if (_spareGaussian is double spare)
        {
            _spareGaussian = null;
            return spare;
        }

        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        double r = Math.Sqrt(-2.0 * Math.Log(u1));
        _spareGaussian = r * Math.Sin(2 * Math.PI * u2);
        return r * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Normal, clipped to ±3 standard deviations so no single step is absurd.</summary>
    public double ClippedGaussian(double sd) => sd * Math.Clamp(NextGaussian(), -3, 3);

    private ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
