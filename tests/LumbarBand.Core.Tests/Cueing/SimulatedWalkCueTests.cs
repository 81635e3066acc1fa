using LumbarBand.Analysis.Analyzing;
using LumbarBand.Analysis.Simulation;
using LumbarBand.Core.Cueing;

namespace LumbarBand.Core.Tests.Cueing;

/// <summary>
/// The scenarios of issue 4 on simulated walks (see <see cref="SimulatedCueRun"/> for what is simulated and what is
/// the band's own), default settings.
/// </summary>
public sealed class SimulatedWalkCueTests
{
    private const double DwellS = 5.0;
    private const double FlexionThresholdDeg = 20;
    private const double LateralThresholdDeg = 10;
    private const double Cadence = BuiltInWalks.NormalCadenceSpm;

    [Fact]
    public void ThirtyMinutesOfNormalWalkingGiveNoCue()
    {
        SimulatedCueRun run = SimulatedCueRun.Run(SharedWalks.ThirtyMinutesOfNormalWalking);

        Assert.Empty(run.Cues);
        Assert.Empty(run.Motor.Calls);
        Assert.Equal(ExcessiveMotionTimes.None, run.CueLog.TimesUntil(run.DurationS));
    }

    [Theory]
    [InlineData(30.0, 0.0)]
    [InlineData(0.0, 15.0)]
    [InlineData(0.0, -15.0)]
    public void PostureHeldTwentySecondsWhileWalkingGivesExactlyOneCueWithinDwellPlusHalfASecond(double flexionDeg, double lateralDeg)
    {
        bool lateral = lateralDeg != 0;
        var script = new WalkScript().Stand(5).Walk(90, Cadence)
            .Walk(20, Cadence, flexionDeg: lateral ? null : flexionDeg, lateralBendDeg: lateral ? lateralDeg : null)
            .Walk(40, Cadence).Stand(2);

        SimulatedCueRun run = SimulatedCueRun.Run(script);

        CueRecord cue = Assert.Single(run.Cues);
        Assert.Equal(lateral ? "lateral_lean" : "flexion", cue.Rule);
        double onsetS = run.PostureOnsetS(run.SegmentStartS(2), lateral ? LateralThresholdDeg : FlexionThresholdDeg, lateral);
        Assert.InRange(cue.TimeS - onsetS, DwellS - 0.5, DwellS + 0.5);
        Assert.InRange(cue.TimeS - run.SegmentStartS(2), DwellS, DwellS + 1.0); // from the start of the one-second ramp
        Assert.Equal(HapticPatterns.Gentle.PulseCount, run.Motor.Pulses().Count);
        ExcessiveMotionTimes times = run.CueLog.TimesUntil(run.DurationS);
        Assert.InRange(lateral ? times.LateralLeanS : times.FlexionS, 19, 21);
    }

    [Theory]
    [InlineData(30.0, 0.0)]
    [InlineData(0.0, 15.0)]
    public void PostureHeldShorterThanTheDwellGivesNoCue(double flexionDeg, double lateralDeg)
    {
        bool lateral = lateralDeg != 0;
        var script = new WalkScript().Stand(5).Walk(90, Cadence)
            .Walk(3.5, Cadence, flexionDeg: lateral ? null : flexionDeg, lateralBendDeg: lateral ? lateralDeg : null)
            .Walk(40, Cadence).Stand(2);

        SimulatedCueRun run = SimulatedCueRun.Run(script);

        Assert.Empty(run.Cues);
        Assert.Empty(run.Motor.Calls);
    }

    [Theory]
    [InlineData(30.0, 0.0)]
    [InlineData(0.0, 15.0)]
    public void APostureHeldTwentyFiveSecondsIsCuedWithinTenSecondsAndNotBefore(double flexionDeg, double lateralDeg)
    {
        bool lateral = lateralDeg != 0;
        var script = new WalkScript().Stand(5).Walk(150, Cadence)
            .Walk(25, Cadence, flexionDeg: lateral ? null : flexionDeg, lateralBendDeg: lateral ? lateralDeg : null)
            .Walk(60, Cadence).Stand(2);

        SimulatedCueRun run = SimulatedCueRun.Run(script, seed: 8);

        double onsetS = run.SegmentStartS(2);
        Assert.NotEmpty(run.Cues);
        Assert.All(run.Cues, c => Assert.True(c.TimeS >= onsetS, $"a cue at {c.TimeS:0.0} s, before the onset at {onsetS:0.0} s"));
        Assert.InRange(run.Cues[0].TimeS - onsetS, 0, 10);
    }

    [Fact]
    public void SwayAtTwiceTheBaselineIsCuedWithinTheStrideWindow()
    {
        var script = new WalkScript().Stand(5).Walk(180, Cadence).Walk(25, Cadence, swayScale: 2).Walk(30, Cadence).Stand(2);

        SimulatedCueRun run = SimulatedCueRun.Run(script);

        CueRecord cue = Assert.Single(run.Cues);
        Assert.Equal("sway", cue.Rule);
        double onsetS = run.SegmentStartS(2);
        int strides = run.Walk.StrideSways.Count(s => s.EndS > onsetS && s.EndS <= cue.TimeS);
        Assert.InRange(strides, 6, 10); // M = 6 of N = 10 (the first stride is only half ramped up)
        Assert.True(run.CueLog.TimesUntil(run.DurationS).SwayS > 10);
    }

    [Fact]
    public void TheCueLogGivesTheAnalyzersCuesAndTimesForTrackingMode()
    {
        var settings = new Core.Configuration.BandSettings();
        Assert.True(settings.Set(Core.Configuration.SettingId.CueMode, (int)CueMode.Tracking).IsOk);
        var script = new WalkScript().Stand(5).Walk(90, Cadence).Walk(20, Cadence, flexionDeg: 30).Walk(20, Cadence);

        SimulatedCueRun run = SimulatedCueRun.Run(script, settings: settings);

        CueRecord cue = Assert.Single(run.Cues);
        Assert.Equal(("flexion", 1, false), (cue.Rule, cue.Level, cue.Delivered));
        Assert.Empty(run.Motor.Calls);
        var result = new AnalysisResult("test", run.DurationS, 0, [], [], run.Cues, run.CueLog.TimesUntil(run.DurationS));
        string json = result.ToJson();
        Assert.Contains("\"rule\": \"flexion\"", json, StringComparison.Ordinal);
        Assert.Contains("\"excessive_motion_s\"", json, StringComparison.Ordinal);
    }
}
