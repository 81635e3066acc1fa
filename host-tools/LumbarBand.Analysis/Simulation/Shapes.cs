namespace LumbarBand.Analysis.Simulation;

/// <summary>Smooth elementary shapes the motion model is built from.</summary>
internal static class Shapes
{
    /// <summary>Minimum-jerk transition 0 → 1 over τ ∈ [0, 1] (clamped outside): zero velocity and acceleration at both ends.</summary>
    public static double MinJerk(double tau)
    {
        double t = Math.Clamp(tau, 0, 1);
        return t * t * t * (10 + (t * ((6 * t) - 15)));
    }

    /// <summary>d/dτ of <see cref="MinJerk"/>.</summary>
    public static double MinJerkRate(double tau)
    {
        if (tau <= 0 || tau >= 1)
        {
            return 0;
        }

        return 30 * tau * tau * (1 - tau) * (1 - tau);
    }

    /// <summary>Gaussian bump of height 1 at <paramref name="center"/>.</summary>
    public static double Gaussian(double t, double center, double sigma)
    {
        double u = (t - center) / sigma;
        return Math.Abs(u) > 6 ? 0 : Math.Exp(-0.5 * u * u);
    }

    /// <summary>
    /// Ricker wavelet of height 1 (negative second derivative of a Gaussian): as an acceleration it changes neither
    /// velocity nor position overall, a jolt that leaves the body where it was.
    /// </summary>
    public static double Ricker(double t, double center, double sigma)
    {
        double u = (t - center) / sigma;
        return Math.Abs(u) > 8 ? 0 : (1 - (u * u)) * Math.Exp(-0.5 * u * u);
    }

    /// <summary>
    /// Alpha function of height 1: zero before <paramref name="onset"/>, rising to 1 at onset + τ, decaying with time
    /// constant τ: a sharp onset and a slow recovery.
    /// </summary>
    public static double Alpha(double t, double onset, double tau)
    {
        double x = (t - onset) / tau;
        return x <= 0 || x > 30 ? 0 : x * Math.Exp(1 - x);
    }

    /// <summary>Area under <see cref="Alpha"/>.</summary>
    public static double AlphaArea(double tau) => tau * Math.E;

    /// <summary>Area under <see cref="Gaussian"/>: its mean over a step is area / step period.</summary>
    public static double GaussianArea(double sigma) => sigma * Math.Sqrt(2 * Math.PI);
}
