namespace LumbarBand.Analysis.Simulation;

/// <summary>
/// The gyroscope's bias per sensor axis: a constant offset plus a slow drift (two sinusoids with periods of
/// minutes, zero at the start, as a warming sensor wanders).
/// </summary>
internal sealed class GyroBias
{
    private readonly double[] _constantDps = new double[3];
    private readonly double[][] _driftPeriodS = new double[3][];
    private readonly double[][] _driftPhaseRad = new double[3][];
    private readonly double _driftDps;

    public GyroBias(SimulationOptions options, SimulationRandom random)
    {
        for (int axis = 0; axis < 3; axis++)
        {
            // Drawn whether or not they are overridden, so the drift does not depend on the override.
            double drawn = random.Uniform(-options.GyroBiasMaxDps, options.GyroBiasMaxDps);
            _constantDps[axis] = options.GyroBiasDps is { } fixedBias ? new Vec3(fixedBias.X, fixedBias.Y, fixedBias.Z)[axis] : drawn;
            _driftPeriodS[axis] = [random.Uniform(120, 300), random.Uniform(300, 900)];
            _driftPhaseRad[axis] = [random.Uniform(0, 2 * Math.PI), random.Uniform(0, 2 * Math.PI)];
        }

        _driftDps = options.GyroBiasDriftDps;
    }

    /// <summary>Bias of sensor axis <paramref name="axis"/> at <paramref name="t"/>, °/s.</summary>
    public double At(int axis, double t)
    {
        double drift = 0;
        for (int c = 0; c < 2; c++)
        {
            double phase = _driftPhaseRad[axis][c];
            drift += Math.Sin((2 * Math.PI * t / _driftPeriodS[axis][c]) + phase) - Math.Sin(phase);
        }

        return _constantDps[axis] + (_driftDps * drift / 2);
    }
}
