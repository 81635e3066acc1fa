namespace LumbarBand.Analysis.Simulation;

/// <summary>
/// The shapes of one step and one stride at the lower back, fitted to the real walks in
/// <c>../shared/data/lowerback-walks</c> (healthy adult HA001, Test5 trials 1–2 and Test11: 63 steps at about 100
/// steps/min, initial contacts from the INDIP reference), with the MS001 trials as a cross-check. Accelerations are
/// the trunk's linear acceleration in g in the walking frame (V up, ML right, AP forward), for unit intensity at
/// <see cref="ReferenceCadenceSpm"/>; angles are in degrees about the body axes. Step phase s runs 0 → 1 from one
/// initial contact (IC) to the next; stride phase φ runs 0 → 1 from a left IC to the next left IC.
/// </summary>
internal static class GaitWaveforms
{
    /// <summary>Cadence of the walks the shapes come from; intensity scales as (cadence / this)^1.5.</summary>
    public const double ReferenceCadenceSpm = 100;

    /// <summary>
    /// How acceleration grows with cadence: the slow bouts of the daily-living walks (74–92 steps/min) had vertical
    /// impact peaks of 0.28–0.35 g against 0.39–0.42 g at 100–104 steps/min: closer to power 1.5 than 2.
    /// </summary>
    public const double CadenceExponent = 1.5;

    /// <summary>
    /// Vertical impact after each IC: a Gaussian of 0.5 g peaking 0.045 s after the IC, σ 0.042 s. Single real steps
    /// peak 0.39–0.42 g above their step mean, 0.02–0.03 s after the IC, half-width 0.09–0.11 s; fitted to the
    /// averaged steps with the harmonics below it explains 63% of the variance, as the freely fitted σ 0.05 s did.
    /// </summary>
    public const double VerticalImpactG = 0.5;

    /// <summary>Delay of the vertical impact peak after the IC, seconds.</summary>
    public const double VerticalImpactDelayS = 0.045;

    /// <summary>Width (σ) of the vertical impact, seconds.</summary>
    public const double VerticalImpactSigmaS = 0.042;

    /// <summary>
    /// Braking at each IC: single real steps drop 0.15–0.2 g within 0.03–0.05 s of the IC and recover slowly; an
    /// alpha-function pulse (rise and decay time constant <see cref="BrakingTauS"/>) of −0.1 g.
    /// </summary>
    public const double BrakingG = -0.1;

    /// <summary>Time constant of the braking pulse, seconds (peak this long after the IC).</summary>
    public const double BrakingTauS = 0.04;

    /// <summary>
    /// Timing of the impacts relative to the true IC varies from step to step (real: SD 0.011–0.012 s in the
    /// straight walks, up to 0.03 s in daily living): SD of the shift, seconds.
    /// </summary>
    public const double ImpactTimingSdS = 0.01;

    /// <summary>
    /// Mediolateral jolt after each IC, toward the right after a left IC and toward the left after a right IC
    /// (HA001: 0.16 g; MS001 had the opposite sign, so kept small): 0.08 g, 0.06 s after the IC, σ 0.03 s.
    /// </summary>
    public const double MediolateralImpactG = 0.08;

    /// <summary>Delay of the mediolateral jolt after the IC, seconds.</summary>
    public const double MediolateralImpactDelayS = 0.06;

    /// <summary>Width (σ) of the mediolateral jolt, seconds.</summary>
    public const double MediolateralImpactSigmaS = 0.03;

    /// <summary>
    /// Smooth vertical motion per step, A cos(2π h s − θ): with the impact it gives the step template of the real
    /// walks (+0.29 g just after the IC, −0.09 g at s ≈ 0.3, −0.13 g in single support at s ≈ 0.55).
    /// </summary>
    public static readonly Harmonic[] VerticalPerStep = [new(1, 0.030, -58), new(2, 0.055, -104)];

    /// <summary>
    /// Anteroposterior motion per step, with the braking pulse: deceleration after the IC (−0.12 g at s ≈ 0.25,
    /// about 0.12–0.15 s after it), propulsion before the next (+0.11 g at s ≈ 0.75); peak to peak 0.22–0.25 g in
    /// single real steps.
    /// </summary>
    public static readonly Harmonic[] AnteroposteriorPerStep = [new(1, 0.103, -68), new(2, 0.021, -14)];

    /// <summary>
    /// Mediolateral sway per stride: the centre of mass swings over the stance foot, so the acceleration points to the
    /// right during left stance (+0.12 g at φ ≈ 0.3) and to the left during right stance; ±0.10–0.12 g in the real walks.
    /// </summary>
    public static readonly Harmonic[] MediolateralPerStride = [new(1, 0.12, 110), new(3, 0.04, -30)];

    /// <summary>
    /// Yaw about the vertical, degrees, A sin(2π h φ − θ): the real yaw rate is ±22 °/s at stride frequency (h1
    /// 21.9 °/s, h3 6.9 °/s at 0.81 strides/s), lowest at the left IC, highest at the right IC; 8–11° per stride.
    /// </summary>
    public static readonly Harmonic[] YawPerStride = [new(1, 4.3, 178), new(3, 0.45, 77)];

    /// <summary>
    /// Pitch about ML, degrees, positive backward (extension): the trunk pitches forward just after each IC and back
    /// before the next, ±12.6 °/s at step frequency (h2), plus a little left-right asymmetry (h1, halved from the
    /// 6.5 °/s of HA001); 3–6° per stride.
    /// </summary>
    public static readonly Harmonic[] PitchPerStride = [new(1, 0.6, 48), new(2, 1.23, -39), new(3, 0.30, -125), new(4, 0.14, -70)];

    /// <summary>
    /// Roll about AP, degrees, positive toward the right: mostly the third stride harmonic (5.0 °/s) over the first
    /// (3.0 °/s); the averaged template gives about 2°, single strides 2–4°, so both are scaled by 1.4.
    /// </summary>
    public static readonly Harmonic[] RollPerStride = [new(1, 0.83, 169), new(3, 0.46, 123)];

    /// <summary>Sum of A cos(2π h phase − θ).</summary>
    public static double Cosines(Harmonic[] harmonics, double phase)
    {
        double sum = 0;
        foreach (Harmonic h in harmonics)
        {
            sum += h.Amplitude * Math.Cos((2 * Math.PI * h.Order * phase) - (h.PhaseDeg * Math.PI / 180));
        }

        return sum;
    }

    /// <summary>Sum of A sin(2π h phase − θ): the angle whose rate is the fitted cosine series.</summary>
    public static double Sines(Harmonic[] harmonics, double phase)
    {
        double sum = 0;
        foreach (Harmonic h in harmonics)
        {
            sum += h.Amplitude * Math.Sin((2 * Math.PI * h.Order * phase) - (h.PhaseDeg * Math.PI / 180));
        }

        return sum;
    }

    /// <summary>One harmonic: order (multiple of the base frequency), amplitude, phase in degrees.</summary>
    internal readonly record struct Harmonic(int Order, double Amplitude, double PhaseDeg);
}
