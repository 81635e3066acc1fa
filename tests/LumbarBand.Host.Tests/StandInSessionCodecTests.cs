using LumbarBand.Host.Sessions;

namespace LumbarBand.Host.Tests;

public sealed class StandInSessionCodecTests
{
    [Fact]
    public void EncodeThenDecodeKeepsEveryFieldAtItsResolution()
    {
        DecodedSession session = SyntheticSessions.Make(7, new DateTimeOffset(2026, 2, 3, 4, 5, 6, TimeSpan.Zero), minutes: 6, cadence: 104.37, painAtSeconds: 200.25);

        byte[] bytes = StandInSessionCodec.Encode(session);
        var codec = new StandInSessionCodec();
        DecodedSession back = codec.Decode(bytes);

        Assert.True(codec.CanDecode(bytes));
        Assert.Equal(session.Header, back.Header);
        Assert.Equal(session.Events.Select(e => (e.Kind, e.Rule, e.Value, Math.Round(e.OffsetSeconds, 1))), back.Events.Select(e => (e.Kind, e.Rule, e.Value, e.OffsetSeconds)));
        Assert.Equal(session.Epochs.Count, back.Epochs.Count);
        for (int i = 0; i < session.Epochs.Count; i++)
        {
            SessionEpoch a = session.Epochs[i];
            SessionEpoch b = back.Epochs[i];
            Assert.Equal((a.Steps, a.FlexionCues, a.SwayCues, a.PainMarkers, a.BatteryPercent), (b.Steps, b.FlexionCues, b.SwayCues, b.PainMarkers, b.BatteryPercent));
            Assert.Equal(a.CadenceSpm!.Value, b.CadenceSpm!.Value, 2);
            Assert.Equal(a.FlexionMaxDegrees!.Value, b.FlexionMaxDegrees!.Value, 2);
            Assert.Equal(a.LateralBendMeanDegrees!.Value, b.LateralBendMeanDegrees!.Value, 2);
            Assert.Equal(a.SwayMeanDegrees!.Value, b.SwayMeanDegrees!.Value, 2);
        }

        Assert.Equal(1, back.Totals.PainMarkers);
        Assert.Equal(2, back.Totals.Cues);
    }

    [Fact]
    public void UnknownValuesStayUnknown()
    {
        var epoch = new SessionEpoch { Index = 0, StartSeconds = 0, DurationSeconds = 60 };
        var session = new DecodedSession
        {
            Header = new SessionHeader { SessionId = 1, EpochSeconds = 60 },
            Epochs = [epoch],
            Events = [],
            Totals = SessionTotals.Compute([epoch], []),
        };

        SessionEpoch back = new StandInSessionCodec().Decode(StandInSessionCodec.Encode(session)).Epochs[0];

        Assert.Null(back.CadenceSpm);
        Assert.Null(back.FlexionMeanDegrees);
        Assert.Null(back.SwayMaxDegrees);
        Assert.Null(back.BatteryPercent);
        Assert.Null(new StandInSessionCodec().Decode(StandInSessionCodec.Encode(session)).Header.StartUtc);
    }

    [Fact]
    public void MalformedBytesAreRefusedWithAReason()
    {
        byte[] bytes = StandInSessionCodec.Encode(SyntheticSessions.Make(1, null, 2, 100, null));
        var codec = new StandInSessionCodec();

        Assert.False(codec.CanDecode("123456789"u8));
        Assert.Throws<SessionFormatException>(() => codec.Decode(bytes.AsSpan(0, bytes.Length - 1)));
        Assert.Null(SessionDecoders.Default.Find("123456789"u8));
    }

    [Fact]
    public void WalkingMinutesBeforePainCountTheEpochsBeforeThePressAndTheShareOfItsOwn()
    {
        DecodedSession session = SyntheticSessions.Make(1, null, minutes: 5, cadence: 100, painAtSeconds: 150);

        // Two whole epochs of 48 s walking, then half of the third: 2.5 × 48 s = 2 min.
        Assert.Equal(2.0, session.Totals.WalkingMinutesBeforePain!.Value, 6);
        Assert.Equal(150, session.Totals.FirstPainSeconds);
        Assert.Equal(150, session.Totals.FirstCueSeconds);
    }
}
