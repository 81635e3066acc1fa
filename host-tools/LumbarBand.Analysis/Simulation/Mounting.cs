using System.Globalization;
using LumbarBand.Analysis.Recordings;

namespace LumbarBand.Analysis.Simulation;

/// <summary>
/// How the sensor sits on the body: a rotation from the body frame to the sensor frame. Body frame: V vertical up,
/// ML mediolateral to the wearer's right, AP anteroposterior forward (right-handed: V × ML = AP). The band calibrates
/// itself, so any mounting must work; these are the mountings it is tested in.
/// </summary>
public sealed class Mounting
{
    private static readonly string[] PositiveBodyDirections = ["up", "right", "forward"];
    private static readonly string[] NegativeBodyDirections = ["down", "left", "backward"];
    private static readonly string[] SensorAxisNames = ["x", "y", "z"];

    private readonly Matrix3 _bodyToSensor;

    private Mounting(string name, Matrix3 bodyToSensor)
    {
        Name = name;
        _bodyToSensor = bodyToSensor;
    }

    /// <summary>
    /// The real walks' convention (McRoberts MM+ at L5, <c>../shared/data/lowerback-walks</c>): x up, y right, z forward.
    /// Its rotation is the identity, so a recording in this mounting is in body axes.
    /// </summary>
    public static Mounting Reference { get; } = AxisAligned(0, +1, 1, +1);

    /// <summary>Rotated 180° about the forward axis: x down, y left, z forward.</summary>
    public static Mounting UpsideDown { get; } = AxisAligned(0, -1, 1, -1);

    /// <summary>Rotated 180° about the vertical, facing the body: x up, y left, z backward.</summary>
    public static Mounting InsideOut { get; } = AxisAligned(0, +1, 1, -1);

    /// <summary>Rotated 90° about the forward axis: x right, y down, z forward.</summary>
    public static Mounting Sideways { get; } = AxisAligned(1, +1, 0, -1);

    /// <summary>Board horizontal, as if lying on a table: x forward, y left, z up.</summary>
    public static Mounting LyingFlat { get; } = AxisAligned(2, +1, 1, -1);

    /// <summary>A readable name, e.g. "x up, y right, z forward".</summary>
    public string Name { get; }

    /// <summary>
    /// Element of the body→sensor rotation: the component along <paramref name="bodyAxis"/> (0 V, 1 ML, 2 AP) of the
    /// sensor's axis <paramref name="sensorAxis"/> (0 x, 1 y, 2 z).
    /// </summary>
    public double this[int sensorAxis, int bodyAxis] => _bodyToSensor[sensorAxis, bodyAxis];

    /// <summary>
    /// All 24 mountings with each sensor axis along a body axis (6 directions for x, 4 for y, z completes the
    /// right-handed set), <see cref="Reference"/> first.
    /// </summary>
    public static Mounting[] AxisAligned()
    {
        // The named mountings are returned as the same instances.
        Mounting[] named = [Reference, UpsideDown, InsideOut, Sideways, LyingFlat];
        var all = new List<Mounting> { Reference };
        for (int xAxis = 0; xAxis < 3; xAxis++)
        {
            foreach (int xSign in new[] { +1, -1 })
            {
                for (int yAxis = 0; yAxis < 3; yAxis++)
                {
                    if (yAxis == xAxis)
                    {
                        continue;
                    }

                    foreach (int ySign in new[] { +1, -1 })
                    {
                        Mounting m = AxisAligned(xAxis, xSign, yAxis, ySign);
                        if (m.Name != Reference.Name)
                        {
                            all.Add(named.FirstOrDefault(n => n.Name == m.Name) ?? m);
                        }
                    }
                }
            }
        }

        return [.. all];
    }

    /// <summary>
    /// <paramref name="baseMounting"/> with an extra tilt of the sensor by <paramref name="tiltDeg"/> (at most 30°)
    /// toward a horizontal body direction <paramref name="azimuthDeg"/> measured from forward (0°) toward the
    /// wearer's right (90°): a band that sits crooked or on a curved back.
    /// </summary>
    public static Mounting Tilted(Mounting baseMounting, double tiltDeg, double azimuthDeg)
    {
        ArgumentNullException.ThrowIfNull(baseMounting);
        if (!(Math.Abs(tiltDeg) <= 30))
        {
            throw new ArgumentOutOfRangeException(nameof(tiltDeg), tiltDeg, "an extra tilt is at most 30°");
        }

        double azimuth = azimuthDeg * Math.PI / 180;
        var toward = new Vec3(0, Math.Sin(azimuth), Math.Cos(azimuth));

        // Rotating about up × toward moves the up direction toward `toward`.
        Vec3 axis = Vec3.Cross(Vec3.Unit(0), toward);
        Matrix3 tilt = Matrix3.Rotation(axis, tiltDeg * Math.PI / 180);

        // The sensor axes (rows) are tilted in the body frame: rows' = tilt · rows, so M' = M · tiltᵀ.
        string name = string.Create(
            CultureInfo.InvariantCulture,
            $"{baseMounting.Name}, tilted {tiltDeg:0.#}° toward azimuth {azimuthDeg:0.#}°");
        return new Mounting(name, baseMounting._bodyToSensor * tilt.Transpose());
    }

    /// <summary>The opposite rotation (sensor→body): re-expressing with it undoes re-expressing with this mounting.</summary>
    public Mounting Inverse() => new($"inverse of ({Name})", _bodyToSensor.Transpose());

    /// <summary>Writes a body-frame vector in the sensor's axes.</summary>
    public (double X, double Y, double Z) ToSensor(double vertical, double mediolateral, double anteroposterior)
    {
        Vec3 s = ToSensor(new Vec3(vertical, mediolateral, anteroposterior));
        return (s.X, s.Y, s.Z);
    }

    /// <summary>Writes a sensor-frame vector in body axes.</summary>
    public (double Vertical, double Mediolateral, double Anteroposterior) ToBody(double x, double y, double z)
    {
        Vec3 b = _bodyToSensor.Transpose().Apply(new Vec3(x, y, z));
        return (b.X, b.Y, b.Z);
    }

    /// <summary>
    /// Rotates a recording made in <see cref="Reference"/> (so in body axes) into this mounting: what the same walk
    /// would have recorded with the sensor mounted this way. Accelerometer and gyroscope rotate alike; time is kept.
    /// </summary>
    public ImuRecording Reexpress(ImuRecording recordingInReferenceMounting)
    {
        ArgumentNullException.ThrowIfNull(recordingInReferenceMounting);
        ImuRecording r = recordingInReferenceMounting;
        int n = r.Count;
        var acc = new[] { new double[n], new double[n], new double[n] };
        var gyr = new[] { new double[n], new double[n], new double[n] };
        for (int i = 0; i < n; i++)
        {
            Vec3 a = ToSensor(new Vec3(r.AccG[0][i], r.AccG[1][i], r.AccG[2][i]));
            Vec3 g = ToSensor(new Vec3(r.GyrDps[0][i], r.GyrDps[1][i], r.GyrDps[2][i]));
            for (int axis = 0; axis < 3; axis++)
            {
                acc[axis][i] = a[axis];
                gyr[axis][i] = g[axis];
            }
        }

        return new ImuRecording((double[])r.TimeS.Clone(), acc[0], acc[1], acc[2], gyr[0], gyr[1], gyr[2]);
    }

    /// <inheritdoc/>
    public override string ToString() => Name;

    internal Vec3 ToSensor(Vec3 body) => _bodyToSensor.Apply(body);

    /// <summary>Sensor x along body axis <paramref name="xAxis"/>·sign, y along <paramref name="yAxis"/>·sign, z = x × y.</summary>
    private static Mounting AxisAligned(int xAxis, int xSign, int yAxis, int ySign)
    {
        Vec3 x = xSign * Vec3.Unit(xAxis);
        Vec3 y = ySign * Vec3.Unit(yAxis);
        Vec3 z = Vec3.Cross(x, y);
        Vec3[] rows = [x, y, z];
        string name = string.Join(", ", Enumerable.Range(0, 3).Select(i => $"{SensorAxisNames[i]} {Direction(rows[i])}"));
        return new Mounting(name, Matrix3.FromRows(x, y, z));
    }

    private static string Direction(Vec3 axisInBody)
    {
        for (int b = 0; b < 3; b++)
        {
            if (axisInBody[b] > 0.5)
            {
                return PositiveBodyDirections[b];
            }

            if (axisInBody[b] < -0.5)
            {
                return NegativeBodyDirections[b];
            }
        }

        throw new InvalidOperationException("not an axis-aligned direction");
    }
}
