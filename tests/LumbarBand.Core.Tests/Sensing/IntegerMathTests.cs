using LumbarBand.Core.Sensing;

namespace LumbarBand.Core.Tests.Sensing;

public sealed class IntegerMathTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 1)]
    [InlineData(4, 2)]
    [InlineData(15, 3)]
    [InlineData(16, 4)]
    [InlineData(17, 4)]
    [InlineData(16777216, 4096)]
    [InlineData(1 << 30, 32768)]
    [InlineData(int.MaxValue, 46340)]
    [InlineData(-5, 0)]
    public void SqrtIsExactOnKnownValues(int value, int root)
    {
        Assert.Equal(root, IntegerMath.Sqrt(value));
    }

    [Theory]
    [InlineData(0L, 0L)]
    [InlineData(1L << 62, 1L << 31)]
    [InlineData(long.MaxValue, 3037000499L)]
    [InlineData(9999999999L, 99999L)]
    public void SqrtOfLongIsExactOnKnownValues(long value, long root)
    {
        Assert.Equal(root, IntegerMath.Sqrt(value));
    }

    [Fact]
    public void SqrtIsTheFloorOfTheRootEverywhere()
    {
        var random = new Random(7);
        for (int k = 0; k < 20000; k++)
        {
            int v = k < 5000 ? k : random.Next();
            long r = IntegerMath.Sqrt(v);
            Assert.True(r * r <= v && (r + 1) * (r + 1) > v, $"Sqrt({v}) = {r}");
        }
    }

    [Fact]
    public void SqrtIsExactEitherSideOfEverySquare()
    {
        // Newton's start must never fall below the root; the squares and the values just below them are where a
        // start or a stop one off would show.
        for (long r = 1; r <= 46340; r++)
        {
            int square = (int)(r * r);
            Assert.Equal((int)r, IntegerMath.Sqrt(square));
            Assert.Equal((int)r - 1, IntegerMath.Sqrt(square - 1));
        }
    }

    [Theory]
    [InlineData(0, 1, 0)]
    [InlineData(1, 0, 9000)]
    [InlineData(0, -1, 18000)]
    [InlineData(-1, 0, -9000)]
    [InlineData(1, 1, 4500)]
    [InlineData(1, -1, 13500)]
    [InlineData(-1, -1, -13500)]
    [InlineData(-1, 1, -4500)]
    [InlineData(0, 0, 0)]
    [InlineData(int.MaxValue, int.MaxValue, 4500)]
    [InlineData(int.MinValue, 0, -9000)]
    [InlineData(16384, 16384, 4500)]
    public void Atan2IsExactOnAxesAndDiagonals(int y, int x, int centidegrees)
    {
        Assert.Equal(centidegrees, IntegerMath.Atan2Centidegrees(y, x));
    }

    [Fact]
    public void Atan2IsWithinOneCentidegreeEverywhere()
    {
        for (int a = -1800; a < 1800; a += 7)
        {
            double radians = a / 10.0 * Math.PI / 180.0;
            foreach (double length in new[] { 100.0, 4096.0, 1e6 })
            {
                int x = (int)Math.Round(length * Math.Cos(radians));
                int y = (int)Math.Round(length * Math.Sin(radians));
                double expected = Math.Atan2(y, x) * 18000.0 / Math.PI;
                int got = IntegerMath.Atan2Centidegrees(y, x);
                double error = Math.Abs(got - expected);
                error = Math.Min(error, 36000 - error);
                Assert.True(error <= 1.0, $"atan2({y}, {x}) = {got}, expected {expected:F2}");
            }
        }
    }

    [Theory]
    [InlineData(5, 0, 0, 16384, 0, 0)]
    [InlineData(0, -3, 0, 0, -16384, 0)]
    [InlineData(0, 0, 1 << 30, 0, 0, 16384)]
    [InlineData(3, 4, 0, 9830, 13107, 0)]
    public void NormalizeQ14IsExactOnKnownVectors(int x, int y, int z, int ux, int uy, int uz)
    {
        Assert.True(IntegerMath.NormalizeQ14(x, y, z, out int gx, out int gy, out int gz));
        Assert.Equal((ux, uy, uz), (gx, gy, gz));
    }

    [Fact]
    public void NormalizeQ14GivesUnitLengthAndRejectsZero()
    {
        Assert.False(IntegerMath.NormalizeQ14(0, 0, 0, out _, out _, out _));
        var random = new Random(3);
        for (int k = 0; k < 5000; k++)
        {
            int scale = 1 << random.Next(0, 30);
            int x = (int)(scale * ((2 * random.NextDouble()) - 1));
            int y = (int)(scale * ((2 * random.NextDouble()) - 1));
            int z = (int)(scale * ((2 * random.NextDouble()) - 1));
            if (Math.Max(Math.Abs(x), Math.Max(Math.Abs(y), Math.Abs(z))) < 4)
            {
                continue;
            }

            Assert.True(IntegerMath.NormalizeQ14(x, y, z, out int ux, out int uy, out int uz));
            double length = Math.Sqrt(((double)ux * ux) + ((double)uy * uy) + ((double)uz * uz));
            Assert.InRange(length, 16384 - 4, 16384 + 4);
            double n = Math.Sqrt(((double)x * x) + ((double)y * y) + ((double)z * z));
            Assert.InRange(ux - (16384.0 * x / n), -8, 8);
        }
    }
}
