using LumbarBand.TestSupport;
using LumbarBand.Analysis.Analyzing;
using LumbarBand.Analysis.Recordings;
using LumbarBand.Analysis.Scoring;
using LumbarBand.Analysis.Simulation;

namespace LumbarBand.Core.Tests.Cueing;

/// <summary>
/// Issue 4's real-gait check (<see cref="RealStrideCueCheck"/>, which <c>validate</c> prints): three minutes built from
/// one real wearer's steady straight strides, plain and with a posture held for 25 s, through the whole band with
/// default settings. The first cue must come within 10 s of the onset, from the rule of the posture held, and none before.
/// </summary>
public sealed class RealStrideCueTests
{
    private static readonly Lazy<RealStrideCueCheck> Check = new(() => RealStrideCueCheck.Run(SharedData.Require()));

    [SkippableTheory]
    [InlineData(PostureTilt.Flexion)]
    [InlineData(PostureTilt.LeanRight)]
    [InlineData(PostureTilt.LeanLeft)]
    public void HeldPostureOnRealStridesIsCuedWithinTenSecondsAndNotBefore(PostureTilt tilt)
    {
        HeldPostureResponse held = Check.Value.Held.Single(h => h.Tilt == tilt);
        string rule = RealStrideCueCheck.Postures.Single(p => p.Tilt == tilt).Rule;

        Assert.True(held.Result.StepsS.Count > 250, $"the built walk should be walked: {held.Result.StepsS.Count} steps");
        Assert.Equal(0, held.CuesBeforeOnset);
        Assert.NotNull(held.FirstCueAfterOnsetS);
        Assert.InRange(held.FirstCueAfterOnsetS.Value, 0, RealStrideCueCheck.FirstCueWithinS);
        Assert.Equal(rule, held.FirstRule);
    }

    [SkippableFact]
    public void AWearerWhoWalksOffWithoutStandingStillIsCuedLikeOneWhoStood()
    {
        // HA001_Test5_Trial1 starts walking at once (no still second): the band takes its neutral posture from the
        // walking itself, and every goal holds as on a walk with a standing start.
        RealStrideCueCheck check = RealStrideCueCheck.Run(SharedData.Require(), "HA001_Test5_Trial1", standingStart: false);
        Assert.Empty(check.MissedGoals);
        Assert.All(check.Held, h => Assert.InRange(h.FirstCueAfterOnsetS ?? double.MaxValue, 0, RealStrideCueCheck.FirstCueWithinS));
    }

    [SkippableFact]
    public void ThreeMinutesOfRealStridesGetNoCue()
    {
        AnalysisResult result = Check.Value.Plain;
        Assert.Single(result.Bouts);
        Assert.Empty(result.Cues);
    }
}
