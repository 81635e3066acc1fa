using LumbarBand.Core.Gait;

namespace LumbarBand.Core.Tests.Gait;

/// <summary>The per-bout estimators on hand-made inputs: pendulum step length, speed, variability, asymmetry, regularity.</summary>
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
    public void ExcursionIsTheDoubleIntegralOfTheStepsAccelerationWhateverItsOffset()
    {
        // One step of 8 entries (0.64 s) of a cosine of 0.2 g (25.6 × 1/128 g): the pelvis moves 2A/ω² = 40.7 mm peak to
        // peak. The discrete double sum of 8 samples a cycle reads 1/(4 sin²(π/8)) / (8/2π)² = 1.053 of it, and its
        // extremes fall half an entry from the samples (cos(π/8)).
        double expected = 2 * 0.2 * 9.80665 / Math.Pow(2 * Math.PI / 0.64, 2) * 10_000
            / (4 * Math.Pow(Math.Sin(Math.PI / 8), 2)) / Math.Pow(8 / (2 * Math.PI), 2) * Math.Cos(Math.PI / 8);
        sbyte[] ring = Ring(k => 25.6 * Math.Cos(2 * Math.PI * (k + 0.5) / 8), 0);
        sbyte[] offset = Ring(k => 25.6 * Math.Cos(2 * Math.PI * (k + 0.5) / 8), 3); // gravity 0.023 g off: removed with the mean
        int rise = StepLengthEstimator.Excursion(ring, 60, 8); // wraps round the ring's end

        Assert.InRange(rise, expected * 0.97, expected * 1.03);
        Assert.InRange(StepLengthEstimator.Excursion(offset, 60, 8), rise - 5, rise + 5);
        Assert.Equal(0, StepLengthEstimator.Excursion(new sbyte[VerticalHistory.Entries], 3, 8));
    }

    [Fact]
    public void StepsAreTimedFromTheBoutsPreviousStepAndMeasuredWhileTheirEntriesAreKept()
    {
        sbyte[] ring = Ring(k => 25.6 * Math.Cos(2 * Math.PI * (k + 0.5) / 8), 0);
        var estimator = new StepLengthEstimator(170, ring);
        const int Period = 32; // samples: 0.64 s, 8 entries
        estimator.OnBoutStart();

        Assert.False(estimator.OnStep(1_000_000, 1002, 270, turning: false));
        Assert.True(estimator.OnStep(1_640_000, 1002 + Period, 270, turning: false));
        Assert.Equal(640_000, estimator.StepTimeUs);
        Assert.Equal(StepLengthEstimator.Excursion(ring, VerticalHistory.EntryAtOrAfter(1002), 8), estimator.RiseTenthsMm);
        int exact = StepLengthEstimator.Length(estimator.LegLengthTenthsMm, estimator.RiseTenthsMm);
        Assert.InRange(estimator.StepLengthTenthsMm, exact - 1, exact + 1);
        Assert.True(exact > 0);

        // A step whose entries the history no longer holds is timed but not measured.
        Assert.True(estimator.OnStep(2_280_000, 1002 + (2 * Period), 270 + VerticalHistory.Entries, turning: false));
        Assert.Equal(0, estimator.StepLengthTenthsMm);
    }

    [Fact]
    public void ATurningStepIsGivenThreeQuartersOfThePendulumsLength()
    {
        sbyte[] ring = Ring(k => 25.6 * Math.Cos(2 * Math.PI * (k + 0.5) / 8), 0);
        var straight = new StepLengthEstimator(170, ring);
        var turning = new StepLengthEstimator(170, ring);
        var asStraight = new StepLengthEstimator(170, ring);
        asStraight.SetTurningStepEighths(StepLengthEstimator.WholeStepEighths);
        const int Period = 32;
        foreach (StepLengthEstimator e in new[] { straight, turning, asStraight })
        {
            e.OnBoutStart();
            Assert.False(e.OnStep(1_000_000, 1002, 270, turning: e != straight));
            Assert.True(e.OnStep(1_640_000, 1002 + Period, 270, turning: e != straight));
        }

        // The same excursion: the pendulum's length for the straight step, 3/4 of it for the turning one.
        Assert.Equal(straight.RiseTenthsMm, turning.RiseTenthsMm);
        Assert.True(straight.StepLengthTenthsMm > 0);
        Assert.Equal(straight.StepLengthTenthsMm * 3 / 4, turning.StepLengthTenthsMm);
        Assert.Equal(straight.StepLengthTenthsMm, asStraight.StepLengthTenthsMm);
        Assert.Throws<ArgumentException>(() => straight.SetTurningStepEighths(0));
        Assert.Throws<ArgumentException>(() => straight.SetTurningStepEighths(9));
    }

    [Fact]
    public void SpeedIsDistanceOverTimeOfTheSteadyStepsAndStrideTwoSteps()
    {
        var speed = new WalkingSpeed();
        var outcome = new WalkingBoutOutcome();
        speed.OnBoutStart();
        speed.Add(900_000, 3000); // the first measured step: left out
        speed.Add(500_000, 6000);
        speed.Add(500_000, 0);    // not measured: left out
        speed.Add(600_000, 7000);
        speed.Add(500_000, 6000);
        speed.Fill(outcome);
        Assert.Equal(0, outcome.SpeedMmPerS); // the last is held: 2 steady steps, fewer than MinMeasuredSteps

        speed.Add(600_000, 7000);
        speed.Add(1_200_000, 2000); // the bout's last measured step: left out
        speed.Fill(outcome);

        Assert.Equal(1182, outcome.SpeedMmPerS);    // 2.6 m in 2.2 s
        Assert.Equal(1300, outcome.StrideLengthMm); // 2 × 650 mm
    }

    [Fact]
    public void AnIntervalSpanningTwoOfTheRhythmsStepsCountsAsTwoStepsOfTheStride()
    {
        // 0.6 m steps about every 0.6 s (one slow at 0.8 s, one quick at 0.4 s: still one step each), one interval
        // holding a step the band missed (1.2 s over 1.2 m): the stride is 1.2 m, not the 1.4 m of "one step twice as
        // long"; the speed is distance over time either way.
        var speed = new WalkingSpeed();
        var outcome = new WalkingBoutOutcome();
        speed.OnBoutStart();
        speed.Add(400_000, 3000);     // the first measured step: left out
        speed.Add(600_000, 6000);
        speed.Add(600_000, 6000);
        speed.Add(800_000, 6000);     // 1.33 of the rhythm's step: one step
        speed.Add(1_200_000, 12000);  // 1.85 of the rhythm's (now 0.65 s): two steps, and the rhythm does not follow it
        speed.Add(400_000, 6000);
        speed.Add(600_000, 6000);
        speed.Add(600_000, 6000);     // the bout's last: left out
        speed.Fill(outcome);

        Assert.Equal(6, speed.MeasuredSteps);
        Assert.Equal(1000, outcome.SpeedMmPerS);      // 4.2 m in 4.2 s
        Assert.Equal(1200, outcome.StrideLengthMm);   // 2 × 4.2 m over 7 steps
    }

    [Fact]
    public void StrideRegularityIsHighForARepeatingStrideAndLowForNoise()
    {
        const int StrideEntries = 14; // 1.12 s at 12.5 Hz
        var random = new Random(5);
        sbyte[] regular = Ring(k => (30 * Math.Cos(4 * Math.PI * k / StrideEntries)) + (10 * Math.Cos(2 * Math.PI * k / StrideEntries)), 0);
        sbyte[] noisy = Ring(_ => random.Next(-40, 40), 0);
        int a = Regularity(regular, StrideEntries);
        int b = Regularity(noisy, StrideEntries);

        Assert.InRange(a, 950, 1000);
        Assert.InRange(b, -400, 400);
        Assert.NotEqual(0, b); // a measured zero is never "not measured"
    }

    /// <summary>A bout over <paramref name="ring"/> whose steps fall every half stride from entry 4 on; its regularity ×1000.</summary>
    private static int Regularity(sbyte[] ring, int strideEntries)
    {
        var regularity = new StrideRegularity(ring);
        var outcome = new WalkingBoutOutcome();
        int stepUs = strideEntries * VerticalHistory.EntryUs / 2;
        regularity.OnBoutStart();
        for (int step = 0; step < 10; step++)
        {
            int entry = 4 + (step * strideEntries / 2);
            regularity.OnStep(entry, entry + 2, stepUs);
        }

        regularity.Fill(outcome);
        return outcome.StrideRegularityPermille;
    }

    /// <summary>A history whose entry k (k = 0 … Entries − 1) is f(k) + offset, 1/128 g.</summary>
    private static sbyte[] Ring(Func<int, double> f, int offset)
    {
        var ring = new sbyte[VerticalHistory.Entries];
        for (int k = 0; k < ring.Length; k++)
        {
            ring[k] = (sbyte)Math.Round(f(k) + offset);
        }

        return ring;
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
