using LumbarBand.Analysis.Simulation;
using LumbarBand.Core.Cueing;
using LumbarBand.Core.Gait;

namespace LumbarBand.Core.Tests.Gait;

/// <summary>The per-bout account: times, steps, cadence, cues and excessive posture of a bout, from the band's events.</summary>
public sealed class WalkingBoutAccountTests
{
    private const long Second = 1_000_000;

    [Fact]
    public void ABoutsOutcomeHoldsItsStepsCadenceCuesAndPostureExcessInsideIt()
    {
        var account = new WalkingBoutAccount();
        var outcome = new WalkingBoutOutcome();

        // Flexion in excess from 1 s (before the bout) to 4 s; lateral lean 3–6 s (union with it: 1–6 s).
        Assert.False(account.OnEvent(BandEventKind.ExcessiveMotionStart, 1 * Second, ExcessiveMotionValue.Pack(CueRule.Flexion, 0)));
        Assert.False(account.OnEvent(BandEventKind.BoutStart, 2 * Second, 0));
        for (int k = 0; k < 11; k++)
        {
            // 11 steps at 0.5 s: 2.0 .. 7.0 s, 120 steps/min.
            Assert.False(account.OnEvent(BandEventKind.Step, (2 * Second) + (k * Second / 2), k + 1));
            if (k == 2)
            {
                account.OnEvent(BandEventKind.Cue, 3 * Second, CueEventValue.Pack(CueRule.Flexion, 1, true));
                account.OnEvent(BandEventKind.ExcessiveMotionStart, 3 * Second, ExcessiveMotionValue.Pack(CueRule.LateralLean, 0));
            }
            else if (k == 4)
            {
                account.OnEvent(BandEventKind.ExcessiveMotionEnd, 4 * Second, ExcessiveMotionValue.Pack(CueRule.Flexion, 3 * Second));
            }
            else if (k == 8)
            {
                account.OnEvent(BandEventKind.ExcessiveMotionEnd, 6 * Second, ExcessiveMotionValue.Pack(CueRule.LateralLean, 3 * Second));
            }
        }

        // Sway excess is motion, not posture; a cue after the last step is not the bout's.
        account.OnEvent(BandEventKind.ExcessiveMotionStart, (6 * Second) + 1, ExcessiveMotionValue.Pack(CueRule.Sway, 0));
        account.OnEvent(BandEventKind.Cue, 8 * Second, CueEventValue.Pack(CueRule.Sway, 1, true));
        Assert.True(account.OnEvent(BandEventKind.BoutEnd, 7 * Second, 11));
        account.Fill(outcome);

        Assert.Equal(2 * Second, outcome.StartUs);
        Assert.Equal(7 * Second, outcome.EndUs);
        Assert.Equal(11, outcome.Steps);
        Assert.Equal(1200, outcome.CadenceDeciSpm);
        Assert.Equal(1, outcome.Cues);
        Assert.Equal(4, outcome.ExcessivePostureSeconds);
        Assert.False(account.InBout);
    }

    [Fact]
    public void PostureExcessStillOpenAtTheEndCountsUpToTheLastStep()
    {
        var account = new WalkingBoutAccount();
        var outcome = new WalkingBoutOutcome();
        account.OnEvent(BandEventKind.BoutStart, 10 * Second, 0);
        account.OnEvent(BandEventKind.Step, 10 * Second, 1);
        account.OnEvent(BandEventKind.ExcessiveMotionStart, 12 * Second, ExcessiveMotionValue.Pack(CueRule.LateralLean, 0));
        account.OnEvent(BandEventKind.Step, 20 * Second, 2);
        Assert.True(account.OnEvent(BandEventKind.BoutEnd, 20 * Second, 2));
        account.Fill(outcome);

        Assert.Equal(8, outcome.ExcessivePostureSeconds);
        Assert.Equal(60, outcome.CadenceDeciSpm);
    }

    [Fact]
    public void PostureExcessDoesNotCountWhileTurning()
    {
        var account = new WalkingBoutAccount();
        var outcome = new WalkingBoutOutcome();
        account.OnEvent(BandEventKind.BoutStart, 10 * Second, 0);
        account.OnTurning(11 * Second, false);
        account.OnEvent(BandEventKind.ExcessiveMotionStart, 12 * Second, ExcessiveMotionValue.Pack(CueRule.Flexion, 0));
        account.OnTurning(14 * Second, true);
        account.OnTurning(14 * Second + (Second / 5), true); // told at 5 Hz; only a change counts
        account.OnTurning(17 * Second, false);

        // A second turn, in which the flexion excess ends and a lean starts: neither counts until the turn ends.
        account.OnTurning(19 * Second, true);
        account.OnEvent(BandEventKind.ExcessiveMotionEnd, 20 * Second, ExcessiveMotionValue.Pack(CueRule.Flexion, 8 * Second));
        account.OnEvent(BandEventKind.ExcessiveMotionStart, 21 * Second, ExcessiveMotionValue.Pack(CueRule.LateralLean, 0));
        account.OnTurning(22 * Second, false);
        Assert.True(account.OnEvent(BandEventKind.BoutEnd, 30 * Second, 40));
        account.Fill(outcome);

        // 12–14 s and 17–19 s of flexion, 22–30 s of lean.
        Assert.Equal(12, outcome.ExcessivePostureSeconds);
    }

    [Fact]
    public void AnEndWithoutAStartIsNoBout()
    {
        Assert.False(new WalkingBoutAccount().OnEvent(BandEventKind.BoutEnd, Second, 5));
    }

    [Fact]
    public void BandGivesEachEndedBoutOfTheSimulatedWalkItsOutcome()
    {
        SimulatedWalk walk = BuiltInWalks.Demo();
        Analysis.Recordings.RawImuSamples raw = Analysis.Recordings.DeviceQuantizer.ToDevice(walk.Recording);
        var band = new Band();
        var outcomes = new List<WalkingBoutOutcome>();
        var ends = new List<BandEvent>();
        long firstStart = -1;
        for (int i = 0; i < raw.Count; i++)
        {
            band.OnSample(raw.TimeUs[i], raw.Ax[i], raw.Ay[i], raw.Az[i], raw.Gx[i], raw.Gy[i], raw.Gz[i]);
            while (band.Events.TryTake(out BandEvent e))
            {
                if (e.Kind == BandEventKind.BoutStart && firstStart < 0)
                {
                    firstStart = e.TimeUs;
                }

                if (e.Kind == BandEventKind.BoutEnd)
                {
                    ends.Add(e);
                    var copy = new WalkingBoutOutcome();
                    copy.CopyFrom(band.LastWalkingBout);
                    outcomes.Add(copy);
                }
            }
        }

        Assert.Equal(ends.Count, band.WalkingBoutsFinished);
        Assert.NotEmpty(outcomes);
        Assert.Equal(firstStart, outcomes[0].StartUs);
        for (int b = 0; b < outcomes.Count; b++)
        {
            WalkingBoutOutcome o = outcomes[b];
            Assert.Equal(ends[b].Value, o.Steps);
            Assert.Equal(ends[b].TimeUs, o.EndUs);
            double cadence = 60.0 * (o.Steps - 1) / ((o.EndUs - o.StartUs) / 1e6);
            Assert.InRange(o.CadenceDeciSpm / 10.0, cadence - 0.1, cadence + 0.1);
            Assert.InRange(o.CadenceDeciSpm, 800, 1400);
        }
    }
}
