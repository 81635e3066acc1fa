using LumbarBand.Analysis.Recordings;

namespace LumbarBand.Analysis.Simulation;

/// <summary>Which way a <see cref="PostureOverlay"/> tilts the trunk.</summary>
public enum PostureTilt
{
    /// <summary>Forward flexion: rotation about the mediolateral axis, the trunk's up axis tilting forward.</summary>
    Flexion,

    /// <summary>Lateral lean to the right: rotation about the anteroposterior axis, the up axis tilting right.</summary>
    LeanRight,

    /// <summary>Lateral lean to the left: rotation about the anteroposterior axis, the up axis tilting left.</summary>
    LeanLeft,
}

/// <summary>
/// Adds a held trunk posture to a recording made in <see cref="Mounting.Reference"/> axes (x up, y right, z forward):
/// the sensor is rotated by an extra angle about a body axis, ramped smoothly in and out. The body axes are level:
/// mediolateral is the sensor's y made horizontal, anteroposterior the horizontal forward axis square to it, about the
/// trunk's vertical (by default the sensor's x; <see cref="AboutMeanVertical"/> takes it from the recording, for a real
/// sensor worn pitched on a sloping sacrum: about its own z, pitched 30°, a 15° "lean" is only 13° of lean). The accelerometer and gyro
/// are re-expressed in the rotated axes and the ramp's own angular rate is added to the gyro, so the band sees what a
/// sensor on a trunk that bends while walking would see (translational accelerations of the bend itself, a few
/// hundredths of a g over a one-second ramp, are left out).
/// </summary>
public sealed class PostureOverlay
{
    /// <summary>Duration of each ramp, in and out, seconds: a deliberate change of posture takes about a second.</summary>
    public const double RampS = 1.0;

    private readonly Vec3 _up;

    /// <summary>Creates an overlay holding <paramref name="angleDeg"/> from onset (start of the ramp) for a hold, about the sensor's x as vertical.</summary>
    public PostureOverlay(PostureTilt tilt, double angleDeg, double onsetS, double holdS)
        : this(tilt, angleDeg, onsetS, holdS, Vec3.Unit(0))
    {
    }

    private PostureOverlay(PostureTilt tilt, double angleDeg, double onsetS, double holdS, Vec3 up)
    {
        if (holdS <= 0 || angleDeg <= 0 || angleDeg > 90)
        {
            throw new ArgumentOutOfRangeException(nameof(angleDeg), "the angle must be in (0, 90] degrees and the hold positive");
        }

        double length = up.Length;
        if (!(length > 0))
        {
            throw new ArgumentException("the vertical must be a non-zero vector", nameof(up));
        }

        _up = (1 / length) * up;
        Tilt = tilt;
        AngleDeg = angleDeg;
        OnsetS = onsetS;
        HoldS = holdS;
    }

    /// <summary>
    /// An overlay about the vertical of <paramref name="recording"/>: its mean specific force (the trunk's
    /// accelerations average out over whole strides), so the tilt is about level body axes however the sensor is pitched.
    /// </summary>
    public static PostureOverlay AboutMeanVertical(PostureTilt tilt, double angleDeg, double onsetS, double holdS, ImuRecording recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        var up = new Vec3(recording.AccG[0].Average(), recording.AccG[1].Average(), recording.AccG[2].Average());
        return new PostureOverlay(tilt, angleDeg, onsetS, holdS, up);
    }

    /// <summary>The body axis the trunk tilts about.</summary>
    public PostureTilt Tilt { get; }

    /// <summary>Angle held, degrees.</summary>
    public double AngleDeg { get; }

    /// <summary>Start of the ramp in, seconds from the start of the recording.</summary>
    public double OnsetS { get; }

    /// <summary>Time at full angle, seconds (the ramp out follows).</summary>
    public double HoldS { get; }

    /// <summary>The tilt angle at <paramref name="t"/> in degrees (raised-cosine ramps).</summary>
    public double AngleAt(double t)
    {
        double u = t - OnsetS;
        if (u <= 0 || u >= HoldS + (2 * RampS))
        {
            return 0;
        }

        if (u < RampS)
        {
            return AngleDeg * 0.5 * (1 - Math.Cos(Math.PI * u / RampS));
        }

        if (u <= RampS + HoldS)
        {
            return AngleDeg;
        }

        return AngleDeg * 0.5 * (1 + Math.Cos(Math.PI * (u - RampS - HoldS) / RampS));
    }

    /// <summary>The recording with the posture added.</summary>
    public ImuRecording Apply(ImuRecording recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        int n = recording.Count;
        var acc = new double[3][];
        var gyr = new double[3][];
        for (int a = 0; a < 3; a++)
        {
            acc[a] = new double[n];
            gyr[a] = new double[n];
        }

        // Rotation of the sensor axes relative to upright, in the Reference axes: flexion turns the forward axis down
        // (a negative rotation about the rightward axis), a right lean turns the rightward axis down (positive about
        // the forward axis), a left lean turns it up. Both axes level: square to the vertical.
        Vec3 y = Vec3.Unit(1);
        Vec3 rightward = y - (Dot(y, _up) * _up);
        rightward = (1 / rightward.Length) * rightward;
        Vec3 forward = Vec3.Cross(_up, rightward);
        Vec3 axis = Tilt == PostureTilt.Flexion ? rightward : forward;
        double sign = Tilt == PostureTilt.LeanRight ? 1 : -1;
        const double HalfStepS = 0.0005;
        for (int i = 0; i < n; i++)
        {
            double t = recording.TimeS[i];
            double angleRad = sign * AngleAt(t) * Math.PI / 180;
            double rateDps = sign * (AngleAt(t + HalfStepS) - AngleAt(t - HalfStepS)) / (2 * HalfStepS);
            Matrix3 toRotated = Matrix3.Rotation(axis, angleRad).Transpose();
            Vec3 f = toRotated.Apply(new Vec3(recording.AccG[0][i], recording.AccG[1][i], recording.AccG[2][i]));
            Vec3 w = toRotated.Apply(new Vec3(recording.GyrDps[0][i], recording.GyrDps[1][i], recording.GyrDps[2][i])) + (rateDps * axis);
            for (int a = 0; a < 3; a++)
            {
                acc[a][i] = f[a];
                gyr[a][i] = w[a];
            }
        }

        return new ImuRecording(recording.TimeS, acc[0], acc[1], acc[2], gyr[0], gyr[1], gyr[2]);
    }

    private static double Dot(Vec3 a, Vec3 b) => (a.X * b.X) + (a.Y * b.Y) + (a.Z * b.Z);
}
