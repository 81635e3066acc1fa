using LumbarBand.Core.Configuration;
using LumbarBand.Core.Cueing;

namespace LumbarBand.Core.Tests.Cueing;

/// <summary>The cue engine's parts on their own: the tilt rule, the rate limiter, patterns and their player.</summary>
public sealed class CueingPartsTests
{
    private const long Ms = 1000;

    [Fact]
    public void TiltRuleStartsAfterTheDwellAndClearsOnlyBelowTheHysteresisLevel()
    {
        var rule = new SustainedTiltRule();
        rule.Configure(thresholdCentidegrees: 2000, hysteresisCentidegrees: 500, dwellMs: 5000);

        Assert.Equal(ConditionChange.None, rule.Update(0, 2000)); // at the threshold is not beyond it
        Assert.False(rule.IsBeyondThreshold);
        Assert.Equal(ConditionChange.None, rule.Update(100 * Ms, 2001));
        Assert.Equal(ConditionChange.None, rule.Update(5099 * Ms, 1600)); // between the levels: dwell runs on
        Assert.Equal(ConditionChange.Started, rule.Update(5100 * Ms, 1600));
        Assert.Equal(100 * Ms, rule.OnsetUs);
        Assert.Equal(ConditionChange.None, rule.Update(9000 * Ms, 1500)); // 15.00° is not below 15°
        Assert.Equal(ConditionChange.Ended, rule.Update(9100 * Ms, 1499));
        Assert.False(rule.IsExcessive);
        Assert.Equal(ConditionChange.None, rule.Update(9200 * Ms, 1900)); // below the threshold: no new onset
        Assert.False(rule.IsBeyondThreshold);
    }

    [Fact]
    public void TiltRuleResetEndsAnEpisodeAndForgetsAPendingOne()
    {
        var rule = new SustainedTiltRule();
        rule.Configure(1000, 300, 1000);
        rule.Update(0, 1500);
        Assert.Equal(ConditionChange.Started, rule.Update(1000 * Ms, 1500));
        Assert.Equal(ConditionChange.Ended, rule.Reset());
        Assert.Equal(ConditionChange.None, rule.Update(1100 * Ms, 1500)); // a new onset, dwell from here
        Assert.Equal(ConditionChange.None, rule.Update(2000 * Ms, 1500));
        Assert.Equal(ConditionChange.Started, rule.Update(2100 * Ms, 1500));
    }

    [Fact]
    public void RateLimiterEnforcesCooldownCapAndSnooze()
    {
        var limiter = new CueRateLimiter();
        limiter.Configure(cooldownMs: 30_000, maxCuesPerTenMinutes: 2);
        long s = 1_000_000;

        Assert.True(limiter.CanCue(0));
        limiter.OnCue(0);
        Assert.False(limiter.CanCue((30 * s) - 1));
        Assert.True(limiter.CanCue(30 * s));
        limiter.OnCue(30 * s);
        Assert.False(limiter.CanCue(100 * s)); // cap of 2 reached
        Assert.Equal(2, limiter.CuesInWindow(599 * s));
        Assert.True(limiter.CanCue(600 * s)); // the first cue left the 10-minute window

        limiter.Snooze(600 * s, 60_000);
        Assert.True(limiter.IsSnoozed(659 * s));
        Assert.False(limiter.CanCue(659 * s));
        Assert.True(limiter.CanCue(660 * s));
    }

    [Fact]
    public void RateLimiterRemembersEnoughCuesForTheLargestCap()
    {
        var limiter = new CueRateLimiter();
        limiter.Configure(5_000, CueRateLimiter.MaxCapCapacity);
        long t = 0;
        for (int i = 0; i < CueRateLimiter.MaxCapCapacity; i++, t += 5_000_000)
        {
            Assert.True(limiter.CanCue(t));
            limiter.OnCue(t);
        }

        Assert.False(limiter.CanCue(t));
        Assert.Equal(CueRateLimiter.MaxCapCapacity, limiter.CuesInWindow(t));
    }

    [Fact]
    public void PatternsAreCheckedAndEachLevelIsStrongerThanTheLast()
    {
        Assert.Throws<ArgumentException>(() => new HapticPattern(50, new[] { 100, 100 }));
        Assert.Throws<ArgumentException>(() => new HapticPattern(50, new[] { 100, 0, 100 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HapticPattern(0, new[] { 100 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HapticPattern(101, new[] { 100 }));

        HapticPattern previous = HapticPatterns.ForLevel(HapticPatterns.MinLevel);
        for (int level = HapticPatterns.MinLevel + 1; level <= HapticPatterns.MaxLevel; level++)
        {
            HapticPattern p = HapticPatterns.ForLevel(level);
            Assert.True(p.IntensityPercent > previous.IntensityPercent);
            Assert.True(p.OnMs > previous.OnMs);
            Assert.True(p.PulseCount >= previous.PulseCount);
            previous = p;
        }

        Assert.True(HapticPatterns.Gentle.IntensityPercent >= 60, "the gentlest cue must still be felt");
    }

    [Fact]
    public void PlayerDrivesTheMotorOnlyAtPulseEdgesOnTheBandsClock()
    {
        var motor = new RecordingMotor();
        var player = new HapticPlayer(motor);
        var pattern = new HapticPattern(60, new[] { 100, 60, 40 });
        long t = 1_000_000;

        motor.NowUs = t;
        player.Play(pattern, t);
        for (int i = 1; i <= 15; i++)
        {
            motor.NowUs = t + (i * 20 * Ms);
            player.Tick(motor.NowUs);
        }

        // On at 0, off at 100 ms, on at 160 ms, off at 200 ms; nothing else.
        Assert.Equal(
            new[] { (t, 60), (t + (100 * Ms), 0), (t + (160 * Ms), 60), (t + (200 * Ms), 0) },
            motor.Calls.ToArray());
        Assert.False(player.IsPlaying);
    }

    [Fact]
    public void PlayerCatchesUpWhenTicksComeLate()
    {
        var motor = new RecordingMotor();
        var player = new HapticPlayer(motor);
        player.Play(new HapticPattern(80, new[] { 100, 100, 100 }), 0);

        motor.NowUs = 250 * Ms;
        player.Tick(250 * Ms); // in the second pulse
        motor.NowUs = 1000 * Ms;
        player.Tick(1000 * Ms);

        Assert.Equal(new[] { (0L, 80), (1000 * Ms, 0) }, motor.Calls.ToArray());
    }

    [Fact]
    public void AnEngineWithoutAMotorStillRecordsCues()
    {
        var events = new EventQueue(16);
        var engine = new CueEngine(events, null);
        for (long t = 0; t <= 31_000_000; t += 20_000) // settle 5 s, learn the walking posture 20 s, dwell 5 s
        {
            engine.OnSample(t, 4000, 0, true, true);
            if (t % 1_140_000 == 0)
            {
                engine.OnStride(t, 300, 450, 950); // a stride confirms the walking posture learnt since the last
            }
        }

        Assert.Equal(1, engine.CuesPlayed);
        Assert.Equal(1, engine.CuesRecorded);
    }

    [Fact]
    public void TheWalkingPostureBaselineLearnsOnlyStridesConfirmedWithoutATurn()
    {
        var baseline = new WalkingPostureBaseline();
        void Stride(int flexion, int lateral, bool turn = false)
        {
            for (int i = 0; i < 6; i++) // six evaluations at 5 Hz: a 1.2 s stride
            {
                baseline.Learn(flexion, lateral);
                if (turn && i == 3)
                {
                    baseline.OnTurning();
                }
            }

            baseline.Confirm();
        }

        for (int s = 0; s < 15; s++)
        {
            Stride(1000, 100);
        }

        Stride(4000, 2000, turn: true); // the turn's stride, before and after the detector's flag
        for (int i = 0; i < 12; i++)
        {
            baseline.Learn(6000, 0); // the last step's tail: sitting down
        }

        baseline.DropUnconfirmed(); // walking ended
        Assert.False(baseline.IsKnown); // 90 evaluations learnt
        Stride(1000, 100);
        Stride(1000, 100);
        Assert.True(baseline.IsKnown);
        Assert.Equal((1000, 100), (baseline.FlexionCentidegrees, baseline.LateralBendCentidegrees));
    }

    [Fact]
    public void OnceKnownTheWalkingPostureBaselineFollowsWalkingPostureWithATimeConstantOf256Evaluations()
    {
        var baseline = new WalkingPostureBaseline();
        void Stride(int flexion, int lateral)
        {
            for (int i = 0; i < 4; i++) // four evaluations, then the step that confirms them
            {
                baseline.Learn(flexion, lateral);
            }

            baseline.Confirm();
        }

        for (int s = 0; s < 25; s++)
        {
            Stride(800, 400); // the first 20 s: learnt as the mean
        }

        Assert.Equal((800, 400), (baseline.FlexionCentidegrees, baseline.LateralBendCentidegrees));
        for (int s = 0; s < 64; s++)
        {
            Stride(0, 0); // 256 evaluations of a walking posture that settled upright
        }

        // exp(-1) of the way left: 294 and 147 centidegrees (frozen, as before, it stayed at 800 and 400).
        Assert.InRange(baseline.FlexionCentidegrees, 285, 300);
        Assert.InRange(baseline.LateralBendCentidegrees, 140, 152);
        for (int s = 0; s < 1000; s++)
        {
            Stride(-3000, -1200); // never beyond the caps
        }

        Assert.Equal((-WalkingPostureBaseline.MaxFlexionCentidegrees, -WalkingPostureBaseline.MaxLateralBendCentidegrees), (baseline.FlexionCentidegrees, baseline.LateralBendCentidegrees));
    }

    [Fact]
    public void EventValuesRoundTrip()
    {
        int cue = CueEventValue.Pack(CueRule.LateralLean, 3, delivered: true);
        Assert.Equal((CueRule.LateralLean, 3, true), (CueEventValue.Rule(cue), CueEventValue.Level(cue), CueEventValue.Delivered(cue)));
        int tracked = CueEventValue.Pack(CueRule.Sway, 1, delivered: false);
        Assert.Equal((CueRule.Sway, 1, false), (CueEventValue.Rule(tracked), CueEventValue.Level(tracked), CueEventValue.Delivered(tracked)));

        int excess = ExcessiveMotionValue.Pack(CueRule.Flexion, 12_345_678);
        Assert.Equal((CueRule.Flexion, 123), (ExcessiveMotionValue.Rule(excess), ExcessiveMotionValue.Tenths(excess)));
        int week = ExcessiveMotionValue.Pack(CueRule.Sway, 3_600_000_000L * 24 * 30);
        Assert.Equal((CueRule.Sway, (1 << 23) - 1), (ExcessiveMotionValue.Rule(week), ExcessiveMotionValue.Tenths(week)));
        Assert.True(week > 0);
    }

    [Fact]
    public void RuleNamesAreTheHostNames()
    {
        Assert.Equal("flexion", CueRules.Name(CueRule.Flexion));
        Assert.Equal("lateral_lean", CueRules.Name(CueRule.LateralLean));
        Assert.Equal("sway", CueRules.Name(CueRule.Sway));
    }

    [Fact]
    public void SwayBaselineSkipsGaitInitiationAndAveragesTheRest()
    {
        var settings = new BandSettings();
        Assert.True(settings.Set(SettingId.SwayBaselineSkipStrides, 2).IsOk);
        Assert.True(settings.Set(SettingId.SwayBaselineStrides, 10).IsOk);
        var rule = new SwayRule();
        rule.Configure(settings);

        rule.OnStride(0, 9000, 9000, 9000); // skipped
        rule.OnStride(1, 9000, 9000, 9000); // skipped
        for (int i = 0; i < 10; i++)
        {
            Assert.False(rule.HasLimits);
            rule.OnStride(2 + i, 300 + (i % 2 * 20), 400, 1000);
        }

        Assert.True(rule.Baseline.IsReady);
        Assert.Equal((310, 400, 1000), (rule.Baseline.MediolateralCentidegrees, rule.Baseline.AnteroposteriorCentidegrees, rule.Baseline.RotationCentidegrees));
        Assert.Equal(510, rule.MediolateralLimitCentidegrees); // 150% = 465 < baseline + 2° = 510
        Assert.Equal(1500, rule.RotationLimitCentidegrees); // 150%
    }
}
