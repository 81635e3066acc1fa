namespace LumbarBand.Analysis.Simulation;

/// <summary>
/// Sensor and variability settings of a simulation. Every random draw comes from <see cref="Seed"/>, so the same
/// options and script give the same walk, sample for sample.
/// </summary>
public sealed record SimulationOptions
{
    /// <summary>Output sample rate in hertz (the real walks are 100 Hz; the band resamples to 50 Hz itself).</summary>
    public double SampleRateHz { get; init; } = 100;

    /// <summary>Random seed: step timing, amplitudes, postural sway, bias and noise all derive from it.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>White accelerometer noise per axis, g RMS (the real sensor standing still: about 0.004 g).</summary>
    public double AccelNoiseG { get; init; } = 0.005;

    /// <summary>White gyroscope noise per axis, °/s RMS.</summary>
    public double GyroNoiseDps { get; init; } = 0.3;

    /// <summary>
    /// Constant gyroscope bias per sensor axis, °/s; null draws each axis uniformly within ±<see cref="GyroBiasMaxDps"/>
    /// from the seed.
    /// </summary>
    public (double X, double Y, double Z)? GyroBiasDps { get; init; }

    /// <summary>Largest drawn gyroscope bias per axis, °/s (the real walks at rest: up to about 1 °/s).</summary>
    public double GyroBiasMaxDps { get; init; } = 3;

    /// <summary>Amplitude of the slow gyroscope bias drift (periods of minutes), °/s; 0 for none.</summary>
    public double GyroBiasDriftDps { get; init; } = 0.1;

    /// <summary>Step-to-step variation of step time, as a fraction (standard deviation) of the step time.</summary>
    public double StepTimeJitter { get; init; } = 0.025;

    /// <summary>Step-to-step variation of impact and oscillation amplitudes, as a fraction (standard deviation).</summary>
    public double AmplitudeJitter { get; init; } = 0.1;

    /// <summary>
    /// Extra forward lean while walking, degrees, part of the true flexion: in the real walks the L5 sensor pitched
    /// 5–10° further forward while walking than while standing.
    /// </summary>
    public double WalkingLeanDeg { get; init; } = 3;

    /// <summary>
    /// The simulated wearer's height, cm: with <see cref="Core.Gait.StepLengthEstimator.LegLengthPermilleOfHeight"/>
    /// it sets the leg length of the inverted pendulum that lifts the pelvis at each step (<see cref="PelvisExcursion"/>).
    /// </summary>
    public double HeightCm { get; init; } = 170;

    /// <summary>Default options: 100 Hz, seed 1, realistic noise and bias.</summary>
    public static SimulationOptions Default { get; } = new();

    /// <summary>The same options without noise, bias, drift or jitter: the bare model, for checking its physics.</summary>
    public SimulationOptions WithoutSensorErrors() =>
        this with { AccelNoiseG = 0, GyroNoiseDps = 0, GyroBiasDps = (0, 0, 0), GyroBiasDriftDps = 0 };
}
