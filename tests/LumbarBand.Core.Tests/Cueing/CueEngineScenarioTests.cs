using LumbarBand.Core.Configuration;
using LumbarBand.Core.Cueing;

namespace LumbarBand.Core.Tests.Cueing;

/// <summary>
/// The scenarios of issue 4 against the cue engine fed with synthetic stage outputs (posture with the per-step
/// oscillation of walking, strides with normal variability): default settings unless a test says otherwise.
/// </summary>
public sealed class CueEngineScenarioTests
{
    private const double DwellS = 5.0;
    private const double WarmUpS = 120; // two minutes of normal walking: baseline learned (65 strides)

    private static BandSettings With(params (SettingId Id, int Value)[] values)
    {
        var settings = new BandSettings();
        foreach ((SettingId id, int value) in values)
        {
            Assert.True(settings.Set(id, value).IsOk);
        }

        return settings;
    }

    private static double CueS(BandEvent e) => e.TimeUs / 1e6;

    [Fact]
    public void ThirtyMinutesOfNormalWalkingGiveNoCue()
    {
        var w = new SyntheticWalker().Stand(5).Walk(30 * 60).Stand(5);

        Assert.Empty(w.Cues);
        Assert.DoesNotContain(w.Log, e => e.Kind == BandEventKind.ExcessiveMotionStart);
        Assert.Empty(w.Motor.Calls);
        Assert.True(w.Engine.Sway.Baseline.IsReady);
    }

    [Theory]
    [InlineData(30.0, 0.0, CueRule.Flexion)]
    [InlineData(4.0, 15.0, CueRule.LateralLean)]
    [InlineData(4.0, -15.0, CueRule.LateralLean)]
    public void PostureHeldTwentySecondsGivesExactlyOneCueWithinDwellPlusHalfASecond(double flexionDeg, double lateralDeg, CueRule rule)
    {
        var w = new SyntheticWalker().Walk(WarmUpS);
        double onsetS = w.TimeS;
        w.Walk(20, flexionDeg, lateralDeg).Walk(60);

        BandEvent cue = Assert.Single(w.Cues);
        Assert.Equal(rule, CueEventValue.Rule(cue.Value));
        Assert.Equal(1, CueEventValue.Level(cue.Value));
        Assert.True(CueEventValue.Delivered(cue.Value));
        Assert.InRange(CueS(cue) - onsetS, DwellS, DwellS + 0.5);
        Assert.Equal(HapticPatterns.Gentle.PulseCount, w.Motor.Pulses().Count);
    }

    [Theory]
    [InlineData(30.0, 0.0)]
    [InlineData(4.0, 15.0)]
    public void PostureHeldShorterThanTheDwellGivesNoCue(double flexionDeg, double lateralDeg)
    {
        var w = new SyntheticWalker().Walk(WarmUpS).Walk(DwellS - 0.5, flexionDeg, lateralDeg).Walk(30)
            .Walk(DwellS - 0.5, flexionDeg, lateralDeg).Walk(30);

        Assert.Empty(w.Cues);
        Assert.Empty(w.Motor.Calls);
    }

    [Fact]
    public void DipsBetweenTheTwoThresholdsDoNotRestartTheDwell()
    {
        // 21.5° ± 2.5° beyond the 4° walking posture the engine learnt: every step dips below the 20° threshold but
        // stays above 15° (20 − 5).
        var w = new SyntheticWalker().Walk(WarmUpS);
        double onsetS = w.TimeS;
        w.Walk(12, flexionDeg: 25.5).Walk(30);

        BandEvent cue = Assert.Single(w.Cues);
        Assert.InRange(CueS(cue) - onsetS, DwellS, DwellS + 0.6);
    }

    [Fact]
    public void DippingBelowTheHysteresisLevelRestartsTheDwell()
    {
        // Four seconds flexed, a second upright (below 15°), four seconds flexed: never five seconds in a row.
        var w = new SyntheticWalker().Walk(WarmUpS);
        for (int i = 0; i < 5; i++)
        {
            w.Walk(4, flexionDeg: 30).Walk(1, flexionDeg: 4);
        }

        Assert.Empty(w.Cues);
    }

    [Fact]
    public void ATurnsRollNeitherStartsALeanNorCuesIt()
    {
        // Six seconds of turning reading 20° of lean (beyond the 5 s dwell): a turn, not a posture.
        var w = new SyntheticWalker().Walk(WarmUpS);
        for (int i = 0; i < 5; i++)
        {
            w.Turn(6, lateralDeg: 20).Walk(10);
        }

        Assert.Empty(w.Cues);
    }

    [Fact]
    public void ALeanHeldThroughATurnKeepsItsDwell()
    {
        // 15° held; two seconds into it a turn reads 0° for two seconds. The dwell runs on through the turn.
        var w = new SyntheticWalker().Walk(WarmUpS);
        double onsetS = w.TimeS;
        w.Walk(2, lateralDeg: 15).Turn(2, lateralDeg: 0).Walk(16, lateralDeg: 15).Walk(30);

        BandEvent cue = Assert.Single(w.Cues);
        Assert.InRange(CueS(cue) - onsetS, DwellS, DwellS + 0.5);
        Assert.Equal(CueRule.LateralLean, CueEventValue.Rule(cue.Value));

        // The same dip outside a turn is the wearer straightening up: the dwell restarts after it.
        var straight = new SyntheticWalker().Walk(WarmUpS);
        onsetS = straight.TimeS;
        straight.Walk(2, lateralDeg: 15).Walk(2, lateralDeg: 0).Walk(16, lateralDeg: 15).Walk(30);
        Assert.InRange(CueS(Assert.Single(straight.Cues)) - onsetS, 4 + DwellS, 4 + DwellS + 0.5);
    }

    [Fact]
    public void SwayAtTwiceTheBaselineCuesWithinTheStrideWindow()
    {
        var w = new SyntheticWalker().Walk(180);
        int stridesBefore = w.StrideTimesUs.Count;
        w.Walk(25, swayScale: 2);

        BandEvent cue = Assert.Single(w.Cues);
        Assert.Equal(CueRule.Sway, CueEventValue.Rule(cue.Value));
        int stridesToCue = w.StrideTimesUs.Count(t => t <= cue.TimeUs) - stridesBefore;
        Assert.InRange(stridesToCue, 6, 10); // M = 6 of N = 10
    }

    [Fact]
    public void SwayWithinTheHysteresisBandKeepsTheEpisodeAndClearsBelowIt()
    {
        var w = new SyntheticWalker().Walk(180).Walk(30, swayScale: 2);
        Assert.True(w.Engine.IsExcessive(CueRule.Sway));

        w.Walk(30, swayScale: 1.35); // under the 150% limit, over its 120% hysteresis level
        Assert.True(w.Engine.IsExcessive(CueRule.Sway));

        w.Walk(30, swayScale: 1);
        Assert.False(w.Engine.IsExcessive(CueRule.Sway));
        Assert.Single(w.Log, e => e.Kind == BandEventKind.ExcessiveMotionEnd);
    }

    [Fact]
    public void RelativeSwayIsNotJudgedBeforeTheBaselineIsLearned()
    {
        // A walk that sways twice as much from its start: that is this walk's baseline, not an excess.
        var w = new SyntheticWalker().Walk(180, swayScale: 2);

        Assert.Empty(w.Cues);
    }

    [Fact]
    public void AbsoluteSwayLimitsJudgeFromTheFirstStride()
    {
        // Rotation 9.5° × 2.5 ≈ 24° is over the 20° absolute limit from the first stride.
        var w = new SyntheticWalker(With((SettingId.SwayLimitMode, (int)SwayLimitMode.Absolute))).Walk(30, swayScale: 2.5);

        BandEvent cue = Assert.Single(w.Cues);
        Assert.Equal(CueRule.Sway, CueEventValue.Rule(cue.Value));
        Assert.Equal(6, w.StrideTimesUs.Count(t => t <= cue.TimeUs));
    }

    [Fact]
    public void ANewWalkAfterTheSessionIdleTimeLearnsANewBaseline()
    {
        var w = new SyntheticWalker().Walk(180);
        Assert.True(w.Engine.Sway.Baseline.IsReady);

        w.Stand(301).Walk(10, swayScale: 2);
        Assert.False(w.Engine.Sway.Baseline.IsReady);
        w.Walk(170, swayScale: 2);
        Assert.Empty(w.Cues);
    }

    [Fact]
    public void CooldownHoldsTheNextRulesCueBack()
    {
        var w = new SyntheticWalker().Walk(WarmUpS).Walk(8, flexionDeg: 30).Walk(3).Walk(40, lateralDeg: 15).Walk(10);

        BandEvent[] cues = w.Cues.ToArray();
        Assert.Equal(2, cues.Length);
        Assert.Equal(CueRule.Flexion, CueEventValue.Rule(cues[0].Value));
        Assert.Equal(CueRule.LateralLean, CueEventValue.Rule(cues[1].Value));
        Assert.InRange(CueS(cues[1]) - CueS(cues[0]), 30, 30.2); // the lean was sustained at +16 s, held back to +30 s
    }

    [Fact]
    public void CapAllowsAtMostSixCuesInAnyTenMinutes()
    {
        // An 8 s flexion every 40 s for 25 minutes: each would cue (40 s > 30 s cooldown), 37 episodes in all.
        var w = new SyntheticWalker().Walk(WarmUpS);
        for (int i = 0; i < 37; i++)
        {
            w.Walk(8, flexionDeg: 30).Walk(32);
        }

        double[] cueS = w.Cues.Select(CueS).ToArray();
        Assert.Equal(37, w.Log.Count(e => e.Kind == BandEventKind.ExcessiveMotionStart));
        foreach (double t in cueS)
        {
            Assert.True(cueS.Count(u => u > t - 600 && u <= t) <= 6, $"more than 6 cues in the 10 minutes before {t:0.0} s");
        }

        Assert.Equal(6, cueS.Count(t => t < cueS[0] + 600));
        Assert.InRange(cueS.Length, 13, 18);
    }

    [Fact]
    public void SnoozeSilencesCuesForItsDurationThenCuesResume()
    {
        var w = new SyntheticWalker().Walk(WarmUpS).PressButton();
        double pressS = w.TimeS;
        for (int i = 0; i < 15; i++)
        {
            w.Walk(10, flexionDeg: 30).Walk(30); // 10 minutes of episodes
        }

        Assert.Empty(w.Cues);
        Assert.Empty(w.Motor.Calls);
        Assert.Equal(15, w.Log.Count(e => e.Kind == BandEventKind.ExcessiveMotionStart)); // still recorded

        w.Walk(10, flexionDeg: 30);
        BandEvent cue = Assert.Single(w.Cues);
        Assert.True(CueS(cue) >= pressS + 600);
    }

    [Fact]
    public void PressingTheButtonWhilePlayingStopsTheMotorAtOnce()
    {
        var w = new SyntheticWalker().Walk(WarmUpS).Walk(DwellS + 0.1, flexionDeg: 30); // inside the first pulse
        Assert.True(w.Engine.Player.IsPlaying);

        w.PressButton();

        Assert.False(w.Engine.Player.IsPlaying);
        Assert.Equal(0, w.Motor.Calls[^1].Duty);
        Assert.Equal(w.TimeUs, w.Motor.Calls[^1].TimeUs);
    }

    [Fact]
    public void TrackingModeRecordsCuesButNeverDrivesTheMotor()
    {
        var w = new SyntheticWalker(With((SettingId.CueMode, (int)CueMode.Tracking)))
            .Walk(WarmUpS).Walk(75, flexionDeg: 30).Walk(20).Walk(20, lateralDeg: 15).Walk(60).Walk(60, swayScale: 2);

        BandEvent[] cues = w.Cues.ToArray();
        Assert.True(cues.Length >= 5, $"{cues.Length} cues");
        Assert.All(cues, c => Assert.False(CueEventValue.Delivered(c.Value)));
        Assert.Contains(cues, c => CueEventValue.Rule(c.Value) == CueRule.Sway);
        Assert.Empty(w.Motor.Calls);
        Assert.Equal(cues.Length, w.Engine.CuesRecorded);
        Assert.Equal(0, w.Engine.CuesPlayed);
    }

    [Fact]
    public void EscalationPlaysAStrongerPatternWhileTheConditionPersists()
    {
        var w = new SyntheticWalker().Walk(WarmUpS);
        double onsetS = w.TimeS;
        w.Walk(100, flexionDeg: 30).Walk(20);

        BandEvent[] cues = w.Cues.ToArray();
        Assert.Equal(new[] { 1, 2, 3, 3 }, cues.Select(c => CueEventValue.Level(c.Value)).ToArray());
        Assert.InRange(CueS(cues[1]) - CueS(cues[0]), 30, 30.2);

        // The motor played gentle (2 × 200 ms at 70%), then firm (3 × 300 ms at 85%), then strong (3 × 500 ms at 100%).
        var pulses = w.Motor.Pulses();
        Assert.Equal(2 + 3 + 3 + 3, pulses.Count);
        Assert.All(pulses.Take(2), p => Assert.Equal((200_000L, 70), (p.DurationUs, p.Duty)));
        Assert.All(pulses.Skip(2).Take(3), p => Assert.Equal((300_000L, 85), (p.DurationUs, p.Duty)));
        Assert.All(pulses.Skip(5), p => Assert.Equal((500_000L, 100), (p.DurationUs, p.Duty)));
        Assert.True(CueS(cues[0]) - onsetS < DwellS + 0.5);
    }

    [Fact]
    public void ANewEpisodeStartsAtTheGentleLevelAgain()
    {
        var w = new SyntheticWalker().Walk(WarmUpS).Walk(40, flexionDeg: 30).Walk(30).Walk(10, flexionDeg: 30).Walk(10);

        Assert.Equal(new[] { 1, 2, 1 }, w.Cues.Select(c => CueEventValue.Level(c.Value)).ToArray());
    }

    [Fact]
    public void WithoutEscalationRepeatsStayAtTheStartLevel()
    {
        var w = new SyntheticWalker(With((SettingId.CueStartLevel, 2), (SettingId.EscalationMaxLevel, 2)))
            .Walk(WarmUpS).Walk(70, flexionDeg: 30);

        Assert.Equal(new[] { 2, 2, 2 }, w.Cues.Select(c => CueEventValue.Level(c.Value)).ToArray());
    }

    [Fact]
    public void WalkingOnlyIgnoresPosturesWhileStandingUnlessSwitchedOff()
    {
        var walkingOnly = new SyntheticWalker().Stand(5).Stand(20, flexionDeg: 30).Stand(5);
        Assert.Empty(walkingOnly.Cues);

        var always = new SyntheticWalker(With((SettingId.WalkingOnly, 0))).Stand(5).Stand(20, flexionDeg: 30).Stand(5);
        Assert.Single(always.Cues);
    }

    [Fact]
    public void GettingUpAndSettingOffFlexedIsNotCued()
    {
        // Flexed for the first 9 s of walking: judged only after 5 s of walking, so held for 4 s, under the dwell.
        var w = new SyntheticWalker().Stand(10).Walk(9, flexionDeg: 30).Walk(60);

        Assert.Empty(w.Cues);
    }

    [Fact]
    public void WalkingStoopedFromTheStartIsCuedOnceTheWalkingPostureIsLearnt()
    {
        // 40° from the first step: the walking posture learnt is capped at 15°, so 25° remain beyond it; judged after
        // settling (5 s) and learning (20 s), cued after the dwell (5 s).
        var w = new SyntheticWalker().Stand(10);
        double startS = w.TimeS;
        w.Walk(40, flexionDeg: 40).Walk(10);

        BandEvent cue = Assert.Single(w.Cues);
        Assert.InRange(CueS(cue) - startS, 30, 30.4);
    }

    [Fact]
    public void ALeanIsJudgedAgainstTheWalkingPostureOfTheWalkSoFarNotOnlyItsFirstSeconds()
    {
        // Learnt leaning 5° right in the first 25 s of walking, then upright for three minutes: a 13° right lean is
        // 3° beyond the threshold. With the baseline frozen after its first 20 s (5° forgiven) it read 8°: no cue.
        var w = new SyntheticWalker().Stand(10).Walk(30, lateralDeg: 5).Walk(180, lateralDeg: 0);
        Assert.InRange(w.Engine.WalkingPosture.LateralBendCentidegrees, 0, 150);
        double onsetS = w.TimeS;
        w.Walk(20, lateralDeg: 13).Walk(10);

        BandEvent cue = Assert.Single(w.Cues);
        Assert.Equal(CueRule.LateralLean, CueEventValue.Rule(cue.Value));
        Assert.InRange(CueS(cue) - onsetS, DwellS, DwellS + 0.5);
    }

    [Fact]
    public void ALeanHeldForMinutesIsNotLearntAsWalkingPosture()
    {
        // 11° right held 5 minutes: beyond the threshold all along, so the baseline does not follow it (had it followed
        // to its 5° cap, the lean would read 6°, below the 7° clear level, and the excess would have ended).
        var w = new SyntheticWalker().Walk(WarmUpS).Walk(300, lateralDeg: 11);

        Assert.True(w.Engine.LateralLean.IsExcessive);
        Assert.InRange(w.Engine.WalkingPosture.LateralBendCentidegrees, -100, 100);
    }

    [Fact]
    public void WalkingPostureWithinWhatGaitExplainsIsNeverCued()
    {
        // A wearer whose pelvis tilts 18° forward in gait (the real walks show 10–25°): learnt, not cued.
        var w = new SyntheticWalker().Stand(10).Walk(600, flexionDeg: 18);

        Assert.Empty(w.Cues);
    }

    [Fact]
    public void NoCueWithoutAValidPosture()
    {
        var w = new SyntheticWalker().Walk(WarmUpS).Walk(20, flexionDeg: 30, postureValid: false).Walk(10);

        Assert.Empty(w.Cues);
    }

    [Fact]
    public void ADisabledRuleNeverCues()
    {
        var w = new SyntheticWalker(With((SettingId.FlexionRuleEnabled, 0))).Walk(WarmUpS).Walk(20, flexionDeg: 30);

        Assert.Empty(w.Cues);
    }

    [Fact]
    public void EpisodesAreBracketedByEventsWithTheirOnsetAndDuration()
    {
        var w = new SyntheticWalker().Walk(WarmUpS);
        double onsetS = w.TimeS;
        w.Walk(20, flexionDeg: 30);
        double clearS = w.TimeS;
        w.Walk(10);

        BandEvent start = Assert.Single(w.Log, e => e.Kind == BandEventKind.ExcessiveMotionStart);
        BandEvent end = Assert.Single(w.Log, e => e.Kind == BandEventKind.ExcessiveMotionEnd);
        Assert.Equal(CueRule.Flexion, ExcessiveMotionValue.Rule(start.Value));
        Assert.InRange(ExcessiveMotionValue.Tenths(start.Value), 50, 51);
        Assert.InRange(start.TimeUs / 1e6, onsetS + DwellS, onsetS + DwellS + 0.5);
        Assert.InRange(end.TimeUs / 1e6, clearS, clearS + 0.5);
        Assert.InRange(ExcessiveMotionValue.Tenths(end.Value) / 10.0, 19.5, 20.6);
        Assert.InRange(w.Engine.ExcessiveTimeUs(CueRule.Flexion, w.TimeUs) / 1e6, 19.5, 20.6);
        Assert.Equal(0, w.Engine.ExcessiveTimeUs(CueRule.LateralLean, w.TimeUs));
    }

    [Fact]
    public void WalkingStoppingEndsASwayEpisode()
    {
        var w = new SyntheticWalker().Walk(180).Walk(20, swayScale: 2);
        Assert.True(w.Engine.IsExcessive(CueRule.Sway));

        w.Stand(5);

        Assert.False(w.Engine.IsExcessive(CueRule.Sway));
    }

    [Fact]
    public void ConfigureRejectsInvalidSettingsAndKeepsTheOldOnes()
    {
        var w = new SyntheticWalker();
        var bad = new BandSettings();
        Assert.True(bad.Set(SettingId.FlexionHysteresisCentidegrees, 1500).IsOk);
        Assert.True(bad.Set(SettingId.FlexionThresholdCentidegrees, 1000).IsOk);

        SettingsError error = w.Engine.Configure(bad);

        Assert.Equal(SettingsErrorCode.Inconsistent, error.Code);
        w.Walk(WarmUpS).Walk(20, flexionDeg: 15); // 15° would be beyond a 10° threshold; the old 20° one holds
        Assert.Empty(w.Cues);
        Assert.Throws<ArgumentException>(() => new CueEngine(new EventQueue(4), null, bad));
    }

    [Fact]
    public void NothingIsAllocatedPerSampleOrStride()
    {
        var queue = new EventQueue(Band.EventCapacity);
        var engine = new CueEngine(queue, new SilentMotor());
        long t = 0;
        for (int i = 0; i < 10_000; i++, t += SyntheticWalker.SamplePeriodUs) // warm up: every path taken once
        {
            engine.OnSample(t, i > 8000 ? 3000 : 400, 200, true, true);
            if (i % 57 == 0)
            {
                engine.OnStride(t, 300, 450, 950);
            }
        }

        Assert.True(engine.CuesPlayed > 0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20_000; i++)
        {
            t += SyntheticWalker.SamplePeriodUs;
            engine.OnSample(t, (i / 500) % 2 == 0 ? 3000 : 400, 200, true, true);
            if (i % 57 == 0)
            {
                engine.OnStride(t, 300, 450, 950);
            }

            while (queue.TryTake(out _))
            {
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void TheEngineAndItsSettingsTakeAtMostElevenHundredAndEightBytes()
    {
        var queue = new EventQueue(4);
        GC.KeepAlive(new CueEngine(queue, null, new BandSettings())); // type initializers and patterns: once per band

        long before = GC.GetAllocatedBytesForCurrentThread();
        var settings = new BandSettings();
        var engine = new CueEngine(queue, null, settings);
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;

        GC.KeepAlive(engine);
        // 1 KB before the walking plan's five settings (20 bytes) and the player's priority; 8 more since the walking
        // posture baseline holds the evaluations of the last stride until the next confirms them.
        Assert.InRange(bytes, 1, 1108);
    }

    /// <summary>A motor that does nothing (the recording one allocates as its list grows).</summary>
    private sealed class SilentMotor : IHapticMotor
    {
        public void SetDuty(int dutyPercent)
        {
        }
    }
}
