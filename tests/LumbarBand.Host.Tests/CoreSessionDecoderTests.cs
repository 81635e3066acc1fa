using LumbarBand.Core.Cueing;
using LumbarBand.Core.Session;
using LumbarBand.Host.Sessions;
using LumbarBand.Host.VirtualBand;
using HostSessionHeader = LumbarBand.Host.Sessions.SessionHeader;

namespace LumbarBand.Host.Tests;

/// <summary>The host's decoder over Core's session format, on sessions the real band recorded.</summary>
public sealed class CoreSessionDecoderTests
{
    private readonly CoreSessionDecoder _decoder = new();

    [Fact]
    public void TheDecoderComesFirstAndRecognizesTheBandsSessions()
    {
        byte[] bytes = SyntheticSessions.Sessions[0].Bytes;

        Assert.IsType<CoreSessionDecoder>(SessionDecoders.Default.All[0]);
        Assert.Same(SessionDecoders.Default.All[0], SessionDecoders.Default.Find(bytes));
        Assert.Equal("lumbarband-session-v1", _decoder.Name);
    }

    [Fact]
    public void EveryFieldComesFromCoresDecodingInSecondsAndDegrees()
    {
        byte[] bytes = SyntheticSessions.Sessions[0].Bytes;
        var content = new SessionContent();
        Assert.Equal(SessionDecodeResult.Ok, SessionDecoder.Decode(bytes, 0, bytes.Length, content));

        DecodedSession session = _decoder.Decode(bytes);

        HostSessionHeader header = session.Header;
        Assert.Equal(content.Header.SessionId, header.SessionId);
        Assert.Equal(SyntheticSessions.WalkStart(0).ToUnixTimeSeconds(), header.StartUtc!.Value.ToUnixTimeSeconds(), 15.0);
        Assert.Equal($"{SimulatedBandHost.FirmwareMajor}.{SimulatedBandHost.FirmwareMinor}.{SimulatedBandHost.FirmwarePatch}", header.FirmwareVersion);
        Assert.Equal(60, header.EpochSeconds);
        Assert.Equal(content.EpochCount, session.Epochs.Count);
        for (int i = 0; i < content.EpochCount; i++)
        {
            EpochSummary stored = content.Epoch(i);
            SessionEpoch epoch = session.Epochs[i];
            Assert.Equal(stored.Index * 60.0, epoch.StartSeconds);
            Assert.Equal(stored.Steps, epoch.Steps);
            Assert.Equal(stored.WalkingUnits * 60.0 / SessionUnits.TimeUnitsPerEpoch, epoch.WalkingSeconds, 3);
            Assert.Equal(stored.CadenceStepsPerMinute, epoch.CadenceSpm);
            Assert.Equal(stored.FlexionMeanDegrees, epoch.FlexionMeanDegrees);
            Assert.Equal(stored.LateralMaxDegrees, epoch.LateralBendMaxDegrees);
            // The three sway axes stay apart (stored in quarter degrees).
            Assert.Equal(stored.MediolateralMeanUnits / 4.0, epoch.SwayMediolateralMeanDegrees);
            Assert.Equal(stored.AnteroposteriorMaxUnits / 4.0, epoch.SwayAnteroposteriorMaxDegrees);
            Assert.Equal(stored.RotationMeanUnits / 4.0, epoch.SwayRotationMeanDegrees);
            Assert.Equal((stored.FlexionCues, stored.LateralCues, stored.SwayCues, stored.PainMarkers), (epoch.FlexionCues, epoch.LateralCues, epoch.SwayCues, epoch.PainMarkers));
        }

        SessionFooter footer = content.Footer;
        Assert.True(content.HasFooter);
        Assert.Equal(footer.Steps, (uint)session.Totals.Steps);
        Assert.Equal(footer.WalkingMs / 60_000.0, session.Totals.WalkingMinutes, 6);
        Assert.Equal(footer.WalkingMsBeforePain / 60_000.0, session.Totals.WalkingMinutesBeforePain!.Value, 6);
        Assert.Equal(footer.FirstCueOffsetMs / 1000.0, session.Totals.FirstCueSeconds!.Value, 6);
        Assert.Equal(footer.Cues, session.Totals.Cues);
        Assert.Equal(session.Epochs.Sum(e => e.Steps), session.Totals.Steps);
        Assert.InRange(session.Totals.MeanCadenceSpm!.Value, 95, 115);
    }

    [Fact]
    public void PainMarkersAreEventsAndCountedCuesBecomeEventsOfTheirRule()
    {
        DecodedSession session = _decoder.Decode(SyntheticSessions.Sessions[0].Bytes);

        SessionEvent pain = Assert.Single(session.Events, e => e.Kind == SessionEventKind.PainMarker);
        Assert.Equal(session.Totals.FirstPainSeconds, pain.OffsetSeconds);
        Assert.Equal(session.Totals.WalkingMinutesBeforePain!.Value * 60_000, pain.Value, 0);

        List<SessionEvent> cues = session.Events.Where(e => e.Kind == SessionEventKind.Cue).ToList();
        Assert.Equal(session.Totals.Cues, cues.Count);
        Assert.True(cues.Count > 0, "the simulated walk's 20 s of 30° flexion is cued");
        Assert.Equal(session.Totals.FirstCueSeconds, cues.Min(c => c.OffsetSeconds));
        Assert.Equal(session.Epochs.Sum(e => e.FlexionCues), cues.Count(c => c.Rule == CueRule.Flexion));
        Assert.True(session.Events.Zip(session.Events.Skip(1)).All(p => p.First.OffsetSeconds <= p.Second.OffsetSeconds));
    }

    [Fact]
    public void DamagedOrForeignBytesAreRefusedWithAReason()
    {
        byte[] bytes = SyntheticSessions.Sessions[0].Bytes;
        byte[] flipped = [.. bytes];
        flipped[bytes.Length / 2] ^= 0x40;

        Assert.False(_decoder.CanDecode("123456789"u8));
        Assert.False(_decoder.CanDecode([]));
        Assert.Null(SessionDecoders.Default.Find("123456789"u8));
        SessionFormatException truncated = Assert.Throws<SessionFormatException>(() => _decoder.Decode(bytes.AsSpan(0, bytes.Length - 1)));
        Assert.Contains("BadRecord", truncated.Message, StringComparison.Ordinal);
        Assert.Throws<SessionFormatException>(() => _decoder.Decode(flipped));
        Assert.False(_decoder.CanDecode(bytes.AsSpan(bytes.Length - 20)));
    }
}
