namespace LumbarBand.Analysis.Simulation;

/// <summary>
/// The lower back's motion as continuous functions of time: orientation = heading (yaw, integrating the turning
/// rate) × posture (flexion about ML, lateral bend about AP) × oscillation (gait, postural sway, weight shifting), and
/// the trunk's linear acceleration in the walking frame (V up, ML right of the path, AP along it).
/// </summary>
internal sealed class BodyMotion
{
    private const double StandardGravity = 9.80665;
    private const double DegToRad = Math.PI / 180;

    /// <summary>Postures settle over about a second.</summary>
    private const double PostureRampS = 1.0;

    // Chair transitions: peak forward flexion, rise of the lower back, forward travel (HA001 Test11 rose with
    // 45–60° of flexion at up to 80 °/s; a chair seat is about 0.45 m, the lower back travels about 0.35 m).
    private const double SitToStandFlexionDeg = 40;
    private const double StandToSitFlexionDeg = 30;
    private const double ChairRiseM = 0.35;
    private const double SitToStandForwardM = 0.20;
    private const double StandToSitBackwardM = 0.10;
    private const double SeatJoltPeakG = 0.3;
    private const double SeatJoltSigmaS = 0.03;

    // Weight shifting: the pelvis travels ±4 cm from foot to foot and tilts toward the unloaded side.
    private const double WeightShiftTravelM = 0.04;
    private const double WeightShiftBendDeg = 2.5;

    // Differentiation step for accelerations of displacement profiles.
    private const double DisplacementStepS = 2e-3;

    private readonly IReadOnlyList<SegmentTiming> _segments;
    private readonly GaitModel _gait;
    private readonly SimulationOptions _options;
    private readonly SmoothTrack _flexionDeg;
    private readonly SmoothTrack _bendDeg;
    private readonly SmoothTrack _swayScale;
    private readonly SmoothTrack _posturalSway;
    private readonly SmoothTrack _walkTurnDegPerS;
    private readonly PosturalSway _sway;
    private readonly GaitTexture _texture;
    private readonly double[] _segmentStartsS;
    private readonly ShuffleSchedule _shuffles;
    private readonly HeadingTrack _heading;

    public BodyMotion(IReadOnlyList<SegmentTiming> segments, GaitModel gait, SimulationOptions options, SimulationRandom random)
    {
        _segments = segments;
        _gait = gait;
        _options = options;
        _flexionDeg = new SmoothTrack(segments, s => s.TargetFlexionDeg, PostureRamp, segments.Count > 0 ? segments[0].Segment.TargetFlexionDeg : 0);
        _bendDeg = new SmoothTrack(segments, s => s.TargetLateralBendDeg, PostureRamp, segments.Count > 0 ? segments[0].Segment.TargetLateralBendDeg : 0);
        _swayScale = new SmoothTrack(segments, s => s.SwayScale, _ => PostureRampS, 1);
        _posturalSway = new SmoothTrack(segments, PosturalSwayScale, _ => PostureRampS, 1);
        _walkTurnDegPerS = new SmoothTrack(segments, s => s.Activity == Activity.Walk ? s.TurnDegPerS : 0, _ => PostureRampS, 0);
        _sway = new PosturalSway(random);
        _texture = new GaitTexture(random);
        _segmentStartsS = segments.Select(s => s.StartS).ToArray();
        _shuffles = ShuffleSchedule.Plan(segments, random);
        double durationS = segments.Count > 0 ? segments[^1].EndS : 0;
        _heading = new HeadingTrack(HeadingRateDegPerS, durationS);
    }

    /// <summary>
    /// Trunk tilt at <paramref name="t"/>: the rotation from body axes to the walking frame (up, right of the path,
    /// along the path), i.e. everything but the heading.
    /// </summary>
    public Matrix3 Tilt(double t, out TrunkTruth truth)
    {
        GaitBout? bout = _gait.BoutAt(t);
        GaitPhase? phase = bout?.Phase(t);
        double envelope = phase?.Envelope ?? 0;

        double flexionDeg = _flexionDeg.At(t) + (_options.WalkingLeanDeg * envelope) + TransitionFlexionDeg(t);
        double bendDeg = _bendDeg.At(t);

        (double gaitYaw, double gaitPitch, double gaitRoll) = phase is GaitPhase p ? GaitOscillationDeg(t, p) : (0, 0, 0);
        double swayScale = _swayScale.At(t);
        double posturalScale = _posturalSway.At(t);
        (double swayYaw, double swayPitch, double swayRoll) = _sway.AnglesDeg(t);
        double yawDeg = (swayScale * gaitYaw) + (posturalScale * swayYaw);
        double pitchDeg = (swayScale * gaitPitch) + (posturalScale * swayPitch);
        double rollDeg = (swayScale * gaitRoll) + (posturalScale * swayRoll) + WeightShiftRollDeg(t) + ShuffleRollDeg(t);

        // Flexion is forward: a negative right-handed rotation about the rightward ML axis.
        Matrix3 posture = Matrix3.Rotation(1, -flexionDeg * DegToRad) * Matrix3.Rotation(2, bendDeg * DegToRad);
        Matrix3 oscillation = Matrix3.Rotation(0, yawDeg * DegToRad) * Matrix3.Rotation(1, pitchDeg * DegToRad)
            * Matrix3.Rotation(2, rollDeg * DegToRad);
        truth = new TrunkTruth(flexionDeg, bendDeg, yawDeg);
        return posture * oscillation;
    }

    /// <summary>Heading at <paramref name="t"/> in degrees, positive to the left (counterclockwise seen from above).</summary>
    public double HeadingDeg(double t) => _heading.At(t);

    /// <summary>Full orientation, body axes → world (up, initial right, initial forward).</summary>
    public Matrix3 Orientation(double t) => Matrix3.Rotation(0, HeadingDeg(t) * DegToRad) * Tilt(t, out _);

    /// <summary>Linear acceleration of the lower back in the walking frame (V, ML, AP), in g.</summary>
    public Vec3 LinearAccelerationG(double t)
    {
        Vec3 a = Vec3.Zero;
        GaitBout? bout = _gait.BoutAt(t);
        if (bout is not null)
        {
            GaitPhase p = bout.Phase(t);
            a += bout.LinearAccelerationG(t, p) + (p.Envelope * p.Intensity * _texture.AccelerationG(t));

            // Walking a curve: centripetal acceleration toward the inside (a left turn pulls to the left, −ML).
            double turnRadPerS = _walkTurnDegPerS.At(t) * p.Envelope * DegToRad;
            a += new Vec3(0, -p.SpeedMps * turnRadPerS / StandardGravity, 0);
        }

        // Chair transitions and weight shifts as second differences of their displacement; segments that do not
        // overlap [t − h, t + h] are constant there and drop out.
        double h = DisplacementStepS;
        for (int k = SegmentIndexAt(t - h); k <= SegmentIndexAt(t + h); k++)
        {
            if (k >= 0)
            {
                SegmentTiming s = _segments[k];
                Vec3 secondDifference = Displacement(s, t + h) - (2 * Displacement(s, t)) + Displacement(s, t - h);
                a += (1 / (h * h * StandardGravity)) * secondDifference;
            }
        }

        return a + SeatJoltG(t) + ShuffleAccelerationG(t);
    }

    /// <summary>Per-stride oscillation plus the irregular texture of real strides, degrees (yaw, pitch, roll).</summary>
    private (double YawDeg, double PitchDeg, double RollDeg) GaitOscillationDeg(double t, GaitPhase p)
    {
        (double yaw, double pitch, double roll) = GaitBout.OscillationDeg(p);
        (double textureYaw, double texturePitch, double textureRoll) = _texture.AnglesDeg(t);
        double k = p.Envelope * p.SwayGain;
        return (yaw + (k * textureYaw), pitch + (k * texturePitch), roll + (k * textureRoll));
    }

    private static double PostureRamp(WalkSegment s) =>
        s.Activity is Activity.SitToStand or Activity.StandToSit ? s.DurationS : PostureRampS;

    private static double PosturalSwayScale(WalkSegment s) => s.Activity switch
    {
        Activity.Walk => 0,
        Activity.Sit => 0.4,
        Activity.SitToStand or Activity.StandToSit => 0.5,
        _ => 1,
    };

    private double HeadingRateDegPerS(double t)
    {
        double rate = _walkTurnDegPerS.At(t) * _gait.Envelope(t);
        if (SegmentAt(t, Activity.TurnInPlace) is SegmentTiming s)
        {
            rate += s.Segment.TurnDeg * Shapes.MinJerkRate((t - s.StartS) / s.DurationS) / s.DurationS;
        }

        return rate;
    }

    /// <summary>Flexion of sit-to-stand and stand-to-sit on top of the posture ramp: a bump peaking mid-transition.</summary>
    private double TransitionFlexionDeg(double t)
    {
        int k = SegmentIndexAt(t);
        if (k < 0 || t >= _segments[k].EndS)
        {
            return 0;
        }

        SegmentTiming s = _segments[k];
        double peakDeg = s.Segment.Activity switch
        {
            Activity.SitToStand => SitToStandFlexionDeg,
            Activity.StandToSit => StandToSitFlexionDeg,
            _ => 0,
        };
        return peakDeg * Math.Pow(Math.Sin(Math.PI * (t - s.StartS) / s.DurationS), 2);
    }

    /// <summary>
    /// Displacement of the lower back from chair transitions and weight shifting (walking frame, metres); only its
    /// second derivative is used.
    /// </summary>
    private static Vec3 Displacement(SegmentTiming s, double t)
    {
        double tau = (t - s.StartS) / s.DurationS;
        return s.Segment.Activity switch
        {
            // Flex forward first, then rise while straightening.
            Activity.SitToStand => new Vec3(ChairRiseM * Shapes.MinJerk((tau - 0.30) / 0.65), 0, SitToStandForwardM * Shapes.MinJerk((tau - 0.15) / 0.6)),
            Activity.StandToSit => new Vec3(-ChairRiseM * Shapes.MinJerk((tau - 0.10) / 0.65), 0, -StandToSitBackwardM * Shapes.MinJerk((tau - 0.05) / 0.6)),
            Activity.ShiftWeight when t > s.StartS && t < s.EndS => new Vec3(0, WeightShiftTravelM * WeightShift(s, t), 0),
            _ => Vec3.Zero,
        };
    }

    /// <summary>The jolt of landing on the seat, three quarters into a stand-to-sit.</summary>
    private Vec3 SeatJoltG(double t) => SegmentAt(t, Activity.StandToSit) is SegmentTiming s
        ? new Vec3(SeatJoltPeakG * Shapes.Ricker(t, s.StartS + (0.75 * s.DurationS), SeatJoltSigmaS), 0, 0)
        : Vec3.Zero;

    /// <summary>Weight over the right foot lets the left side of the pelvis drop: the lower back tilts left.</summary>
    private double WeightShiftRollDeg(double t) => SegmentAt(t, Activity.ShiftWeight) is SegmentTiming s
        ? -WeightShiftBendDeg * WeightShift(s, t)
        : 0;

    /// <summary>−1 … +1: where the weight is (+ over the right foot), faded in and out over a second at the segment's ends.</summary>
    private static double WeightShift(SegmentTiming s, double t)
    {
        double fade = Shapes.MinJerk((t - s.StartS) / PostureRampS) * Shapes.MinJerk((s.EndS - t) / PostureRampS);
        return fade * Math.Sin(2 * Math.PI * (t - s.StartS) / s.Segment.ShiftPeriodS);
    }

    private Vec3 ShuffleAccelerationG(double t)
    {
        Vec3 a = Vec3.Zero;
        foreach (Shuffle s in _shuffles.Near(t))
        {
            a += s.AccelerationG(t);
        }

        return a;
    }

    private double ShuffleRollDeg(double t)
    {
        double roll = 0;
        foreach (Shuffle s in _shuffles.Near(t))
        {
            roll += s.RollDeg(t);
        }

        return roll;
    }

    /// <summary>Index of the segment under way at <paramref name="t"/> (−1 before the first; the last one after the end).</summary>
    private int SegmentIndexAt(double t)
    {
        int k = Array.BinarySearch(_segmentStartsS, t);
        return k >= 0 ? k : ~k - 1;
    }

    /// <summary>The segment under way at <paramref name="t"/> if it is a <paramref name="activity"/> (strictly inside it).</summary>
    private SegmentTiming? SegmentAt(double t, Activity activity)
    {
        int k = SegmentIndexAt(t);
        return k >= 0 && _segments[k].Segment.Activity == activity && t > _segments[k].StartS && t < _segments[k].EndS ? _segments[k] : null;
    }
}

/// <summary>Truth of the trunk at one instant, degrees.</summary>
/// <param name="PostureFlexionDeg">Held flexion (posture, walking lean, chair transitions), forward positive.</param>
/// <param name="PostureLateralBendDeg">Held lateral bend, right positive.</param>
/// <param name="OscillationYawDeg">Yaw of the trunk about the path direction (gait and postural sway).</param>
internal readonly record struct TrunkTruth(double PostureFlexionDeg, double PostureLateralBendDeg, double OscillationYawDeg);
