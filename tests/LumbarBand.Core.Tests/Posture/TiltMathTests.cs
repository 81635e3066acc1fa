using LumbarBand.Core.Posture;
using LumbarBand.Core.Sensing;

namespace LumbarBand.Core.Tests.Posture;

/// <summary>The integer angle helpers of the posture stages against floating point, and the posture axes.</summary>
public sealed class TiltMathTests
{
    [Fact]
    public void ArctangentIsWithinACentidegreeEverywhere()
    {
        int worst = 0;
        for (int degrees = -179; degrees <= 180; degrees += 1)
        {
            foreach (int radius in new[] { 300, 4096, 16384, 30000 })
            {
                double a = degrees * Math.PI / 180;
                int x = (int)Math.Round(radius * Math.Cos(a));
                int y = (int)Math.Round(radius * Math.Sin(a));
                int expected = (int)Math.Round(Math.Atan2(y, x) * 18000 / Math.PI);
                int got = TiltMath.Atan2Centidegrees(y, x);
                int error = Math.Abs(got - expected);
                if (error > 18000)
                {
                    error = 36000 - error;
                }

                worst = Math.Max(worst, error);
            }
        }

        Assert.InRange(worst, 0, 1);
        Assert.Equal(0, TiltMath.Atan2Centidegrees(0, 0));
        Assert.Equal(IntegerMath.Atan2Centidegrees(1234, -5678), TiltMath.Atan2Centidegrees(1234, -5678));
    }

    [Fact]
    public void HypotenuseIsWithinTwoThousandths()
    {
        var random = new Random(5);
        for (int k = 0; k < 5000; k++)
        {
            int a = random.Next(-TiltMath.HypotLimit + 1, TiltMath.HypotLimit);
            int b = random.Next(-TiltMath.HypotLimit + 1, TiltMath.HypotLimit);
            double exact = Math.Sqrt(((double)a * a) + ((double)b * b));
            Assert.InRange(TiltMath.Hypot(a, b), (exact * 0.998) - 1, (exact * 1.002) + 1);
        }

        Assert.Equal(16384, TiltMath.Hypot(16384, 0));
        Assert.Equal(16384, TiltMath.Hypot(0, -16384));
    }

    [Theory]
    [InlineData(30, 0)]
    [InlineData(-15, 0)]
    [InlineData(0, 10)]
    [InlineData(0, -25)]
    [InlineData(40, 20)]
    [InlineData(70, -10)]
    [InlineData(90, 5)]
    [InlineData(120, -15)]
    public void AnglesInvertTheSagittalThenFrontalConvention(double flexionDeg, double bendDeg)
    {
        // "Up" seen from a trunk whose long axis lies at f in the sagittal plane and b out of it:
        // (cos b cos f, sin b, −cos b sin f).
        double f = flexionDeg * Math.PI / 180;
        double b = bendDeg * Math.PI / 180;
        int v = (int)Math.Round(16384 * Math.Cos(b) * Math.Cos(f));
        int ml = (int)Math.Round(16384 * Math.Sin(b));
        int ap = (int)Math.Round(-16384 * Math.Cos(b) * Math.Sin(f));
        Assert.InRange(TiltMath.FlexionCentidegrees(v, ap), (flexionDeg * 100) - 8, (flexionDeg * 100) + 8);
        Assert.InRange(TiltMath.LateralBendCentidegrees(v, ml, ap), (bendDeg * 100) - 8, (bendDeg * 100) + 8);
    }

    [Fact]
    public void LateralBendStaysContinuousThroughAForwardBendToNinetyDegrees()
    {
        // A trunk bent 10° to the right, then flexed from 0 to 90° (the old bend-then-flex reading, atan2(ml, v),
        // went to ±90° and beyond as v and ml vanished). The side tilt of the axis never exceeds 10°, nor may the bend.
        double b = 10 * Math.PI / 180;
        int previous = int.MinValue;
        for (int flexion = 0; flexion <= 90; flexion++)
        {
            double f = flexion * Math.PI / 180;
            int v = (int)Math.Round(16384 * Math.Cos(f) * Math.Cos(b));
            int ml = (int)Math.Round(16384 * Math.Cos(f) * Math.Sin(b));
            int ap = (int)Math.Round(-16384 * Math.Sin(f));
            int bend = TiltMath.LateralBendCentidegrees(v, ml, ap);
            Assert.InRange(bend, -5, 1000 + 5);
            if (previous != int.MinValue)
            {
                Assert.InRange(bend - previous, -100, 5);
            }

            previous = bend;
            double sagittalDeg = Math.Atan2(Math.Sin(f), Math.Cos(f) * Math.Cos(b)) * 180 / Math.PI;
            Assert.InRange(TiltMath.FlexionCentidegrees(v, ap), (sagittalDeg * 100) - 10, (sagittalDeg * 100) + 10);
        }
    }

    [Fact]
    public void PostureAxesAreNeutralUpForwardAndLeft()
    {
        // Sensor x up, y right, z forward (the reference mounting), slightly crooked neutral.
        var neutral = new NeutralPosture();
        neutral.OnStillWindow(4096, 200, -150);
        var frame = new BodyFrame();
        frame.SetVertical(4096, 0, 0);
        frame.SetProgression(0, 0, 4096);
        var axes = new PostureAxes();
        Assert.True(axes.Refresh(neutral, frame));
        Assert.True(axes.IsKnown);

        // Vertical is the neutral capture, forward is horizontal to it, left = up × forward points to −y.
        Assert.Equal(neutral.UpXQ14, axes.VerticalXQ14);
        int dot = ((axes.ForwardXQ14 * axes.VerticalXQ14) + (axes.ForwardYQ14 * axes.VerticalYQ14) + (axes.ForwardZQ14 * axes.VerticalZQ14)) >> 14;
        Assert.InRange(dot, -3, 3);
        Assert.InRange(axes.ForwardZQ14, 16300, 16384);
        Assert.InRange(axes.LateralYQ14, -16384, -16300);
        int length = (axes.LateralXQ14 * axes.LateralXQ14) + (axes.LateralYQ14 * axes.LateralYQ14) + (axes.LateralZQ14 * axes.LateralZQ14);
        Assert.InRange(length >> 14, 16370, 16390);

        // Unchanged inputs: nothing to rebuild.
        int revision = axes.Revision;
        Assert.False(axes.Refresh(neutral, frame));
        Assert.Equal(revision, axes.Revision);
    }
}
