using LumbarBand.Analysis.Recordings;
using LumbarBand.Core.Sensing;

namespace LumbarBand.Tools.Tests.Recordings;

public sealed class DeviceQuantizerTests
{
    private static ImuRecording Constant(double rateHz, double seconds, double accX, double gyrZ)
    {
        int n = (int)(rateHz * seconds) + 1;
        double[] t = Enumerable.Range(0, n).Select(i => i / rateHz).ToArray();
        double[] Fill(double v) => Enumerable.Repeat(v, n).ToArray();
        return new ImuRecording(t, Fill(accX), Fill(0), Fill(0), Fill(0), Fill(0), Fill(gyrZ));
    }

    [Theory]
    [InlineData(100.0)]
    [InlineData(200.0)]
    [InlineData(25.0)]
    public void ResamplesToTheDeviceRateAndScalesToCounts(double inputRateHz)
    {
        RawImuSamples raw = DeviceQuantizer.ToDevice(Constant(inputRateHz, 2.0, 1.0, 100.0));
        Assert.Equal(2 * ImuFormat.SampleRateHz + 1, raw.Count);
        Assert.Equal(ImuFormat.SamplePeriodUs, raw.TimeUs[1] - raw.TimeUs[0]);
        Assert.All(raw.Ax, v => Assert.Equal(ImuFormat.AccelCountsPerG, v));
        Assert.All(raw.Gz, v => Assert.Equal(3277, v)); // 100 °/s × 32.768 counts/(°/s), rounded
    }

    [Fact]
    public void SaturatesLikeTheSensor()
    {
        RawImuSamples raw = DeviceQuantizer.ToDevice(Constant(100, 1, 9.5, -1500));
        Assert.All(raw.Ax, v => Assert.Equal(short.MaxValue, v));
        Assert.All(raw.Gz, v => Assert.Equal(short.MinValue, v));
    }

    [Fact]
    public void AveragesOverTheDevicePeriodSoFastWigglesDoNotAlias()
    {
        // A 50 Hz square wave at 100 Hz sampling (+1, -1, ...) averages to 0 over each 20 ms device period.
        int n = 201;
        double[] t = Enumerable.Range(0, n).Select(i => i / 100.0).ToArray();
        double[] wiggle = Enumerable.Range(0, n).Select(i => i % 2 == 0 ? 1.0 : -1.0).ToArray();
        double[] zero = new double[n];
        RawImuSamples raw = DeviceQuantizer.ToDevice(new ImuRecording(t, wiggle, zero, zero, zero, zero, zero));
        Assert.All(raw.Ax.Skip(1).Take(raw.Count - 2), v => Assert.Equal(0, v));
    }
}

public sealed class DeviceQuantizerLimitTests
{
    [Fact]
    public void ARecordingSpanningMoreThanADayIsRefusedWithAMessageNotAnOverflow()
    {
        var recording = new ImuRecording([0, 1e8], [1, 1], [0, 0], [0, 0], [0, 0], [0, 0], [0, 0]);
        ArgumentException e = Assert.Throws<ArgumentException>(() => DeviceQuantizer.ToDevice(recording));
        Assert.Contains("spans 1E+08 s", e.Message, StringComparison.Ordinal);
    }
}
