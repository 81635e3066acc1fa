using LumbarBand.Core.Sensing;

namespace LumbarBand.Core.Tests.Sensing;

public sealed class GyroBiasTrackerTests
{
    private static readonly double[] Upright = [1, 0, 0, 0, 1, 0, 0, 0, 1];

    [Fact]
    public void BiasConvergesToTheInjectedBiasWhileStill()
    {
        var band = new Band();
        var imu = new SyntheticImu(band, Upright) { GyroBiasCounts = (150, -80, 40) };
        imu.Run(5, SyntheticImu.Still);

        GyroBiasTracker bias = band.GyroBias;
        Assert.True(bias.IsKnown);
        // Within 2 counts (0.06 °/s): the noise of ±0.2 °/s averaged over the still windows.
        Assert.InRange(bias.BiasXQ4, (150 * 16) - 32, (150 * 16) + 32);
        Assert.InRange(bias.BiasYQ4, (-80 * 16) - 32, (-80 * 16) + 32);
        Assert.InRange(bias.BiasZQ4, (40 * 16) - 32, (40 * 16) + 32);
        Assert.InRange(bias.CorrectedX, -10, 10);
        Assert.InRange(bias.CorrectedY, -10, 10);
    }

    [Fact]
    public void BiasFollowsADriftingOffset()
    {
        var band = new Band();
        var imu = new SyntheticImu(band, Upright) { GyroBiasCounts = (100, 0, 0) };
        imu.Run(5, SyntheticImu.Still);
        imu.GyroBiasCounts = (60, 0, 0);
        imu.Run(30, SyntheticImu.Still);
        Assert.InRange(band.GyroBias.BiasXQ4, (60 * 16) - 32, (60 * 16) + 32);
    }

    [Fact]
    public void WalkingGivesNoBiasEstimate()
    {
        var band = new Band();
        var imu = new SyntheticImu(band, Upright) { GyroBiasCounts = (150, 0, 0) };
        imu.Run(20, SyntheticImu.Walking(108));
        Assert.False(band.GyroBias.IsKnown);
        Assert.Equal(0, band.Stillness.StillSamples);
    }

    [Fact]
    public void AnUncalibratedBiasAboveTheStillLimitIsNotTakenForStillness()
    {
        // 40 °/s is beyond the MPU6886's zero-rate tolerance: a rotation, not a bias.
        var band = new Band();
        var imu = new SyntheticImu(band, Upright) { GyroBiasCounts = (1311, 0, 0) };
        imu.Run(5, SyntheticImu.Still);
        Assert.False(band.GyroBias.IsKnown);
    }
}
