using LumbarBand.Analysis.Analyzing;
using LumbarBand.Analysis.Simulation;
using LumbarBand.Core.Tests.Gait;

namespace LumbarBand.Core.Tests.Cueing;

/// <summary>
/// The scenarios of issue 4 end to end: simulated and real walks through <see cref="Band"/> as
/// <c>lumbarband analyze</c> runs them (<see cref="RecordingAnalyzer"/>), so the band's own posture and sway stages
/// feed the cue engine. <see cref="SimulatedWalkCueTests"/> runs the same scenarios on the simulator's true posture and
/// sway, which separates the cue engine's behaviour from the estimators'.
/// </summary>
public sealed class BandEndToEndCueTests
{
    private const double DwellS = 5.0;
    private const double Cadence = BuiltInWalks.NormalCadenceSpm;

    private static (AnalysisResult Result, SimulatedWalk Walk) Analyze(WalkScript script, int seed = 3)
    {
        SimulatedWalk walk = SharedWalks.Simulate(script, seed);
        return (RecordingAnalyzer.Analyze(walk.Recording, walk.Label), walk);
    }

    [SkippableFact]
    public void ThirtyMinutesOfNormalWalkingGiveNoCue()
    {
        SimulatedWalk walk = SharedWalks.ThirtyMinutesOfNormalWalking;
        AnalysisResult result = RecordingAnalyzer.Analyze(walk.Recording, walk.Label);

        Assert.Empty(result.Cues);
        Assert.Equal(ExcessiveMotionTimes.None, result.ExcessiveMotion);
    }

    [SkippableTheory]
    [InlineData(30.0, 0.0)]
    [InlineData(0.0, 15.0)]
    public void PostureHeldTwentySecondsGivesExactlyOneCueWithinDwellPlusHalfASecond(double flexionDeg, double lateralDeg)
    {
        bool lateral = lateralDeg != 0;
        (AnalysisResult result, SimulatedWalk walk) = Analyze(new WalkScript().Stand(5).Walk(90, Cadence)
            .Walk(20, Cadence, flexionDeg: lateral ? null : flexionDeg, lateralBendDeg: lateral ? lateralDeg : null)
            .Walk(40, Cadence).Stand(2));

        CueRecord cue = Assert.Single(result.Cues);
        Assert.Equal(lateral ? "lateral_lean" : "flexion", cue.Rule);
        double onsetS = OnsetS(walk, walk.Segments[2].StartS, lateral ? 10 : 20, lateral);
        Assert.InRange(cue.TimeS - onsetS, DwellS - 0.5, DwellS + 0.5);
    }

    [SkippableTheory]
    [InlineData(30.0, 0.0)]
    [InlineData(0.0, 15.0)]
    public void PostureHeldShorterThanTheDwellGivesNoCue(double flexionDeg, double lateralDeg)
    {
        bool lateral = lateralDeg != 0;
        (AnalysisResult result, _) = Analyze(new WalkScript().Stand(5).Walk(90, Cadence)
            .Walk(3.5, Cadence, flexionDeg: lateral ? null : flexionDeg, lateralBendDeg: lateral ? lateralDeg : null)
            .Walk(40, Cadence).Stand(2));

        Assert.Empty(result.Cues);
    }

    [SkippableFact]
    public void SwayAtTwiceTheBaselineIsCuedWithinTheStrideWindow()
    {
        (AnalysisResult result, SimulatedWalk walk) = Analyze(
            new WalkScript().Stand(5).Walk(180, Cadence).Walk(25, Cadence, swayScale: 2).Walk(30, Cadence).Stand(2));

        CueRecord cue = Assert.Single(result.Cues);
        Assert.Equal("sway", cue.Rule);
        double onsetS = walk.Segments[2].StartS;
        Assert.InRange(walk.StrideSways.Count(s => s.EndS > onsetS && s.EndS <= cue.TimeS), 6, 10);
    }

    [SkippableFact]
    public void TheRealWalksGiveNoCueWithDefaultSettings()
    {
        string folder = LowerBackWalks.Require();
        double walkingS = 0;
        var cues = new List<string>();
        foreach (string name in LowerBackWalks.RecordingNames(folder))
        {
            AnalysisResult result = RecordingAnalyzer.Analyze(LowerBackWalks.Load(folder, name), name);
            walkingS += result.WalkingTimeS;
            cues.AddRange(result.Cues.Select(c => $"{name} {c.TimeS:0.0} s {c.Rule}"));
        }

        Assert.True(walkingS > 60, "the real walks hold some walking");
        Assert.True(cues.Count == 0, $"{cues.Count * 3600 / walkingS:0.0} cues per walking hour: {string.Join("; ", cues)}");
    }

    private static double OnsetS(SimulatedWalk walk, double fromS, double thresholdDeg, bool lateral)
    {
        double[] held = lateral ? walk.PostureLateralBendDeg : walk.PostureFlexionDeg;
        double rate = walk.Options.SampleRateHz;
        int i = (int)(fromS * rate);
        while (i < held.Length && Math.Abs(held[i]) <= thresholdDeg)
        {
            i++;
        }

        return i / rate;
    }
}
