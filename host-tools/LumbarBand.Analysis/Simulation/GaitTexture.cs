namespace LumbarBand.Analysis.Simulation;

/// <summary>
/// The irregular rest of real walking that no average step contains (soft tissue, foot placement, arm swing):
/// after the fitted templates, about a third of the real vertical variance is left. Modelled as sums of sinusoids
/// at random frequencies and phases, so it is smooth, deterministic for a seed and never repeats within a walk.
/// </summary>
internal sealed class GaitTexture
{
    private const int Components = 8;

    // RMS of the acceleration texture per walking-frame axis (V, ML, AP), g, at unit intensity; 3–15 Hz.
    private static readonly double[] AccelRmsG = [0.04, 0.03, 0.03];

    // RMS of the angular texture per axis (yaw, pitch, roll), degrees; 2–8 Hz, i.e. about 2–3 °/s of rate.
    private static readonly double[] AngleRmsDeg = [0.06, 0.06, 0.06];

    private readonly Sinusoids[] _accel;
    private readonly Sinusoids[] _angle;

    public GaitTexture(SimulationRandom random)
    {
        _accel = AccelRmsG.Select(rms => new Sinusoids(random, rms, 3, 15)).ToArray();
        _angle = AngleRmsDeg.Select(rms => new Sinusoids(random, rms, 2, 8)).ToArray();
    }

    /// <summary>Acceleration texture (V, ML, AP), g, before scaling by gait envelope and intensity.</summary>
    public Vec3 AccelerationG(double t) => new(_accel[0].At(t), _accel[1].At(t), _accel[2].At(t));

    /// <summary>Angular texture (yaw, pitch, roll), degrees, before scaling by gait envelope and sway.</summary>
    public (double YawDeg, double PitchDeg, double RollDeg) AnglesDeg(double t) => (_angle[0].At(t), _angle[1].At(t), _angle[2].At(t));

    private sealed class Sinusoids
    {
        private readonly double[] _amplitude = new double[Components];
        private readonly double[] _radPerS = new double[Components];
        private readonly double[] _phase = new double[Components];

        public Sinusoids(SimulationRandom random, double rms, double minHz, double maxHz)
        {
            for (int c = 0; c < Components; c++)
            {
                _amplitude[c] = rms * Math.Sqrt(2.0 / Components);
                _radPerS[c] = 2 * Math.PI * random.Uniform(minHz, maxHz);
                _phase[c] = random.Uniform(0, 2 * Math.PI);
            }
        }

        public double At(double t)
        {
            double sum = 0;
            for (int c = 0; c < Components; c++)
            {
                sum += _amplitude[c] * Math.Sin((_radPerS[c] * t) + _phase[c]);
            }

            return sum;
        }
    }
}
