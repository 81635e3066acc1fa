using LumbarBand.Core.Sensing;

namespace LumbarBand.Core.Tests.Sensing;

public sealed class BodyFrameTests
{
    private const double One = IntegerMath.OneQ14;

    public static TheoryData<int> Mountings => SyntheticImu.MountingIndices();

    [Theory]
    [MemberData(nameof(Mountings))]
    public void GravityIsFoundInEachAxisAlignedMounting(int index)
    {
        double[] mounting = SyntheticImu.AxisAlignedMountings().ElementAt(index);
        var band = new Band();
        var imu = new SyntheticImu(band, mounting);
        Assert.False(band.Frame.IsVerticalKnown);
        imu.Run(3, SyntheticImu.Still);

        (double x, double y, double z) up = SyntheticImu.ToSensor(mounting, 0, 0, 1);
        AssertAlong(up, band.Gravity.UpXQ14, band.Gravity.UpYQ14, band.Gravity.UpZQ14, 0.999, "gravity");
        Assert.True(band.Frame.IsVerticalKnown);
        AssertAlong(up, band.Frame.VerticalXQ14, band.Frame.VerticalYQ14, band.Frame.VerticalZQ14, 0.999, "body vertical");
        Assert.True(band.Neutral.IsCaptured);
        AssertAlong(up, band.Neutral.UpXQ14, band.Neutral.UpYQ14, band.Neutral.UpZQ14, 0.999, "neutral");
        Assert.Single(imu.Events, e => e.Kind == BandEventKind.NeutralCaptured);
        Assert.False(band.Frame.IsForwardKnown);
    }

    [Theory]
    [MemberData(nameof(Mountings))]
    public void ForwardAndLateralAreFoundFromWalkingInEachAxisAlignedMounting(int index)
    {
        double[] mounting = SyntheticImu.AxisAlignedMountings().ElementAt(index);
        AssertFrameFound(mounting);
    }

    [Theory]
    [InlineData(0, 30.0)]
    [InlineData(5, 25.0)]
    [InlineData(17, -30.0)]
    public void ForwardIsFoundWhenTheBandIsTilted(int index, double degrees)
    {
        double[] tilt = SyntheticImu.Rotation(1, 2, 3, degrees);
        double[] mounting = SyntheticImu.Multiply(SyntheticImu.AxisAlignedMountings().ElementAt(index), tilt);
        AssertFrameFound(mounting);
    }

    private static void AssertFrameFound(double[] mounting)
    {
        var band = new Band();
        var imu = new SyntheticImu(band, mounting);
        imu.Run(3, SyntheticImu.Still);
        imu.Run(25, SyntheticImu.Walking(108));
        BodyFrame f = band.Frame;
        Assert.True(f.IsForwardKnown, "the forward axis is not known after 25 s of walking");
        AssertAlong(SyntheticImu.ToSensor(mounting, 0, 0, 1), f.VerticalXQ14, f.VerticalYQ14, f.VerticalZQ14, 0.995, "vertical");
        AssertAlong(SyntheticImu.ToSensor(mounting, 1, 0, 0), f.ForwardXQ14, f.ForwardYQ14, f.ForwardZQ14, 0.97, "forward");
        AssertAlong(SyntheticImu.ToSensor(mounting, 0, 1, 0), f.LateralXQ14, f.LateralYQ14, f.LateralZQ14, 0.97, "left");

        // The rotation is orthonormal: ToBody of the sensor's view of body-up is (1, 0, 0) in (V, ML, AP).
        (double x, double y, double z) up = SyntheticImu.ToSensor(mounting, 0, 0, 4096);
        f.ToBody((int)Math.Round(up.x), (int)Math.Round(up.y), (int)Math.Round(up.z), out int v, out int ml, out int ap);
        Assert.InRange(v, 4070, 4100);
        Assert.InRange(ml, -120, 120);
        Assert.InRange(ap, -120, 120);
    }

    private static void AssertAlong((double X, double Y, double Z) expected, int x, int y, int z, double minCos, string what)
    {
        double cos = ((expected.X * x) + (expected.Y * y) + (expected.Z * z)) / One;
        Assert.True(cos >= minCos, $"{what} ({x}, {y}, {z}) is not along ({expected.X:F3}, {expected.Y:F3}, {expected.Z:F3}): cos {cos:F4}");
    }
}
