using LumbarBand.Core.Configuration;

namespace LumbarBand.Core.Tests.Configuration;

/// <summary>The binary encoding: round trips, partial messages, forward compatibility and every rejection.</summary>
public sealed class SettingsCodecTests
{
    private static BandSettings Decoded(byte[] bytes, out SettingsError error, out int unknown, BandSettings? start = null)
    {
        var target = start ?? new BandSettings();
        error = SettingsCodec.Decode(bytes, 0, bytes.Length, target, out unknown);
        return target;
    }

    private static byte[] Message(params (int Id, int Value)[] pairs)
    {
        var buffer = new byte[1 + (pairs.Length * 10)];
        int at = SettingsCodec.WriteHeader(buffer, 0);
        foreach ((int id, int value) in pairs)
        {
            at = SettingsCodec.WriteSetting(buffer, at, id, value);
        }

        return buffer[..at];
    }

    [Fact]
    public void DefaultsRoundTripCompactly()
    {
        var original = new BandSettings();

        byte[] bytes = SettingsCodec.Encode(original);
        BandSettings back = Decoded(bytes, out SettingsError error, out int unknown, new BandSettings());

        Assert.True(error.IsOk, error.ToString());
        Assert.Equal(0, unknown);
        Assert.True(back.SameAs(original));
        Assert.Equal(SettingsCodec.FormatVersion, bytes[0]);
        Assert.Equal(99, bytes.Length);
        Assert.True(bytes.Length <= SettingsCodec.MaxEncodedLength);
    }

    [Fact]
    public void EveryValueAtEitherEndOfItsRangeRoundTrips()
    {
        foreach (bool useMax in new[] { false, true })
        {
            var original = new BandSettings();
            for (int id = 1; id <= SettingCatalog.Count; id++)
            {
                SettingDefinition d = SettingCatalog.Get((SettingId)id);
                Assert.True(original.Set(d.Id, useMax ? d.Max : d.Min).IsOk);
            }

            // Keep the extremes consistent: hysteresis below threshold, M ≤ N, max level ≥ start level.
            Assert.True(original.Set(SettingId.FlexionHysteresisCentidegrees, useMax ? 2000 : 0).IsOk);
            Assert.True(original.Set(SettingId.LateralHysteresisCentidegrees, useMax ? 1500 : 0).IsOk);
            Assert.True(SettingsValidator.Validate(original).IsOk, SettingsValidator.Validate(original).ToString());

            var buffer = new byte[SettingsCodec.MaxEncodedLength + 3];
            int written = SettingsCodec.Encode(original, buffer, 3);
            var back = new BandSettings();
            SettingsError error = SettingsCodec.Decode(buffer, 3, written, back, out _);

            Assert.True(error.IsOk, error.ToString());
            Assert.True(back.SameAs(original));
            Assert.Equal(SettingsCodec.EncodedLength(original), written);
        }
    }

    [Fact]
    public void APartialMessageChangesOnlyTheSettingsItNames()
    {
        byte[] bytes = Message(((int)SettingId.CueMode, 0), ((int)SettingId.FlexionDwellMs, 8000));

        BandSettings s = Decoded(bytes, out SettingsError error, out _);

        Assert.True(error.IsOk, error.ToString());
        Assert.Equal(Core.Cueing.CueMode.Tracking, s.CueMode);
        Assert.Equal(8000, s.FlexionDwellMs);
        Assert.Equal(2000, s.FlexionThresholdCentidegrees);
        Assert.Equal(6, bytes.Length); // version, id, 0, id, two bytes of 8000
    }

    [Fact]
    public void UnknownIdsFromNewerFirmwareAreSkippedAndCounted()
    {
        byte[] bytes = Message((200, -123456), ((int)SettingId.EpochSeconds, 30), (31_000, 7));

        BandSettings s = Decoded(bytes, out SettingsError error, out int unknown);

        Assert.True(error.IsOk, error.ToString());
        Assert.Equal(2, unknown);
        Assert.Equal(30, s.EpochSeconds);
    }

    [Fact]
    public void AnOutOfRangeValueRejectsTheWholeMessageWithTheReason()
    {
        var before = new BandSettings();
        byte[] bytes = Message(((int)SettingId.CueMode, 0), ((int)SettingId.FlexionThresholdCentidegrees, -300));

        BandSettings s = Decoded(bytes, out SettingsError error, out _, new BandSettings(before));

        Assert.Equal(SettingsErrorCode.OutOfRange, error.Code);
        Assert.Equal(SettingId.FlexionThresholdCentidegrees, error.Setting);
        Assert.Equal((-300, 500, 6000), (error.Value, error.Min, error.Max)); // negative values survive the zigzag
        Assert.Equal(4, error.ByteOffset);
        Assert.True(s.SameAs(before)); // not even cue_mode changed
    }

    [Fact]
    public void AnInconsistentResultIsRejected()
    {
        var before = new BandSettings();
        byte[] bytes = Message(((int)SettingId.FlexionThresholdCentidegrees, 500)); // the hysteresis is 500 too

        BandSettings s = Decoded(bytes, out SettingsError error, out _, new BandSettings(before));

        Assert.Equal(SettingsErrorCode.Inconsistent, error.Code);
        Assert.Equal(SettingId.FlexionHysteresisCentidegrees, error.Setting);
        Assert.True(s.SameAs(before));
    }

    [Fact]
    public void RelatedSettingsChangeTogetherInOneMessage()
    {
        byte[] bytes = Message(((int)SettingId.FlexionThresholdCentidegrees, 600), ((int)SettingId.FlexionHysteresisCentidegrees, 100));

        BandSettings s = Decoded(bytes, out SettingsError error, out _);

        Assert.True(error.IsOk, error.ToString());
        Assert.Equal((600, 100), (s.FlexionThresholdCentidegrees, s.FlexionHysteresisCentidegrees));
    }

    [Theory]
    [InlineData(new byte[] { }, SettingsErrorCode.Truncated, 0)]
    [InlineData(new byte[] { 2, 1, 0 }, SettingsErrorCode.UnsupportedVersion, 0)]
    [InlineData(new byte[] { 0, 1, 0 }, SettingsErrorCode.UnsupportedVersion, 0)]
    [InlineData(new byte[] { 1, 4 }, SettingsErrorCode.Truncated, 2)]
    [InlineData(new byte[] { 1, 4, 0xA0 }, SettingsErrorCode.Truncated, 2)]
    [InlineData(new byte[] { 1, 0x84 }, SettingsErrorCode.Truncated, 1)]
    [InlineData(new byte[] { 1, 0, 0 }, SettingsErrorCode.Malformed, 1)]
    [InlineData(new byte[] { 1, 4, 0x80, 0x80, 0x80, 0x80, 0x10 }, SettingsErrorCode.Malformed, 2)]
    [InlineData(new byte[] { 1, 4, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00 }, SettingsErrorCode.Malformed, 2)]
    [InlineData(new byte[] { 1, 1, 0, 1, 2 }, SettingsErrorCode.DuplicateSetting, 3)]
    public void MalformedEncodingsAreRejectedWithWhereAndWhy(byte[] bytes, SettingsErrorCode code, int byteOffset)
    {
        var before = new BandSettings();

        BandSettings s = Decoded(bytes, out SettingsError error, out _, new BandSettings(before));

        Assert.Equal(code, error.Code);
        Assert.Equal(byteOffset, error.ByteOffset);
        Assert.True(s.SameAs(before));
        Assert.False(string.IsNullOrEmpty(error.ToString()));
    }

    [Fact]
    public void AFutureVersionIsReportedWithTheVersionThisBandReads()
    {
        Decoded([9, 1, 0], out SettingsError error, out _);

        Assert.Equal((9, 1, 1), (error.Value, error.Min, error.Max));
        Assert.Equal("settings encoding version 9 is not supported (this band reads version 1)", error.ToString());
    }

    [Fact]
    public void TheDuplicateErrorNamesTheSetting()
    {
        Decoded([1, 1, 0, 1, 2], out SettingsError error, out _);

        Assert.Equal(SettingId.CueMode, error.Setting);
        Assert.Equal("cue_mode (1) appears twice, again at byte 3", error.ToString());
    }

    [Fact]
    public void EverySettingAtItsLongestFitsTheFixedCapacityWithRoomForMore()
    {
        // One-byte ids (below 128) and the longest value each setting's range allows: the worst this firmware encodes.
        int worst = 1;
        for (int id = 1; id <= SettingCatalog.Count; id++)
        {
            SettingDefinition d = SettingCatalog.Get((SettingId)id);
            int atMin = SettingsCodec.WriteSetting(new byte[16], 0, id, d.Min);
            int atMax = SettingsCodec.WriteSetting(new byte[16], 0, id, d.Max);
            worst += Math.Max(atMin, atMax);
        }

        
        Assert.True(SettingCatalog.Count < 128);
        Assert.True(worst + (10 * 6) <= SettingsCodec.MaxEncodedLength, $"{worst} bytes leave no room for ten more settings");
    }

    [Fact]
    public void EncodingIntoATooSmallBufferThrows()
    {
        Assert.Throws<ArgumentException>(() => SettingsCodec.Encode(new BandSettings(), new byte[40], 0));
    }
}
