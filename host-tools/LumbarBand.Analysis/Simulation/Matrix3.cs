namespace LumbarBand.Analysis.Simulation;

/// <summary>
/// A 3x3 matrix used as a rotation. <c>R.Apply(v)</c> maps a vector's coordinates in the source frame to the target
/// frame; rows of a body→sensor rotation are the sensor axes written in body coordinates.
/// </summary>
internal readonly struct Matrix3
{
    private readonly double _m00, _m01, _m02, _m10, _m11, _m12, _m20, _m21, _m22;

    public Matrix3(double m00, double m01, double m02, double m10, double m11, double m12, double m20, double m21, double m22)
    {
        _m00 = m00;
        _m01 = m01;
        _m02 = m02;
        _m10 = m10;
        _m11 = m11;
        _m12 = m12;
        _m20 = m20;
        _m21 = m21;
        _m22 = m22;
    }

    public static Matrix3 Identity => new(1, 0, 0, 0, 1, 0, 0, 0, 1);

    public double this[int row, int column] => ((row * 3) + column) switch
    {
        0 => _m00,
        1 => _m01,
        2 => _m02,
        3 => _m10,
        4 => _m11,
        5 => _m12,
        6 => _m20,
        7 => _m21,
        8 => _m22,
        _ => throw new ArgumentOutOfRangeException(nameof(row), "row and column must be 0, 1 or 2"),
    };

    public static Matrix3 FromRows(Vec3 r0, Vec3 r1, Vec3 r2) => new(r0.X, r0.Y, r0.Z, r1.X, r1.Y, r1.Z, r2.X, r2.Y, r2.Z);

    /// <summary>Right-handed rotation by <paramref name="angleRad"/> about the unit vector <paramref name="axis"/> (Rodrigues).</summary>
    public static Matrix3 Rotation(Vec3 axis, double angleRad)
    {
        double c = Math.Cos(angleRad), s = Math.Sin(angleRad), t = 1 - c;
        double x = axis.X, y = axis.Y, z = axis.Z;
        return new Matrix3(
            (t * x * x) + c, (t * x * y) - (s * z), (t * x * z) + (s * y),
            (t * x * y) + (s * z), (t * y * y) + c, (t * y * z) - (s * x),
            (t * x * z) - (s * y), (t * y * z) + (s * x), (t * z * z) + c);
    }

    /// <summary>Right-handed rotation about coordinate axis 0, 1 or 2.</summary>
    public static Matrix3 Rotation(int axis, double angleRad) => Rotation(Vec3.Unit(axis), angleRad);

    public static Matrix3 operator *(Matrix3 a, Matrix3 b) => new(
        (a._m00 * b._m00) + (a._m01 * b._m10) + (a._m02 * b._m20),
        (a._m00 * b._m01) + (a._m01 * b._m11) + (a._m02 * b._m21),
        (a._m00 * b._m02) + (a._m01 * b._m12) + (a._m02 * b._m22),
        (a._m10 * b._m00) + (a._m11 * b._m10) + (a._m12 * b._m20),
        (a._m10 * b._m01) + (a._m11 * b._m11) + (a._m12 * b._m21),
        (a._m10 * b._m02) + (a._m11 * b._m12) + (a._m12 * b._m22),
        (a._m20 * b._m00) + (a._m21 * b._m10) + (a._m22 * b._m20),
        (a._m20 * b._m01) + (a._m21 * b._m11) + (a._m22 * b._m21),
        (a._m20 * b._m02) + (a._m21 * b._m12) + (a._m22 * b._m22));

    public Matrix3 Transpose() => new(_m00, _m10, _m20, _m01, _m11, _m21, _m02, _m12, _m22);

    public Vec3 Apply(Vec3 v) => new(
        (_m00 * v.X) + (_m01 * v.Y) + (_m02 * v.Z),
        (_m10 * v.X) + (_m11 * v.Y) + (_m12 * v.Z),
        (_m20 * v.X) + (_m21 * v.Y) + (_m22 * v.Z));

    /// <summary>Column <paramref name="column"/>: where the source frame's axis lands in the target frame.</summary>
    public Vec3 Column(int column) => Apply(Vec3.Unit(column));

    public double Determinant =>
        (_m00 * ((_m11 * _m22) - (_m12 * _m21))) - (_m01 * ((_m10 * _m22) - (_m12 * _m20))) + (_m02 * ((_m10 * _m21) - (_m11 * _m20)));

    /// <summary>
    /// The rotation vector (axis × angle, radians) of this rotation: the inverse of <see cref="Rotation(Vec3, double)"/>.
    /// Used on the small relative rotation between two nearby instants, so the angle is far from π.
    /// </summary>
    public Vec3 Log()
    {
        // skew = 2 sin(angle) axis. atan2 keeps the angle accurate where acos of a trace near 3 would not.
        var skew = new Vec3(_m21 - _m12, _m02 - _m20, _m10 - _m01);
        double twoSin = skew.Length;
        double angle = Math.Atan2(twoSin / 2, (_m00 + _m11 + _m22 - 1) / 2);
        double scale = twoSin < 1e-12 ? 0.5 : angle / twoSin;
        return scale * skew;
    }
}
