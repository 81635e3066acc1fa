using LumbarBand.Core.Configuration;

namespace LumbarBand.Core.Tests.Configuration;

/// <summary>The settings table: one row per id, sensible rows, valid defaults.</summary>
public sealed class SettingCatalogTests
{
    public static TheoryData<int> Ids()
    {
        var ids = new TheoryData<int>();
        for (int id = 1; id <= SettingCatalog.Count; id++)
        {
            ids.Add(id);
        }

        return ids;
    }

    [Fact]
    public void EveryEnumMemberHasARowAndIdsAreDense()
    {
        SettingId[] members = Enum.GetValues<SettingId>().Where(id => id != SettingId.None).ToArray();

        Assert.Equal(SettingCatalog.Count, members.Length);
        Assert.Equal(Enumerable.Range(1, SettingCatalog.Count), members.Select(m => (int)m).Order());
        Assert.False(SettingCatalog.TryGet(0, out _));
        Assert.False(SettingCatalog.TryGet(SettingCatalog.Count + 1, out _));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void EachRowIsWellFormed(int id)
    {
        Assert.True(SettingCatalog.TryGet(id, out SettingDefinition d));
        Assert.Equal(id, (int)d.Id);
        Assert.Matches("^[a-z0-9_]+$", d.Name);
        Assert.True(d.Min <= d.Max, $"{d.Name}: empty range");
        Assert.True(d.Allows(d.Default), $"{d.Name}: default {d.Default} outside {d.Min}..{d.Max}");
        string suffix = d.Unit switch
        {
            SettingUnit.Centidegrees => "_cdeg",
            SettingUnit.Milliseconds => "_ms",
            SettingUnit.Seconds => "_s",
            SettingUnit.Percent => "_pct",
            SettingUnit.Centimetres => "_cm",
            _ => string.Empty,
        };
        Assert.EndsWith(suffix, d.Name, StringComparison.Ordinal);
        Assert.True(SettingCatalog.TryFind(d.Name, out SettingDefinition byName));
        Assert.Equal(d.Id, byName.Id);
    }

    [Fact]
    public void NamesAreUnique()
    {
        var names = Enumerable.Range(1, SettingCatalog.Count).Select(id => SettingCatalog.Get((SettingId)id).Name).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public void DefaultsAreValidAndWhatTheDesignSays()
    {
        var settings = new BandSettings();

        Assert.True(SettingsValidator.Validate(settings).IsOk);
        Assert.Equal(Core.Cueing.CueMode.Training, settings.CueMode);
        Assert.Equal(2000, settings.FlexionThresholdCentidegrees);
        Assert.Equal(1000, settings.LateralThresholdCentidegrees);
        Assert.Equal(5000, settings.FlexionDwellMs);
        Assert.Equal(Core.Cueing.SwayLimitMode.Relative, settings.SwayLimitMode);
        Assert.Equal((6, 10), (settings.SwayStridesOverLimit, settings.SwayStrideWindow));
        Assert.Equal(6, settings.MaxCuesPerTenMinutes);
        Assert.Equal(300, settings.SessionEndIdleSeconds);
        Assert.Equal(60, settings.EpochSeconds);
        Assert.Equal(5000, settings.PostureSettleMs);
    }

    [Fact]
    public void UnknownIdsAreRejectedNotIgnored()
    {
        var settings = new BandSettings();

        SettingsError e = settings.Set((SettingId)200, 1);

        Assert.Equal(SettingsErrorCode.UnknownSetting, e.Code);
        Assert.Throws<ArgumentException>(() => settings.Get((SettingId)200));
        Assert.Throws<ArgumentException>(() => SettingCatalog.Get(SettingId.None));
    }

    [Fact]
    public void WearerHeightDefaultsTo170CmAndAValueInMetresOrInchesIsRejectedWithItsRange()
    {
        var settings = new BandSettings();
        Assert.Equal(170, settings.WearerHeightCm);
        Assert.True(SettingCatalog.TryFind("wearer_height_cm", out SettingDefinition d));
        Assert.Equal(SettingId.WearerHeightCm, d.Id);

        SettingsError metres = settings.Set(SettingId.WearerHeightCm, 2);
        SettingsError inches = settings.Set(SettingId.WearerHeightCm, 680);

        Assert.Equal(SettingsErrorCode.OutOfRange, metres.Code);
        Assert.Equal(SettingsErrorCode.OutOfRange, inches.Code);
        Assert.Contains("wearer_height_cm", metres.ToString(), StringComparison.Ordinal);
        Assert.Contains("100", metres.ToString(), StringComparison.Ordinal);
        Assert.Contains("230", inches.ToString(), StringComparison.Ordinal);
        Assert.Equal(170, settings.WearerHeightCm);
        Assert.True(settings.Set(SettingId.WearerHeightCm, 159).IsOk);
        Assert.Equal(159, settings.WearerHeightCm);
    }
}
