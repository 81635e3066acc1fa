using System.Globalization;

namespace LumbarBand.Analysis.Simulation;

/// <summary>
/// What a simulated wearer does, segment after segment. Builder style, e.g.
/// <c>new WalkScript().Stand(5).Walk(60, cadenceSpm: 110).Walk(20, cadenceSpm: 110, flexionDeg: 30).Stand(3)</c>.
/// Postures (flexion, lateral bend) ramp smoothly to each segment's value over about a second; consecutive walking
/// segments make one continuous walking bout.
/// </summary>
public sealed class WalkScript
{
    private readonly List<WalkSegment> _segments = [];

    /// <summary>Creates an empty script, optionally with a name that goes into the simulated walk's label.</summary>
    public WalkScript(string? name = null)
    {
        Name = name;
    }

    /// <summary>The script's name, or null.</summary>
    public string? Name { get; }

    /// <summary>The segments in order.</summary>
    public IReadOnlyList<WalkSegment> Segments => _segments;

    /// <summary>Total duration in seconds.</summary>
    public double DurationS => _segments.Sum(s => s.DurationS);

    /// <summary>Quiet standing.</summary>
    public WalkScript Stand(double seconds, double? flexionDeg = null, double? lateralBendDeg = null) =>
        Add(new WalkSegment(Activity.StandStill, seconds, FlexionDeg: flexionDeg, LateralBendDeg: lateralBendDeg));

    /// <summary>Walking at <paramref name="cadenceSpm"/> steps per minute.</summary>
    /// <param name="seconds">Duration of the segment.</param>
    /// <param name="cadenceSpm">Cadence, 40 to 160 steps per minute.</param>
    /// <param name="amplitude">Step vigour relative to a normal step, 0.3 to 2.</param>
    /// <param name="turnDegPerS">Turning rate along the path, °/s, positive to the left.</param>
    /// <param name="flexionDeg">Held trunk flexion, degrees forward.</param>
    /// <param name="lateralBendDeg">Held lateral bend, degrees to the right.</param>
    /// <param name="swayScale">Multiplier of the normal per-stride trunk oscillation, 0 to 5.</param>
    public WalkScript Walk(
        double seconds,
        double cadenceSpm = 105,
        double amplitude = 1,
        double turnDegPerS = 0,
        double? flexionDeg = null,
        double? lateralBendDeg = null,
        double swayScale = 1) =>
        Add(new WalkSegment(Activity.Walk, seconds, cadenceSpm, amplitude, turnDegPerS, 0, 0, flexionDeg, lateralBendDeg, swayScale));

    /// <summary>Turning on the spot by <paramref name="turnDeg"/> (positive to the left) over the segment.</summary>
    public WalkScript TurnInPlace(double seconds, double turnDeg = 180, double? flexionDeg = null, double? lateralBendDeg = null) =>
        Add(new WalkSegment(Activity.TurnInPlace, seconds, TurnDeg: turnDeg, FlexionDeg: flexionDeg, LateralBendDeg: lateralBendDeg));

    /// <summary>Sitting; the trunk reclines to <see cref="WalkSegment.SittingFlexionDeg"/> unless told otherwise.</summary>
    public WalkScript Sit(double seconds, double? flexionDeg = null, double? lateralBendDeg = null) =>
        Add(new WalkSegment(Activity.Sit, seconds, FlexionDeg: flexionDeg, LateralBendDeg: lateralBendDeg));

    /// <summary>Standing up from a chair (1 to 5 s, typically 2).</summary>
    public WalkScript SitToStand(double seconds = 2) => Add(new WalkSegment(Activity.SitToStand, seconds));

    /// <summary>Sitting down on a chair (1 to 5 s, typically 2.5).</summary>
    public WalkScript StandToSit(double seconds = 2.5) => Add(new WalkSegment(Activity.StandToSit, seconds));

    /// <summary>Standing and shifting the weight from foot to foot, one cycle every <paramref name="periodS"/> seconds.</summary>
    public WalkScript ShiftWeight(double seconds, double periodS = 3, double? flexionDeg = null, double? lateralBendDeg = null) =>
        Add(new WalkSegment(Activity.ShiftWeight, seconds, ShiftPeriodS: periodS, FlexionDeg: flexionDeg, LateralBendDeg: lateralBendDeg));

    /// <summary>Appends any segment, checking that it describes something a person does.</summary>
    public WalkScript Add(WalkSegment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        void Require(bool ok, double value, string rule)
        {
            if (!ok)
            {
                throw new ArgumentOutOfRangeException(nameof(segment), value, rule);
            }
        }

        Require(segment.DurationS is > 0 and <= 36000, segment.DurationS, "a segment lasts more than 0 s and at most 10 h");
        Require(Math.Abs(segment.TargetFlexionDeg) <= 90, segment.TargetFlexionDeg, "flexion is within ±90°");
        Require(Math.Abs(segment.TargetLateralBendDeg) <= 45, segment.TargetLateralBendDeg, "lateral bend is within ±45°");
        Require(segment.SwayScale is >= 0 and <= 5, segment.SwayScale, "a sway scale is 0 to 5");
        switch (segment.Activity)
        {
            case Activity.Walk:
                Require(segment.CadenceSpm is >= 40 and <= 160, segment.CadenceSpm, "a cadence is 40 to 160 steps/min");
                Require(segment.Amplitude is >= 0.3 and <= 2, segment.Amplitude, "an amplitude is 0.3 to 2");
                Require(Math.Abs(segment.TurnDegPerS) <= 90, segment.TurnDegPerS, "walking turns at most 90 °/s");
                break;
            case Activity.TurnInPlace:
                Require(Math.Abs(segment.TurnDeg) <= 720, segment.TurnDeg, "a turn in place is at most two turns");
                Require(segment.DurationS >= 1, segment.DurationS, "a turn in place takes at least 1 s");
                break;
            case Activity.SitToStand or Activity.StandToSit:
                Require(segment.DurationS is >= 1 and <= 5, segment.DurationS, "a chair transition takes 1 to 5 s");
                break;
            case Activity.ShiftWeight:
                Require(segment.ShiftPeriodS is >= 1 and <= 20, segment.ShiftPeriodS, "a weight-shift cycle takes 1 to 20 s");
                break;
            default:
                break;
        }

        _segments.Add(segment);
        return this;
    }

    /// <summary>A one-line summary, e.g. "stand 5 s, walk 60 s at 110 steps/min, ...".</summary>
    public string Describe() => string.Join(", ", _segments.Select(Describe));

    /// <inheritdoc/>
    public override string ToString() => Name ?? Describe();

    private static string Describe(WalkSegment s)
    {
        var parts = new List<string>
        {
            s.Activity switch
            {
                Activity.StandStill => Invariant($"stand {s.DurationS:0.#} s"),
                Activity.Walk => Invariant($"walk {s.DurationS:0.#} s at {s.CadenceSpm:0.#} steps/min"),
                Activity.TurnInPlace => Invariant($"turn {s.TurnDeg:0.#}° in place in {s.DurationS:0.#} s"),
                Activity.Sit => Invariant($"sit {s.DurationS:0.#} s"),
                Activity.SitToStand => Invariant($"stand up in {s.DurationS:0.#} s"),
                Activity.StandToSit => Invariant($"sit down in {s.DurationS:0.#} s"),
                Activity.ShiftWeight => Invariant($"shift weight {s.DurationS:0.#} s"),
                _ => s.Activity.ToString(),
            },
        };
        if (s.Amplitude != 1)
        {
            parts.Add(Invariant($"amplitude {s.Amplitude:0.##}"));
        }

        if (s.TurnDegPerS != 0)
        {
            parts.Add(Invariant($"turning {s.TurnDegPerS:0.#}°/s"));
        }

        if (s.FlexionDeg is double f)
        {
            parts.Add(Invariant($"flexion {f:0.#}°"));
        }

        if (s.LateralBendDeg is double b)
        {
            parts.Add(Invariant($"lateral bend {b:0.#}°"));
        }

        if (s.SwayScale != 1)
        {
            parts.Add(Invariant($"sway ×{s.SwayScale:0.##}"));
        }

        return string.Join(" ", parts);
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
