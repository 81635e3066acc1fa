namespace LumbarBand.Analysis.Simulation;

/// <summary>
/// Heading as the integral of the turning rate: tabulated every 10 ms with Simpson's rule and completed with one
/// more Simpson step to any instant, so the heading is smooth and consistent with its rate to far below a
/// millidegree (the gyroscope is derived from it).
/// </summary>
internal sealed class HeadingTrack
{
    private const double StepS = 0.01;

    // The table starts a second early so central differences around t = 0 stay inside it.
    private const double LeadS = 1.0;

    private readonly Func<double, double> _rateDegPerS;
    private readonly double[] _headingDeg;

    public HeadingTrack(Func<double, double> rateDegPerS, double durationS)
    {
        _rateDegPerS = rateDegPerS;
        int n = (int)Math.Ceiling((durationS + (2 * LeadS)) / StepS) + 1;
        _headingDeg = new double[n];
        int zero = (int)Math.Round(LeadS / StepS);
        for (int j = zero + 1; j < n; j++)
        {
            _headingDeg[j] = _headingDeg[j - 1] + Simpson(TimeOf(j - 1), TimeOf(j));
        }

        for (int j = zero - 1; j >= 0; j--)
        {
            _headingDeg[j] = _headingDeg[j + 1] - Simpson(TimeOf(j), TimeOf(j + 1));
        }
    }

    /// <summary>Heading at <paramref name="t"/>, degrees (0 at t = 0).</summary>
    public double At(double t)
    {
        int j = Math.Clamp((int)Math.Floor((t + LeadS) / StepS), 0, _headingDeg.Length - 1);
        return _headingDeg[j] + Simpson(TimeOf(j), t);
    }

    private static double TimeOf(int j) => (j * StepS) - LeadS;

    private double Simpson(double a, double b) =>
        (b - a) / 6 * (_rateDegPerS(a) + (4 * _rateDegPerS((a + b) / 2)) + _rateDegPerS(b));
}
