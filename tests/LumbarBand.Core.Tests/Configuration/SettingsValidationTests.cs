using LumbarBand.Core.Configuration;

namespace LumbarBand.Core.Tests.Configuration;

/// <summary>Out-of-range and contradictory settings are rejected with the reason, never clamped.</summary>
public sealed class SettingsValidationTests
{
    public static TheoryData<int> Ids() => SettingCatalogTests.Ids();

    [Theory]
    [MemberData(nameof(Ids))]
    public void SetRejectsJustOutsideTheRangeAndChangesNothing(int id)
    {
        SettingDefinition d = SettingCatalog.Get((SettingId)id);
        var settings = new BandSettings();

        foreach (int bad in new[] { d.Min - 1, d.Max + 1 })
        {
            SettingsError e = settings.Set(d.Id, bad);

            Assert.Equal(SettingsErrorCode.OutOfRange, e.Code);
            Assert.Equal(d.Id, e.Setting);
            Assert.Equal(bad, e.Value);
            Assert.Equal((d.Min, d.Max), (e.Min, e.Max));
            Assert.Equal(d.Default, settings.Get(d.Id));
        }

        Assert.True(settings.Set(d.Id, d.Min).IsOk);
        Assert.Equal(d.Min, settings.Get(d.Id));
        Assert.True(settings.Set(d.Id, d.Max).IsOk);
        Assert.Equal(d.Max, settings.Get(d.Id));
    }

    [Fact]
    public void TheMessageNamesTheSettingItsValueAndItsRange()
    {
        var settings = new BandSettings();

        string message = settings.Set(SettingId.FlexionDwellMs, 200).ToString();

        Assert.Equal("flexion_dwell_ms (6) = 200 ms is out of range 1000..120000 ms", message);
        Assert.Equal("ok", SettingsError.Ok.ToString());
        Assert.Equal(
            "flexion_threshold_cdeg (4) = -5 cdeg is out of range 500..6000 cdeg",
            settings.Set(SettingId.FlexionThresholdCentidegrees, -5).ToString());
    }

    [Fact]
    public void HysteresisMustBeBelowItsThreshold()
    {
        var settings = new BandSettings();
        Assert.True(settings.Set(SettingId.LateralThresholdCentidegrees, 500).IsOk);
        Assert.True(settings.Set(SettingId.LateralHysteresisCentidegrees, 500).IsOk);

        SettingsError e = SettingsValidator.Validate(settings);

        Assert.Equal(SettingsErrorCode.Inconsistent, e.Code);
        Assert.Equal(SettingId.LateralHysteresisCentidegrees, e.Setting);
        Assert.Equal(SettingId.LateralThresholdCentidegrees, e.Other);
        Assert.Equal((500, 0, 499), (e.Value, e.Min, e.Max));
        Assert.Contains("lateral_hysteresis_cdeg (9) = 500 cdeg contradicts lateral_threshold_cdeg (8)", e.ToString(), StringComparison.Ordinal);
        Assert.Contains("0..499 cdeg", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void StridesOverTheLimitCannotExceedTheWindow()
    {
        var settings = new BandSettings();
        Assert.True(settings.Set(SettingId.SwayStridesOverLimit, 8).IsOk);
        Assert.True(settings.Set(SettingId.SwayStrideWindow, 7).IsOk);

        SettingsError e = SettingsValidator.Validate(settings);

        Assert.Equal((SettingsErrorCode.Inconsistent, SettingId.SwayStridesOverLimit, SettingId.SwayStrideWindow), (e.Code, e.Setting, e.Other));
        Assert.Equal((8, 1, 7), (e.Value, e.Min, e.Max));
    }

    [Fact]
    public void EscalationCannotTopOutBelowTheStartLevel()
    {
        var settings = new BandSettings();
        Assert.True(settings.Set(SettingId.CueStartLevel, 3).IsOk);
        Assert.True(settings.Set(SettingId.EscalationMaxLevel, 2).IsOk);

        SettingsError e = SettingsValidator.Validate(settings);

        Assert.Equal((SettingsErrorCode.Inconsistent, SettingId.EscalationMaxLevel, SettingId.CueStartLevel), (e.Code, e.Setting, e.Other));
        Assert.Equal((2, 3, 3), (e.Value, e.Min, e.Max));
    }
}
