using LumbarBand.Core.Gait;
using LumbarBand.Core.Sensing;

namespace LumbarBand.Core.Tests.Gait;

/// <summary>
/// The walking decision on its own, fed candidate steps directly (contact sample, time, smoothed vertical peak):
/// confirmation, the trimming of weak starting and stopping steps, impacts, and second humps.
/// </summary>
public sealed class WalkingBoutTrackerTests
{
    /// <summary>0.56 s between steps (107 steps/min), in samples.</summary>
    private const int Step = 28;

    /// <summary>A walking step's peak: 0.25 g.</summary>
    private const int Strong = 1024;

    /// <summary>A stopping step's peak: 0.05 g, a fifth of the walking steps.</summary>
    private const int Weak = 205;

    [Fact]
    public void FewerStepsThanABoutGiveNothing()
    {
        var run = new Run();
        run.Steps(WalkingBoutTracker.ConfirmSteps - 1, Strong);
        run.Pause();
        Assert.Empty(run.StepTimes);
        Assert.Equal(0, run.Tracker.Bouts);
    }

    [Fact]
    public void ConfirmingStepsArriveTogetherWithTheirOwnTimes()
    {
        var run = new Run();
        run.Steps(WalkingBoutTracker.ConfirmSteps - 1, Strong);
        Assert.Empty(run.StepTimes);
        run.Steps(1, Strong);
        Assert.Equal(WalkingBoutTracker.ConfirmSteps, run.StepTimes.Count);
        Assert.True(run.Tracker.IsWalking);
        for (int k = 0; k < run.StepTimes.Count; k++)
        {
            Assert.Equal(run.ContactTimesUs[k], run.StepTimes[k]);
        }
    }

    [Fact]
    public void AStepTheDetectorMissedWhileConfirmingLeavesTheRunWhole()
    {
        // A turn's short step, then a step the detector missed (a bend): the interval spanning it is 2.7 times the one
        // before but 2.3 times the run's mean, so it counts as two of the run's steps and six candidates confirm.
        var run = new Run();
        int[] intervals = { 28, 28, 22, 60, 28 };
        run.Candidate(run.Sample, Strong);
        foreach (int interval in intervals)
        {
            run.Sample += interval;
            run.Candidate(run.Sample, Strong);
        }

        Assert.True(run.Tracker.IsWalking);
        Assert.Equal(6, run.StepTimes.Count);
        // The cadence counts the missed step: the last four intervals 22, 30, 30, 28 (109 steps/min), not 28, 22, 60, 28 (87).
        Assert.InRange(run.Tracker.CadenceCentiStepsPerMinute, 10800, 11000);
    }

    [Fact]
    public void OnlyOneStepNearerTwoThanThreeMayBeMissedInAConfirmingRun()
    {
        Assert.False(Confirms(28, 28, 22, 84, 28)); // 3.2 times the run's mean: three steps or a pause, the run starts again
        Assert.False(Confirms(28, 22, 60, 22, 60)); // a second miss in one run: not walking's rhythm
        Assert.True(Confirms(28, 22, 60, 22, 28));

        static bool Confirms(params int[] intervals)
        {
            var run = new Run();
            run.Candidate(run.Sample, Strong);
            foreach (int interval in intervals)
            {
                run.Sample += interval;
                run.Candidate(run.Sample, Strong);
            }

            return run.Tracker.IsWalking;
        }
    }

    [Fact]
    public void StoppingStepsAreDroppedWhenTheBoutEnds()
    {
        var run = new Run();
        run.Steps(10, Strong);
        run.Steps(WalkingBoutTracker.MaxStoppingSteps, Weak);
        run.Pause();
        Assert.Equal(10, run.StepTimes.Count);
        BandEvent end = Assert.Single(run.Events, e => e.Kind == BandEventKind.BoutEnd);
        Assert.Equal(10, end.Value);
        Assert.Equal(run.ContactTimesUs[9], end.TimeUs);
        Assert.Equal(10, run.Tracker.TotalSteps);
    }

    [Fact]
    public void WeakStepsInsideABoutAreCounted()
    {
        var run = new Run();
        run.Steps(8, Strong);
        run.Steps(2, Weak);
        run.Steps(4, Strong);
        run.Pause();
        Assert.Equal(14, run.StepTimes.Count);
        Assert.Equal(run.ContactTimesUs, run.StepTimes);
    }

    [Fact]
    public void ALongRunOfWeakStepsIsSlowWalkingNotStopping()
    {
        var run = new Run();
        run.Steps(8, Strong);
        run.Steps(WalkingBoutTracker.MaxStoppingSteps + 1, Weak);
        run.Pause();
        Assert.Equal(8 + WalkingBoutTracker.MaxStoppingSteps + 1, run.StepTimes.Count);
    }

    [Fact]
    public void AWeakStartingStepIsNotCounted()
    {
        var run = new Run();
        run.Steps(1, Strong / 8);
        run.Steps(9, Strong);
        run.Pause();
        Assert.Equal(9, run.StepTimes.Count);
        Assert.Equal(run.ContactTimesUs[1], run.StepTimes[0]);
        BandEvent start = Assert.Single(run.Events, e => e.Kind == BandEventKind.BoutStart);
        Assert.Equal(run.ContactTimesUs[1], start.TimeUs);
    }

    [Fact]
    public void AFewStepsToAChairThatMakeFewerStridesThanABoutAreNoBout()
    {
        // A weight shift, then five steps and a stop: confirmed as walking (six candidates), but with the weak first
        // left out five steps are under the Mobilise-D bout's 4 strides: no step, no bout, although walking was
        // believed for a moment.
        var run = new Run();
        run.Steps(1, Strong / 8);
        run.Steps(WalkingBoutTracker.ConfirmSteps - 1, Strong);
        Assert.True(run.Tracker.IsWalking);
        run.Pause();
        Assert.Empty(run.Events);
        Assert.Equal(0, run.Tracker.Bouts);
        Assert.Equal(0, run.Tracker.TotalSteps);
    }

    [Fact]
    public void AWalkConfirmedWithTooFewCountedStepsIsReportedAtItsSixthStepWithEveryStepsOwnTime()
    {
        var run = new Run();
        run.Steps(1, Strong / 8);
        run.Steps(WalkingBoutTracker.ConfirmSteps - 1, Strong);
        Assert.Empty(run.Events);
        run.Steps(1, Strong);
        BandEvent start = Assert.Single(run.Events, e => e.Kind == BandEventKind.BoutStart);
        Assert.Equal(run.ContactTimesUs[1], start.TimeUs);
        Assert.Equal(run.ContactTimesUs.Skip(1), run.StepTimes);
        Assert.Equal(Enumerable.Range(1, WalkingBoutTracker.ConfirmSteps), run.Events.Where(e => e.Kind == BandEventKind.Step).Select(e => e.Value));
        run.Steps(2, Strong);
        run.Pause();
        Assert.Equal(run.ContactTimesUs.Skip(1), run.StepTimes);
        Assert.Equal(WalkingBoutTracker.ConfirmSteps + 2, Assert.Single(run.Events, e => e.Kind == BandEventKind.BoutEnd).Value);
        Assert.Equal(1, run.Tracker.Bouts);
    }

    [Fact]
    public void AnImpactEndsTheBoutAndIsNoStep()
    {
        // Walking to a chair and sitting down: the seat's jolt is three times the steps.
        var run = new Run();
        run.Steps(10, Strong);
        run.Steps(1, 3 * Strong);
        run.Steps(2, Strong / 2);
        run.Pause();
        Assert.Equal(10, run.StepTimes.Count);
        Assert.Equal(1, run.Tracker.Bouts);
        Assert.Single(run.Events, e => e.Kind == BandEventKind.BoutEnd);
    }

    [Fact]
    public void AWalkThatEndsOnASeatCountsItsLastStrongStepHeldForThePauseBeforeItButNotAWeakOne()
    {
        // Ten steps, a pause of a step (slowing down at the chair), a last full step, then the seat's jolt.
        var run = new Run();
        run.Steps(10, Strong);
        run.Sample += Step;
        run.Steps(1, Strong);
        run.Candidate(run.Sample, 3 * Strong);
        run.Pause();
        Assert.Equal(run.ContactTimesUs, run.StepTimes);
        Assert.Equal(11, Assert.Single(run.Events, e => e.Kind == BandEventKind.BoutEnd).Value);

        // A weak step before the jolt is a braking step: dropped as at any end.
        var weak = new Run();
        weak.Steps(10, Strong);
        weak.Steps(1, Weak);
        weak.Candidate(weak.Sample, 3 * Strong);
        weak.Pause();
        Assert.Equal(weak.ContactTimesUs.Take(10), weak.StepTimes);
    }

    [Fact]
    public void BriskStepsAboveTheImpactLevelAreSteps()
    {
        // Steps of 0.42 and 0.78 g in turn (0.6 g ± 30%), above the 0.5 g impact level: a brisk walk, not impacts.
        const int brisk = 2458;
        var run = new Run();
        for (int k = 0; k < 20; k++)
        {
            run.Steps(1, k % 2 == 0 ? brisk * 7 / 10 : brisk * 13 / 10);
        }

        run.Pause();
        Assert.Equal(20, run.StepTimes.Count);
    }

    [Fact]
    public void ASecondHumpWhileConfirmingIsSkipped()
    {
        // A slow walk (0.8 s a step, 75 steps/min) with a bump 0.36 s after the third step: less than half a step.
        var run = new Run { StepSamples = 40 };
        run.Steps(3, Strong);
        run.Candidate(run.Sample - 40 + 18, Strong / 4);
        run.Steps(2, Strong);
        Assert.Empty(run.StepTimes);
        run.Steps(1, Strong);
        Assert.Equal(run.ContactTimesUs, run.StepTimes);
        Assert.True(run.Tracker.IsWalking);
    }

    [Fact]
    public void AStepSoonAfterAPauseBeforeWalkingIsNoHump()
    {
        // A candidate (rising from a seat), 1.28 s of nothing, then walking at 0.6 s a step: the walk's second step
        // comes sooner than half of the pause, but the pause is no walking interval to judge a hump by.
        var run = new Run { StepSamples = 30 };
        int first = run.Sample;
        run.Candidate(first, Strong);
        run.Sample = first + 64;
        run.Steps(7, Strong);
        run.Pause();
        Assert.Equal(run.ContactTimesUs, run.StepTimes);
    }

    [Fact]
    public void AnIrregularIntervalRestartsTheConfirmation()
    {
        // Three steps, then one 85 samples after the last (three steps' time: a pause, not one missed step, see
        // AStepTheDetectorMissedWhileConfirmingLeavesTheRunWhole): the steps before it are not part of the walk; it and
        // the five steps after it are.
        var run = new Run();
        run.Steps(3, Strong);
        run.Sample += 57;
        run.Steps(5, Strong);
        Assert.Empty(run.StepTimes);
        run.Steps(1, Strong);
        Assert.Equal(run.ContactTimesUs.Skip(3), run.StepTimes);
    }

    [Fact]
    public void VerySlowWalkingAt35StepsPerMinuteIsWalking()
    {
        // 85 samples = 1.7 s a step: the slowest walkers the band is for (MS with an aid, 35 steps/min).
        var run = new Run { StepSamples = 85 };
        run.Steps(10, Weak);
        run.Pause();
        Assert.Equal(run.ContactTimesUs, run.StepTimes);
        Assert.Equal(1, run.Tracker.Bouts);
    }

    [Fact]
    public void ShufflingOnTheSpotThatBarelyLiftsThePelvisIsNoWalk()
    {
        // A walking rhythm and step-like peaks, but a swing of 0.05 g over 0.56 s lifts the pelvis by 3.8 mm.
        int swing = 205;
        Assert.True(WalkingBoutTracker.RiseTenthsMm(swing, Step) < WalkingBoutTracker.MinConfirmRiseTenthsMm);
        var run = new Run();
        for (int k = 0; k < 12; k++, run.Sample += Step)
        {
            run.Candidate(run.Sample, Strong, swing);
        }

        run.Pause();
        Assert.Empty(run.StepTimes);
        Assert.Equal(0, run.Tracker.Bouts);
    }

    [Fact]
    public void TheRiseOfAStepFollowsTheSinusoidOfTheInvertedPendulum()
    {
        // 0.3 g from trough to peak over a 0.56 s step: 0.3 × 9.80665 × 0.56² / (4π²) = 2.34 cm.
        Assert.InRange(WalkingBoutTracker.RiseTenthsMm(1229, 28), 232, 235);
    }

    [Fact]
    public void ASecondHumpInsideASlowBoutIsNoStep()
    {
        // 50 steps/min (60 samples) with a bump 30 samples after each step, as the loading of a slow step with an
        // aid gives: half a step is too soon for the next step.
        var run = new Run { StepSamples = 60 };
        run.Steps(8, Strong);
        for (int k = 0; k < 6; k++)
        {
            run.ContactTimesUs.Add(Run.TimeUs(run.Sample));
            run.Candidate(run.Sample, Strong);
            run.Candidate(run.Sample + 30, Weak);
            run.Sample += 60;
        }

        run.Pause();
        Assert.Equal(run.ContactTimesUs, run.StepTimes);
    }

    [Fact]
    public void AnEarlyImpactThatDoesNotTurnThePelvisIsAWalkingAidNotAStep()
    {
        // 50 steps/min (60 samples), each step turning the pelvis by 6° from contact to detection; an aid lands 40
        // samples after each step (after the rival window of 5/8, before 3/4 of the rhythm) with the pelvis still: 0.4°.
        var run = new Run { StepSamples = 60, StepYaw = 6 * PelvisRotation.UnitsPerTenDegrees / 10 };
        run.Steps(8, Strong);
        var aids = new List<long>();
        for (int k = 0; k < 6; k++)
        {
            run.ContactTimesUs.Add(Run.TimeUs(run.Sample));
            run.Candidate(run.Sample, Strong, yaw: run.StepYaw);
            aids.Add(Run.TimeUs(run.Sample + 40));
            run.Candidate(run.Sample + 40, Strong, yaw: PelvisRotation.UnitsPerTenDegrees / 25);
            run.Sample += 60;
        }

        run.Pause();
        Assert.Equal(run.ContactTimesUs, run.StepTimes);
        Assert.DoesNotContain(aids[0], run.StepTimes);
    }

    [Fact]
    public void AnEarlyStepIsKeptWhileTurningOrWhenTheGaitBarelyTurnsThePelvis()
    {
        // The same early, still candidate counts while the wearer turns (a turn's rotation hides the step's), and in a
        // gait whose steps turn the pelvis by less than AidMinMeanYaw (its rotation cannot tell an impact from a step).
        foreach ((int stepYaw, bool turning) in new[] { (6 * PelvisRotation.UnitsPerTenDegrees / 10, true), (WalkingBoutTracker.AidMinMeanYaw / 2, false) })
        {
            var run = new Run { StepSamples = 60, StepYaw = stepYaw };
            run.Steps(8, Strong);
            int early = run.Sample - 60 + 40;
            run.Candidate(early, Strong, yaw: 0, turning: turning);
            run.Pause();
            Assert.Contains(Run.TimeUs(early), run.StepTimes);
        }
    }

    [Fact]
    public void ATurningCandidateHalfwayBetweenTwoStepsIsATurnsStep()
    {
        // A walk at 50 steps/min (60 samples) turns: its steps come at 30 samples, but the detector found only every
        // other one as an on-rhythm step, with the turn's steps 30 samples after each, inside the rival window.
        var run = new Run { StepSamples = 60 };
        run.Steps(8, Strong);
        var turnSteps = new List<long>();
        for (int k = 0; k < 4; k++)
        {
            turnSteps.Add(Run.TimeUs(run.Sample - 30));
            run.Candidate(run.Sample - 30, Strong, turning: true);
            run.ContactTimesUs.Add(Run.TimeUs(run.Sample));
            run.Candidate(run.Sample, Strong, turning: true);
            run.Sample += 60;
        }

        run.Pause();
        Assert.All(turnSteps, t => Assert.Contains(t, run.StepTimes));
        Assert.Equal(run.ContactTimesUs.Count + turnSteps.Count, run.StepTimes.Count);
        Assert.Equal(run.StepTimes.OrderBy(t => t), run.StepTimes);
    }

    [Fact]
    public void AfterATurnsStepIsCountedHalfwayTheRhythmIsTheTurnsSoItsNextIrregularStepIsNoRival()
    {
        // A slow walk (60 samples a step) turns at twice its step rate: the turn's first step is found halfway and
        // counted by the halves rule; its next steps come 30 then 50 samples apart (turning steps are irregular). With
        // the whole 60-sample interval left in the rhythm, the rival window (37 samples) dropped the step 30 samples
        // on, and 30 and 50 are not halves of 80, so it was lost.
        var run = new Run { StepSamples = 60 };
        run.Steps(8, Strong);
        int halfway = run.Sample - 30;
        run.Candidate(halfway, Strong, turning: true);
        int onRhythm = run.Sample;
        run.Candidate(onRhythm, Strong, turning: true);
        int next = onRhythm + 30;
        run.Candidate(next, Strong, turning: true);
        int after = next + 50;
        run.Candidate(after, Strong, turning: true);
        run.Candidate(after + 40, Strong, turning: true);
        run.Pause();
        foreach (int step in new[] { halfway, onRhythm, next, after, after + 40 })
        {
            Assert.Contains(Run.TimeUs(step), run.StepTimes);
        }

        Assert.Equal(run.ContactTimesUs.Count + 5, run.StepTimes.Count);
    }

    [Fact]
    public void AfterAHesitationTheStepThatShowsWalkingGoesOnIsJudgedAgainstTheWalksStepsNotTheHeldOne()
    {
        // A walk, a pause of two steps, then a weak step (held: after a hesitation) and a step at 0.44 of the walk's
        // peak: weak against the walk (below half of it), though not against a mean the held weak step had lowered
        // (1024 -> 819, half 409). Both are the stop's, dropped when the bout ends.
        var run = new Run();
        run.Steps(10, Strong);
        int held = run.Sample + Step;
        run.Candidate(held, Weak);
        run.Candidate(held + Step, 450);
        run.Pause();
        Assert.DoesNotContain(Run.TimeUs(held), run.StepTimes);
        Assert.DoesNotContain(Run.TimeUs(held + Step), run.StepTimes);
        Assert.Equal(run.ContactTimesUs, run.StepTimes);
    }

    [Fact]
    public void AHalfwayCandidateIsNoStepOffATurnWhenWeakOrWhenNotHalfway()
    {
        // The same halfway candidate on a straight path (a second hump, an aid's impact), a weak one while turning, and
        // a strong turning one a third of the way (halves differing by more than a quarter) are no steps.
        foreach ((int offset, int peak, bool turning) in new[] { (30, Strong, false), (30, Weak, true), (20, Strong, true) })
        {
            var run = new Run { StepSamples = 60 };
            run.Steps(8, Strong);
            int rival = run.Sample - 60 + offset;
            run.Candidate(rival, peak, turning: turning);
            run.Steps(2, Strong);
            run.Pause();
            Assert.DoesNotContain(Run.TimeUs(rival), run.StepTimes);
            Assert.Equal(run.ContactTimesUs, run.StepTimes);
        }
    }

    [Fact]
    public void PelvisRotationGivesTheYawTurnedSinceAContact()
    {
        // 10 °/s (327 counts) for 12 updates at 12.5 Hz: 0.8° an update; from sample 24 (update 6) to the last (48): 4.8°.
        var rotation = new PelvisRotation();
        for (int update = 1; update <= 12; update++)
        {
            rotation.Update(327, update * 4);
        }

        Assert.Equal(6 * 327, rotation.SinceSample(24));
        Assert.Equal(6 * 327, rotation.SinceSample(27));
        Assert.Equal((PelvisRotation.HistoryUpdates - 1) * 327, rotation.SinceSample(0));
    }

    [Fact]
    public void AFirstStepBeforeAHesitationIsNotTheWalksFirst()
    {
        // A candidate, two steps' time of nothing (standing up, a weight shift), then walking at a steady rhythm.
        var run = new Run();
        int first = run.Sample;
        run.Candidate(first, Strong);
        run.Sample = first + (2 * Step);
        run.Steps(7, Strong);
        run.Pause();
        Assert.DoesNotContain(Run.TimeUs(first), run.StepTimes);
        Assert.Equal(run.ContactTimesUs, run.StepTimes);
    }

    /// <summary>Feeds a tracker candidate steps at a steady rhythm and collects its events.</summary>
    private sealed class Run
    {
        private readonly EventQueue _events = new(64);
        private int _ticked;

        public Run()
        {
            Tracker = new WalkingBoutTracker(_events);
        }

        public WalkingBoutTracker Tracker { get; }

        /// <summary>Sample of the next step's contact.</summary>
        public int Sample { get; set; } = 100;

        /// <summary>Samples from one step to the next.</summary>
        public int StepSamples { get; init; } = Step;

        /// <summary>Each step's yaw since its contact, <see cref="PelvisRotation"/> units (409.6 = 1°); none by default.</summary>
        public int StepYaw { get; init; }

        public List<long> ContactTimesUs { get; } = [];

        public List<BandEvent> Events { get; } = [];

        public List<long> StepTimes => Events.Where(e => e.Kind == BandEventKind.Step).Select(e => e.TimeUs).ToList();

        public void Steps(int count, int peak)
        {
            for (int k = 0; k < count; k++)
            {
                ContactTimesUs.Add(TimeUs(Sample));
                Candidate(Sample, peak, yaw: (k & 1) == 0 ? StepYaw : -StepYaw);
                Sample += StepSamples;
            }
        }

        /// <summary>
        /// A candidate at <paramref name="sample"/>, ticking the tracker up to its detection; its trough-to-peak swing is
        /// <paramref name="swing"/>, by default twice its peak, as in walking (the trough before a step's loading peak
        /// lies about as far below gravity as the peak above it).
        /// </summary>
        public void Candidate(int sample, int peak, int swing = -1, int yaw = 0, bool turning = false)
        {
            Tick(sample + 10);
            Tracker.OnCandidateStep(sample, TimeUs(sample), peak, swing < 0 ? 2 * peak : swing, yaw, turning);
            Drain();
        }

        /// <summary>Long enough without steps for the bout to end.</summary>
        public void Pause()
        {
            Tick(Sample + (4 * ImuFormat.SampleRateHz));
            Sample += 4 * ImuFormat.SampleRateHz;
        }

        public static long TimeUs(int sample) => (long)sample * ImuFormat.SamplePeriodUs;

        private void Tick(int upTo)
        {
            for (int s = _ticked + 1; s <= upTo; s++)
            {
                Tracker.Tick(s);
            }

            _ticked = Math.Max(_ticked, upTo);
            Drain();
        }

        private void Drain()
        {
            while (_events.TryTake(out BandEvent e))
            {
                Events.Add(e);
            }
        }
    }
}
