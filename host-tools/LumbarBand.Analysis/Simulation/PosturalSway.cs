namespace LumbarBand.Analysis.Simulation;

/// <summary>
/// Slow trunk sway of a person standing "still": a few random sinusoids per axis between 0.08 and 0.5 Hz, a few
/// tenths of a degree RMS, so quiet standing is quiet but never frozen.
/// </summary>
internal sealed class PosturalSway
{
    private const int ComponentsPerAxis = 3;

    // RMS per axis, degrees: yaw, pitch (sagittal sway is the largest), roll.
    private static readonly double[] RmsDeg = [0.15, 0.3, 0.2];

    private readonly double[][] _amplitudeDeg = new double[3][];
    private readonly double[][] _frequencyHz = new double[3][];
    private readonly double[][] _phaseRad = new double[3][];

    public PosturalSway(SimulationRandom random)
    {
        for (int axis = 0; axis < 3; axis++)
        {
            _amplitudeDeg[axis] = new double[ComponentsPerAxis];
            _frequencyHz[axis] = new double[ComponentsPerAxis];
            _phaseRad[axis] = new double[ComponentsPerAxis];
            for (int c = 0; c < ComponentsPerAxis; c++)
            {
                _amplitudeDeg[axis][c] = RmsDeg[axis] * Math.Sqrt(2.0 / ComponentsPerAxis);
                _frequencyHz[axis][c] = random.Uniform(0.08, 0.5);
                _phaseRad[axis][c] = random.Uniform(0, 2 * Math.PI);
            }
        }
    }

    /// <summary>Sway angles at <paramref name="t"/>: yaw about V, pitch about ML, roll about AP, degrees.</summary>
    public (double YawDeg, double PitchDeg, double RollDeg) AnglesDeg(double t) => (Axis(0, t), Axis(1, t), Axis(2, t));

    private double Axis(int axis, double t)
    {
        double sum = 0;
        for (int c = 0; c < ComponentsPerAxis; c++)
        {
            sum += _amplitudeDeg[axis][c] * Math.Sin((2 * Math.PI * _frequencyHz[axis][c] * t) + _phaseRad[axis][c]);
        }

        return sum;
    }
}
