namespace LumbarBand.Analysis.Simulation;

/// <summary>
/// One continuous walking bout: its steps (with one virtual step before and two after, so step and stride phase are
/// defined while the gait fades in and out) and the gait envelope. Evaluates the gait's linear acceleration and
/// trunk oscillation at any time.
/// </summary>
internal sealed class GaitBout
{
    /// <summary>Seconds from the start of the walking segment to the first heel strike (weight shift, push-off).</summary>
    public const double InitiationS = 0.35;

    /// <summary>Step length of a normal step (amplitude 1), metres: gives the walking speed for centripetal acceleration.</summary>
    public const double NormalStepLengthM = 0.65;

    private readonly Step[] _steps;
    private readonly double[] _icS;
    private readonly int _firstReal;
    private readonly int _lastReal;
    private readonly double _riseEndS;
    private readonly double _fallS;

    public GaitBout(double startS, Step[] stepsWithVirtual, int firstReal, int lastReal)
    {
        StartS = startS;
        _steps = stepsWithVirtual;
        _icS = stepsWithVirtual.Select(s => s.IcS).ToArray();
        _firstReal = firstReal;
        _lastReal = lastReal;

        // The gait builds up over the first step and settles over most of the last one (the trailing foot comes alongside).
        _riseEndS = lastReal > firstReal ? _icS[firstReal + 1] : _icS[firstReal] + stepsWithVirtual[firstReal].PeriodS;
        _fallS = 0.8 * stepsWithVirtual[lastReal].PeriodS;
        EndS = _icS[lastReal] + _fallS;
    }

    /// <summary>Start of the walking segment (the gait envelope starts rising here).</summary>
    public double StartS { get; }

    /// <summary>When the gait has faded out completely.</summary>
    public double EndS { get; }

    /// <summary>The real steps (no virtual ones).</summary>
    public IEnumerable<Step> RealSteps => _steps.Skip(_firstReal).Take(_lastReal - _firstReal + 1);

    /// <summary>Gait envelope 0 → 1 → 0: how much of the full gait is under way.</summary>
    public double Envelope(double t)
    {
        double rise = Shapes.MinJerk((t - StartS) / (_riseEndS - StartS));
        double fall = 1 - Shapes.MinJerk((t - _icS[_lastReal]) / _fallS);
        return rise * fall;
    }

    /// <summary>The gait state at <paramref name="t"/> (inside [StartS, EndS]).</summary>
    public GaitPhase Phase(double t)
    {
        int k = Array.BinarySearch(_icS, t);
        k = k >= 0 ? k : Math.Max(0, ~k - 1);
        k = Math.Min(k, _steps.Length - 2);
        Step step = _steps[k];
        Step next = _steps[k + 1];
        double s = (t - step.IcS) / step.PeriodS;
        double blend = Shapes.MinJerk(s);
        return new GaitPhase(
            k,
            s,
            StridePhase: step.Side == StepSide.Left ? s / 2 : 0.5 + (s / 2),
            Intensity: Lerp(step.Intensity, next.Intensity, blend),
            SwayGain: Lerp(step.SwayGain, next.SwayGain, blend),
            SpeedMps: Lerp(step.SpeedMps, next.SpeedMps, blend),
            Envelope: Envelope(t),
            VerticalIntensity: Lerp(step.VerticalIntensity, next.VerticalIntensity, blend));
    }

    /// <summary>
    /// Linear acceleration of the trunk in the walking frame (V, ML, AP), g: impacts at each heel strike on top of
    /// the smooth per-step and per-stride motion. Every term has zero mean over a step or stride, so the body neither
    /// drifts nor sinks: over a bout the accelerometer averages to gravity alone.
    /// </summary>
    public Vec3 LinearAccelerationG(double t, GaitPhase p)
    {
        double vertical = p.Envelope * p.VerticalIntensity * GaitWaveforms.Cosines(GaitWaveforms.VerticalPerStep, p.StepPhase);
        double ap = p.Envelope * p.Intensity * GaitWaveforms.Cosines(GaitWaveforms.AnteroposteriorPerStep, p.StepPhase);
        double ml = p.Envelope * p.Intensity * GaitWaveforms.Cosines(GaitWaveforms.MediolateralPerStride, p.StridePhase);

        // Each impact's mean is taken back out during its own step.
        Step current = _steps[p.StepIndex];
        double currentGain = current.ImpactGain * current.Intensity / current.PeriodS;
        vertical -= current.ImpactGain * current.VerticalIntensity / current.PeriodS * GaitWaveforms.VerticalImpactG * Shapes.GaussianArea(GaitWaveforms.VerticalImpactSigmaS);
        ap -= currentGain * GaitWaveforms.BrakingG * Shapes.AlphaArea(GaitWaveforms.BrakingTauS);
        ml -= SideSign(current) * currentGain * GaitWaveforms.MediolateralImpactG * Shapes.GaussianArea(GaitWaveforms.MediolateralImpactSigmaS);

        for (int j = Math.Max(0, p.StepIndex - 1); j <= Math.Min(_steps.Length - 1, p.StepIndex + 1); j++)
        {
            Step s = _steps[j];
            double gain = s.ImpactGain * s.Intensity;
            if (gain == 0)
            {
                continue;
            }

            double impactS = s.IcS + s.ImpactShiftS;
            vertical += s.ImpactGain * s.VerticalIntensity * GaitWaveforms.VerticalImpactG
                * Shapes.Gaussian(t, impactS + GaitWaveforms.VerticalImpactDelayS, GaitWaveforms.VerticalImpactSigmaS);
            ap += gain * GaitWaveforms.BrakingG * Shapes.Alpha(t, impactS, GaitWaveforms.BrakingTauS);
            ml += SideSign(s) * gain * GaitWaveforms.MediolateralImpactG
                * Shapes.Gaussian(t, impactS + GaitWaveforms.MediolateralImpactDelayS, GaitWaveforms.MediolateralImpactSigmaS);
        }

        return new Vec3(vertical, ml, ap);
    }

    /// <summary>Trunk oscillation of the gait in degrees: yaw about V, pitch about ML (+ backward), roll about AP (+ right).</summary>
    public static (double YawDeg, double PitchDeg, double RollDeg) OscillationDeg(GaitPhase p)
    {
        double k = p.Envelope * p.SwayGain;
        return (
            k * GaitWaveforms.Sines(GaitWaveforms.YawPerStride, p.StridePhase),
            k * GaitWaveforms.Sines(GaitWaveforms.PitchPerStride, p.StridePhase),
            k * GaitWaveforms.Sines(GaitWaveforms.RollPerStride, p.StridePhase));
    }

    /// <summary>+1 after a left IC (the jolt and the sway point right), −1 after a right one.</summary>
    private static double SideSign(Step s) => s.Side == StepSide.Left ? 1 : -1;

    private static double Lerp(double a, double b, double f) => a + ((b - a) * f);

    /// <summary>One step, real or virtual (a virtual step has no impact and is not in the truth).</summary>
    /// <param name="IcS">Initial contact time.</param>
    /// <param name="Side">Foot.</param>
    /// <param name="PeriodS">Time to the next initial contact.</param>
    /// <param name="Intensity">Acceleration scale from cadence and step amplitude.</param>
    /// <param name="ImpactGain">Impact scale of this step (variability, gait initiation); 0 for virtual steps.</param>
    /// <param name="ImpactShiftS">Timing of this step's impacts relative to its IC (variability), seconds.</param>
    /// <param name="SwayGain">Oscillation scale of this step (variability).</param>
    /// <param name="SpeedMps">Walking speed.</param>
    /// <param name="VerticalIntensity">Scale of the vertical acceleration (smooth motion and impact): the pelvis's excursion of the inverted pendulum for this step (<see cref="PelvisExcursion"/>).</param>
    internal readonly record struct Step(double IcS, StepSide Side, double PeriodS, double Intensity, double ImpactGain, double ImpactShiftS, double SwayGain, double SpeedMps, double VerticalIntensity);
}

/// <summary>Where the gait is at one instant.</summary>
/// <param name="StepIndex">Index of the current step in the bout's step array (virtual steps included).</param>
/// <param name="StepPhase">0 → 1 from the current initial contact to the next.</param>
/// <param name="StridePhase">0 → 1 from a left initial contact to the next left one.</param>
/// <param name="Intensity">Acceleration scale.</param>
/// <param name="SwayGain">Oscillation scale (step-to-step variability).</param>
/// <param name="SpeedMps">Walking speed.</param>
/// <param name="Envelope">0 → 1 → 0 over the bout.</param>
/// <param name="VerticalIntensity">Scale of the vertical acceleration.</param>
internal readonly record struct GaitPhase(
    int StepIndex, double StepPhase, double StridePhase, double Intensity, double SwayGain, double SpeedMps, double Envelope, double VerticalIntensity);
