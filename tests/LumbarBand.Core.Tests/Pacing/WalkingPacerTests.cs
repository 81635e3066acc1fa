using LumbarBand.Core.Configuration;
using LumbarBand.Core.Cueing;
using LumbarBand.Core.Pacing;
using LumbarBand.Core.Tests.Cueing;

namespace LumbarBand.Core.Tests.Pacing;

/// <summary>The pacer's rules on bare events and ticks (the band's walking changes and due times), without the IMU.</summary>
public sealed class WalkingPacerTests
{
    private const long S = 1_000_000;

    private sealed class Driver
    {
        public Driver(BandSettings settings)
        {
            Player = new HapticPlayer(Motor);
            Pacer = new WalkingPacer(Events, Player, settings);
        }

        public EventQueue Events { get; } = new(16);

        public RecordingMotor Motor { get; } = new();

        public HapticPlayer Player { get; }

        public WalkingPacer Pacer { get; }

        public List<Stretch> Finished { get; } = [];

        public List<BandEvent> Emitted { get; } = [];

        public long NowUs { get; private set; }

        public Driver Walk(double seconds) => Event(BandEventKind.BoutStart).Until(seconds).Event(BandEventKind.BoutEnd);

        public Driver Stop(double seconds) => Until(seconds);

        public Driver Pain() => Event(BandEventKind.PainMarker);

        private Driver Event(BandEventKind kind)
        {
            if (Pacer.OnEvent(kind, NowUs))
            {
                Keep();
            }

            return this;
        }

        /// <summary>Ticks every 80 ms (the band's fourth sample) for <paramref name="seconds"/>.</summary>
        private Driver Until(double seconds)
        {
            long end = NowUs + (long)(seconds * S);
            for (; NowUs < end; NowUs += 80_000)
            {
                Motor.NowUs = NowUs;
                Player.Tick(NowUs);
                if (NowUs >= Pacer.DueUs && Pacer.Tick(NowUs))
                {
                    Keep();
                }

                while (Events.TryTake(out BandEvent e))
                {
                    Emitted.Add(e);
                }
            }

            return this;
        }

        private void Keep()
        {
            var copy = new Stretch();
            copy.CopyFrom(Pacer.LastStretch);
            Finished.Add(copy);
        }
    }

    [Fact]
    public void WithoutAPlanThePacerIsNeverDueAndDoesNothing()
    {
        var d = new Driver(new BandSettings());
        d.Walk(600).Stop(100).Walk(600).Pain().Stop(400);

        Assert.Equal(WalkingPacer.Never, d.Pacer.DueUs);
        Assert.Empty(d.Emitted);
        Assert.Empty(d.Finished);
        Assert.Empty(d.Motor.Calls);
    }

    [Fact]
    public void AStopAsLongAsTheRestEndsTheStretchShortOfThePlanAndCountsAsItsRest()
    {
        var d = new Driver(PlanWalkRig.Plan(walkS: 120, restS: 40, stretches: 3));
        d.Walk(50).Pain().Stop(45).Walk(130).Stop(45);

        Assert.Equal(2, d.Finished.Count);
        Stretch early = d.Finished[0];
        Assert.Equal(1, early.Number);
        Assert.InRange(early.WalkedUs, 50 * S, (50 * S) + 80_000);
        Assert.Equal(40 * S, early.RestUs);
        Assert.Equal(StretchFlags.Pain | StretchFlags.PainBeforePlan | StretchFlags.RestComplete, early.Flags);
        Assert.Equal(2, d.Finished[1].Number);
        Assert.Equal([BandEventKind.RestOver, BandEventKind.RestDue, BandEventKind.RestOver], d.Emitted.Select(e => e.Kind));
    }

    [Fact]
    public void WalkingOnBeforeTheRestIsOverCutsTheRestShortAndStartsTheNextStretch()
    {
        var d = new Driver(PlanWalkRig.Plan(walkS: 60, restS: 40, stretches: 2));
        d.Walk(65).Stop(15).Walk(70).Stop(45);

        Assert.Equal(2, d.Finished.Count);
        Assert.InRange(d.Finished[0].RestUs, 15 * S, (15 * S) + 80_000);
        Assert.Equal(StretchFlags.ReachedPlan, d.Finished[0].Flags);
        Assert.Equal(StretchFlags.ReachedPlan | StretchFlags.RestComplete | StretchFlags.Last, d.Finished[1].Flags);
        Assert.Equal(PacingPhase.Done, d.Pacer.Phase);
    }

    [Fact]
    public void AfterTheIdleTimeTheNextWalkStartsAtStretchOneAgain()
    {
        var d = new Driver(PlanWalkRig.Plan(walkS: 60, restS: 30, stretches: 2));
        d.Walk(70).Stop(40).Walk(70).Stop(PlanWalkRig.IdleSeconds + 1);
        Assert.Equal(PacingPhase.Idle, d.Pacer.Phase);

        d.Walk(10);
        Assert.Equal(1, d.Pacer.StretchNumber);
    }

    [Fact]
    public void APostureCueCannotReplaceAPacingPatternButAPacingPatternReplacesACue()
    {
        var player = new HapticPlayer(null);
        Assert.True(player.Play(PacingPatterns.Rest, 0, HapticPriority.Pacing));
        Assert.False(player.Play(HapticPatterns.Strong, 100_000));
        Assert.Same(PacingPatterns.Rest, player.Current);

        player.Tick(3_000_000);
        Assert.True(player.Play(HapticPatterns.Gentle, 3_000_000));
        Assert.True(player.Play(PacingPatterns.Ready, 3_100_000, HapticPriority.Pacing));
        Assert.Same(PacingPatterns.Ready, player.Current);
    }

    [Fact]
    public void ThePacingPatternsAreUnlikeEveryPostureCue()
    {
        foreach (HapticPattern cue in new[] { HapticPatterns.Gentle, HapticPatterns.Firm, HapticPatterns.Strong })
        {
            Assert.True(PacingPatterns.Rest.StepMs(0) >= 2 * cue.StepMs(0), "rest pulses are at least twice as long as any cue's");
            Assert.True(PacingPatterns.Ready.PulseCount > cue.PulseCount && PacingPatterns.Ready.StepMs(0) < cue.StepMs(0), "ready taps are more and shorter");
        }
    }
}
