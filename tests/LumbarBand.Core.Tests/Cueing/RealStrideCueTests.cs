using LumbarBand.Analysis.Analyzing;
using LumbarBand.Analysis.Recordings;
using LumbarBand.Analysis.Scoring;
using LumbarBand.Analysis.Simulation;

namespace LumbarBand.Core.Tests.Cueing;

/// <summary>
/// Issue 4's real-gait check: three minutes built from one real wearer's steady straight strides
/// (<see cref="RealStrideWalk"/>), with and without a posture held for 25 s (<see cref="PostureOverlay"/>: a 30° flexion,
/// a 15° lean either way), through the whole band as <c>analyze</c> runs it, default settings. The first cue must come
/// within 10 s of the onset, from the rule of the posture held, and none before.
/// </summary>
public sealed class RealStrideCueTests
{
    private const double OnsetS = 120;
    private const double HoldS = 25;
    private const double FirstCueWithinS = 10;

    private static readonly Lazy<ImuRecording> LongWalk = new(() => RealStrideWalk.Build(RealWalksFolder.Require(), walkingS: 180));

    [Theory]
    [InlineData(PostureTilt.Flexion, 30, "flexion")]
    [InlineData(PostureTilt.LeanRight, 15, "lateral_lean")]
    [InlineData(PostureTilt.LeanLeft, 15, "lateral_lean")]
    public void HeldPostureOnRealStridesIsCuedWithinTenSecondsAndNotBefore(PostureTilt tilt, double angleDeg, string rule)
    {
        ImuRecording walk = new PostureOverlay(tilt, angleDeg, OnsetS, HoldS).Apply(LongWalk.Value);
        AnalysisResult result = RecordingAnalyzer.Analyze(walk, $"real strides + {angleDeg}° {tilt}");

        Assert.True(result.StepsS.Count > 250, $"the built walk should be walked: {result.StepsS.Count} steps");
        Assert.DoesNotContain(result.Cues, c => c.TimeS < OnsetS);
        Assert.NotEmpty(result.Cues);
        Assert.InRange(result.Cues[0].TimeS, OnsetS, OnsetS + FirstCueWithinS);
        Assert.Equal(rule, result.Cues[0].Rule);
    }

    [Fact]
    public void ThreeMinutesOfRealStridesGetNoCue()
    {
        AnalysisResult result = RecordingAnalyzer.Analyze(LongWalk.Value, "real strides");
        Assert.Single(result.Bouts);
        Assert.Empty(result.Cues);
    }
}
