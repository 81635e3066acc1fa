namespace LumbarBand.Analysis.Simulation;

/// <summary>
/// How far the pelvis rises and falls over a simulated step: the inverted pendulum of Zijlstra &amp; Hof 2003 (Gait
/// &amp; Posture 18:1–10). A leg of length l vaulting over the stance foot lifts the pelvis by h = l − √(l² − (c/2)²)
/// while it travels the chord c, which Zijlstra &amp; Hof found to be the step length over K = 1.25 (the rest of the
/// step is double support), the K the band uses (<see cref="Core.Gait.StepLengthEstimator.CorrectionPermille"/>).
/// The simulator scales
/// each step's vertical acceleration so that its double integral (the pelvis's vertical path over the step) has this
/// excursion for the step's length and the wearer's leg length: simulated walks are then physically consistent in
/// speed, step length, cadence and pelvis motion, whatever the step length and height.
/// </summary>
internal static class PelvisExcursion
{
    /// <summary>Samples over one step for the numerical double integration of the waveform.</summary>
    private const int Samples = 400;

    /// <summary>Standard gravity, m/s² (waveforms are in g).</summary>
    private const double G = 9.80665;

    /// <summary>The pendulum's excursion h, metres, for a step of <paramref name="stepLengthM"/> (a chord of that over K) on a leg of <paramref name="legLengthM"/>.</summary>
    public static double ForStep(double stepLengthM, double legLengthM)
    {
        double chord = stepLengthM * 1000 / Core.Gait.StepLengthEstimator.CorrectionPermille;
        double halfChord = Math.Min(chord / 2, legLengthM);
        return legLengthM - Math.Sqrt((legLengthM * legLengthM) - (halfChord * halfChord));
    }

    /// <summary>The leg length for a height, metres (the band's own anthropometric ratio, Winter 2009).</summary>
    public static double LegLengthM(double heightCm) => heightCm / 100 * Core.Gait.StepLengthEstimator.LegLengthPermilleOfHeight / 1000.0;

    /// <summary>
    /// Peak-to-peak vertical excursion, metres, of one step of the steady waveform at unit vertical intensity (the
    /// per-step harmonics of <see cref="GaitWaveforms.VerticalPerStep"/> and the impact of each initial contact,
    /// repeated every <paramref name="periodS"/>): the acceleration minus its mean, integrated to a velocity whose mean
    /// is removed (the pelvis ends a step as it began), integrated again.
    /// </summary>
    public static double OfWaveform(double periodS)
    {
        double dt = periodS / Samples;
        var acc = new double[Samples];
        double mean = 0;
        for (int i = 0; i < Samples; i++)
        {
            double t = i * dt;
            double a = GaitWaveforms.Cosines(GaitWaveforms.VerticalPerStep, (double)i / Samples);
            for (int k = -1; k <= 1; k++)
            {
                a += GaitWaveforms.VerticalImpactG * Shapes.Gaussian(t - (k * periodS), GaitWaveforms.VerticalImpactDelayS, GaitWaveforms.VerticalImpactSigmaS);
            }

            acc[i] = a * G;
            mean += acc[i] / Samples;
        }

        var velocity = new double[Samples];
        double v = 0, meanV = 0;
        for (int i = 0; i < Samples; i++)
        {
            v += (acc[i] - mean) * dt;
            velocity[i] = v;
            meanV += v / Samples;
        }

        double z = 0, min = 0, max = 0;
        for (int i = 0; i < Samples; i++)
        {
            z += (velocity[i] - meanV) * dt;
            min = Math.Min(min, z);
            max = Math.Max(max, z);
        }

        return max - min;
    }
}
