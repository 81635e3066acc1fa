using LumbarBand.Analysis.Simulation;
using LumbarBand.Core.Session;
using LumbarBand.Core.Tests.Cueing;

namespace LumbarBand.Core.Tests.Session;

/// <summary>
/// Two simulated walks with a rest between, through <see cref="Band"/> and the session layer: the session starts with
/// the band's first walking bout, each epoch holds exactly the band's own steps and bout time, a pain-marker press
/// gives the walking before it, the session ends the idle time after the last step, and the second walk is a second
/// session.
/// </summary>
public sealed class SimulatedWalkSessionTests
{
    private const long S = 1_000_000;
    private const double FirstWalkStartS = 10;
    private const double FirstWalkS = 150;
    private const double PainAfterS = 100;
    private const double RestS = 330;
    private const double SecondWalkS = 60;

    private static readonly Lazy<BandSessionRig> TwoWalks = new(() =>
    {
        SimulatedWalk walk = SharedWalks.Simulate(
            new WalkScript().Stand(FirstWalkStartS).Walk(FirstWalkS, BuiltInWalks.NormalCadenceSpm).Stand(RestS)
                .Walk(SecondWalkS, BuiltInWalks.NormalCadenceSpm).Stand(320),
            seed: 11);
        var rig = new BandSessionRig();
        rig.Run(walk, FirstWalkStartS + PainAfterS);
        return rig;
    });

    [Fact]
    public void EachWalkIsOneSessionStartingWithTheBandsFirstBout()
    {
        BandSessionRig rig = TwoWalks.Value;
        List<(long Start, long End)> bouts = rig.Bouts();
        Assert.Equal(2u, rig.Log.LastSessionId);
        Assert.False(rig.Log.IsSessionOpen);

        SessionContent first = SessionTestLog.Decode(SessionTestLog.StoredBytes(rig.Log, 1));
        SessionContent second = SessionTestLog.Decode(SessionTestLog.StoredBytes(rig.Log, 2));
        long firstStart = bouts[0].Start;
        long secondStart = bouts.First(b => b.Start > (FirstWalkStartS + FirstWalkS + 10) * S).Start;
        Assert.InRange(firstStart, (long)(FirstWalkStartS * S), (long)((FirstWalkStartS + 3) * S));
        Assert.Equal((uint)(firstStart / S), first.Header.StartUptimeSeconds);
        Assert.Equal((uint)(secondStart / S), second.Header.StartUptimeSeconds);
        Assert.Equal(SessionStartReason.Walking, first.Header.StartReason);
        Assert.Equal(FakePortHost.Minor, first.Header.FirmwareMinor);
        Assert.Equal(FakePortHost.Serial, first.Header.SerialNumber); // every session names its band (issue 16)
        Assert.Equal(FakePortHost.Serial, second.Header.SerialNumber);
        Assert.Equal(SessionCalibration.FlagNeutralCaptured, first.Header.Calibration.Flags & SessionCalibration.FlagNeutralCaptured);
    }

    [Fact]
    public void EpochsHoldTheBandsOwnStepsAndWalkingTime()
    {
        BandSessionRig rig = TwoWalks.Value;
        List<long> steps = rig.TimesOf(BandEventKind.Step);
        List<(long Start, long End)> bouts = rig.Bouts();
        foreach (uint id in new uint[] { 1, 2 })
        {
            SessionContent session = SessionTestLog.Decode(SessionTestLog.StoredBytes(rig.Log, id));
            long start = (long)session.Header.StartUptimeSeconds * S;
            long sessionStart = bouts.Select(b => b.Start).Where(b => b / S == session.Header.StartUptimeSeconds).First();
            long epochUs = session.Header.EpochSeconds * S;
            long end = sessionStart + (session.Footer.DurationMs * 1000L);
            int sessionSteps = 0;
            for (int i = 0; i < session.EpochCount; i++)
            {
                EpochSummary epoch = session.Epoch(i);
                long from = sessionStart + (epoch.Index * epochUs);
                long to = from + epochUs;
                int bandSteps = steps.Count(t => t >= from && t < to);
                Assert.Equal(bandSteps, epoch.Steps);
                sessionSteps += epoch.Steps;

                long walking = bouts.Sum(b => Math.Max(0, Math.Min(b.End, to) - Math.Max(b.Start, from)));
                Assert.InRange(epoch.WalkingUnits, SessionUnits.TimeUnits(walking, epochUs) - 1, SessionUnits.TimeUnits(walking, epochUs) + 1);
                if (epoch.Steps >= 3)
                {
                    Assert.InRange(epoch.CadenceStepsPerMinute, 95, 115);
                }
            }

            Assert.Equal(steps.Count(t => t >= sessionStart && t < end), sessionSteps);
            Assert.Equal((uint)sessionSteps, session.Footer.Steps);
            Assert.True(start <= sessionStart);
        }
    }

    [Fact]
    public void ThePainMarkerGivesTheWalkingMinutesBeforePain()
    {
        BandSessionRig rig = TwoWalks.Value;
        SessionContent first = SessionTestLog.Decode(SessionTestLog.StoredBytes(rig.Log, 1));
        long press = rig.TimesOf(BandEventKind.PainMarker).Single();
        long start = rig.Bouts()[0].Start;
        long walkingBefore = rig.Bouts().Sum(b => Math.Max(0, Math.Min(b.End, press) - Math.Max(b.Start, start)));

        Assert.Equal(1, first.Footer.PainMarkers);
        Assert.Equal((uint)((press - start) / 1000), first.Footer.FirstPainOffsetMs);
        Assert.InRange(first.Footer.WalkingMsBeforePain, (uint)(walkingBefore / 1000) - 2, (uint)(walkingBefore / 1000) + 2);

        // About 98 s of the 100 s of walking before the press were a confirmed bout (the first steps confirm it).
        Assert.InRange(first.Footer.WalkingMsBeforePain / 1000.0 / 60.0, 1.55, 1.67);
        SessionEventRecord pain = Enumerable.Range(0, first.EventCount).Select(first.Event).Single(e => e.Kind == BandEventKind.PainMarker);
        Assert.Equal(first.Footer.FirstPainOffsetMs, pain.OffsetMs);
        Assert.Equal(0, SessionTestLog.Decode(SessionTestLog.StoredBytes(rig.Log, 2)).Footer.PainMarkers);
    }

    [Fact]
    public void ASessionEndsTheIdleTimeAfterItsLastStep()
    {
        BandSessionRig rig = TwoWalks.Value;
        List<(long Start, long End)> bouts = rig.Bouts();
        foreach (uint id in new uint[] { 1, 2 })
        {
            SessionContent session = SessionTestLog.Decode(SessionTestLog.StoredBytes(rig.Log, id));
            long start = bouts.Select(b => b.Start).First(b => b / S == session.Header.StartUptimeSeconds);
            long lastBoutEnd = bouts.Where(b => b.Start >= start && b.Start < start + (FirstWalkS * 2 * S)).Max(b => b.End);
            Assert.Equal(SessionEndReason.Idle, session.Footer.EndReason);
            Assert.Equal((uint)((lastBoutEnd + (rig.Settings.SessionEndIdleSeconds * S) - start) / 1000), session.Footer.DurationMs);
            Assert.True(session.Footer.WalkingMs > 0);
        }
    }

    [Fact]
    public void PostureAndSwayAreSummarizedWhileWalking()
    {
        SessionContent first = SessionTestLog.Decode(SessionTestLog.StoredBytes(TwoWalks.Value.Log, 1));
        EpochSummary epoch = first.Epoch(1);
        Assert.NotEqual(SessionUnits.UnknownAngle, epoch.FlexionMeanDegrees);
        Assert.InRange(epoch.FlexionMaxDegrees, epoch.FlexionMeanDegrees, 90);
        Assert.InRange(epoch.MediolateralMeanUnits, 4, 40);
        Assert.InRange(epoch.RotationMeanUnits, 16, 80);
        Assert.True(epoch.RotationMaxUnits >= epoch.RotationMeanUnits);
    }
}
