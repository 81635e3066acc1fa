using LumbarBand.Core.Gait;

namespace LumbarBand.Core.Tests.Gait;

/// <summary>The per-bout estimators on hand-made inputs: pendulum step length, speed, variability, asymmetry.</summary>
public sealed class GaitOutcomeEstimatorTests
{
    [Fact]
    public void PendulumStepLengthIsKTimesTheChordOfTheRiseOnTheLeg()
    {
        // l = 0.9 m, h = 30 mm: chord 2·√(2·900·30 − 30²) = 459.6 mm.
        int length = StepLengthEstimator.Length(9000, 300);
        double expected = 2 * Math.Sqrt((2 * 9000.0 * 300) - (300.0 * 300)) * StepLengthEstimator.CorrectionPermille / 1000;

        Assert.InRange(length, expected - 2, expected + 2);
        Assert.Equal(StepLengthEstimator.Length(9000, StepLengthEstimator.MaxRiseTenthsMm), StepLengthEstimator.Length(9000, 5000));
        Assert.Equal(0, StepLengthEstimator.Length(9000, 0));
        Assert.Equal(170 * 100 * StepLengthEstimator.LegLengthPermilleOfHeight / 1000, StepLengthEstimator.LegLengthOf(170));
    }

    [Fact]
    public void StepsAreMatchedToTheirCandidatesSwingAndTimedFromTheBoutsPreviousStep()
    {
        var estimator = new StepLengthEstimator(170);
        const int Period = 25; // samples: 0.5 s
        estimator.OnBoutStart();
        for (int k = 0; k < 6; k++)
        {
            estimator.OnCandidate(1_000_000 + (k * Period * 20_000L), 800);
        }

        Assert.False(estimator.OnStep(1_000_000));
        Assert.True(estimator.OnStep(1_500_000));
        Assert.Equal(500_000, estimator.StepTimeUs);
        Assert.Equal(WalkingBoutTracker.RiseTenthsMm(800, Period), estimator.RiseTenthsMm);
        int exact = StepLengthEstimator.Length(estimator.LegLengthTenthsMm, estimator.RiseTenthsMm);
        Assert.InRange(estimator.StepLengthTenthsMm, exact - 1, exact + 1);
        Assert.True(exact > 0);

        // A counted step whose candidate was never seen is timed but not measured.
        Assert.True(estimator.OnStep(2_000_001));
        Assert.Equal(0, estimator.StepLengthTenthsMm);
    }

    [Fact]
    public void SpeedIsDistanceOverTimeAndStrideTwoSteps()
    {
        var speed = new WalkingSpeed();
        var outcome = new WalkingBoutOutcome();
        speed.OnBoutStart();
        speed.Add(500_000, 6000);
        speed.Add(600_000, 7000);
        speed.Add(500_000, 0); // not measured: left out
        speed.Fill(outcome);
        Assert.Equal(0, outcome.SpeedMmPerS); // fewer than MinMeasuredSteps

        speed.Add(500_000, 6000);
        speed.Add(600_000, 7000);
        speed.Fill(outcome);

        Assert.Equal(1182, outcome.SpeedMmPerS);    // 2.6 m in 2.2 s
        Assert.Equal(1300, outcome.StrideLengthMm); // 2 × 650 mm
    }

    [Fact]
    public void VariabilityAndAsymmetryFollowTheirDefinitions()
    {
        var variability = new GaitVariability();
        var outcome = new WalkingBoutOutcome();
        variability.OnBoutStart();
        int[] steps = [500_000, 600_000, 500_000, 600_000, 500_000, 600_000];
        foreach (int t in steps)
        {
            variability.Add(t);
        }

        variability.Fill(outcome);

        double mean = steps.Average();
        double sd = Math.Sqrt(steps.Sum(t => (t - mean) * (t - mean)) / (steps.Length - 1));
        Assert.InRange(outcome.StepTimeCvPermille, (1000 * sd / mean) - 2, (1000 * sd / mean) + 2);
        Assert.Equal(0, outcome.StrideTimeCvPermille);                // every stride 1.1 s
        Assert.Equal(182, outcome.StepTimeAsymmetryPermille);         // |0.5 − 0.6| / 0.55
        Assert.Equal(550_000, variability.MeanStepUs);
    }
}
