using LumbarBand.Analysis.Simulation;
using LumbarBand.Core.Configuration;
using LumbarBand.Core.Cueing;
using LumbarBand.Core.Pacing;
using LumbarBand.Core.Session;
using LumbarBand.Core.Storage;
using LumbarBand.Core.Tests.Session;
using Xunit.Abstractions;

namespace LumbarBand.Core.Tests.Pacing;

/// <summary>
/// The walking plan (issue 15) through <see cref="Band"/> on simulated walks (labelled simulated: the built-in walk
/// simulator, quantized to device counts): "time to rest" within 1 s of the planned walking time, a 20 s stop that
/// does not restart a stretch, posture cues that never delay or swallow the rest pattern, stretches and pain markers
/// in the stored session, and a band without a plan that stores what it stored before.
/// </summary>
public sealed class WalkingPlanScenarioTests(ITestOutputHelper output)
{
    private const double Cadence = BuiltInWalks.NormalCadenceSpm;
    private const double RestPulseS = 1.0;
    private const double RestGapS = 0.4;

    /// <summary>Two stretches of 60 s with 30 s rests; the walker walks on 30 s past the first, presses pain 30 s into the second.</summary>
    private static readonly Lazy<(PlanWalkRig Rig, SimulatedWalk Walk)> TwoStretches = new(() =>
    {
        SimulatedWalk walk = PlanWalkRig.Simulate(new WalkScript().Stand(5).Walk(90, Cadence).Stand(40).Walk(70, Cadence).Stand(75), seed: 4);
        PlanWalkRig rig = new PlanWalkRig(PlanWalkRig.Plan(walkS: 60, restS: 30, stretches: 2)).Run(walk, walk.Segments[3].StartS + 30);
        return (rig, walk);
    });

    [Fact]
    public void TheRestPatternComesWithinOneSecondOfThePlannedWalkingTime()
    {
        (PlanWalkRig rig, SimulatedWalk walk) = TwoStretches.Value;

        List<double> rests = rig.TimesOf(BandEventKind.RestDue);
        Assert.Equal(2, rests.Count);
        foreach ((double rest, int segment) in rests.Zip([1, 3]))
        {
            double planned = walk.Segments[segment].StartS + 60;
            Assert.True(Math.Abs(rest - planned) <= 1.0, $"time to rest at {rest:0.00} s, the walk reached 60 s at {planned:0.00} s");
            double bandPlanned = rig.WhenWalked(60, walk.Segments[segment].StartS - 1);
            Assert.True(Math.Abs(rest - bandPlanned) <= 0.1, $"time to rest at {rest:0.00} s, the band's confirmed walking reached 60 s at {bandPlanned:0.00} s");
            AssertRestPatternPlayedWhole(rig, rest);
            output.WriteLine($"stretch {(segment + 1) / 2}: time to rest at {rest:0.00} s; simulated walking reached 60 s at {planned:0.00} s ({rest - planned:+0.00;-0.00} s), the band's confirmed walking at {bandPlanned:0.00} s");
        }

        Assert.Equal([1, 2], rig.Events.Where(e => e.Kind == BandEventKind.RestDue).Select(e => e.Value));
    }

    [Fact]
    public void ReadyToGoPlaysWhenTheRestBetweenStretchesIsOverAndNotAfterTheLast()
    {
        (PlanWalkRig rig, SimulatedWalk walk) = TwoStretches.Value;

        double stopped = rig.TimesOf(BandEventKind.BoutEnd).First(t => t > walk.Segments[1].StartS + 60);
        double over = Assert.Single(rig.TimesOf(BandEventKind.RestOver));
        Assert.InRange(over - stopped, 30, 30.1);
        (long start, long duration, int duty)[] taps = [.. rig.Motor.Pulses().Where(p => p.StartUs >= (over - 0.01) * 1e6 && p.StartUs < (over + 1) * 1e6)];
        Assert.Equal(PacingPatterns.Ready.PulseCount, taps.Length);
        Assert.All(taps, p => Assert.Equal(PacingPatterns.Ready.IntensityPercent, p.duty));
        Assert.All(taps, p => Assert.InRange(p.duration, 100_000, 140_000));
    }

    [Fact]
    public void TheSessionRecordsEachStretchAndAPainMarkerBeforeThePlansTime()
    {
        (PlanWalkRig rig, SimulatedWalk walk) = TwoStretches.Value;

        SessionContent session = Assert.Single(rig.Sessions());
        Assert.Equal(SessionHeader.CurrentFormatVersion, session.Header.FormatVersion);
        Assert.Equal(2, session.StretchCount);
        SessionStretchRecord first = session.Stretch(0);
        SessionStretchRecord second = session.Stretch(1);
        Assert.Equal([1, 2], new[] { first.Number, second.Number });
        Assert.All(new[] { first, second }, s => Assert.Equal(60, s.PlannedWalkSeconds));
        Assert.All(new[] { first, second }, s => Assert.Equal(30, s.PlannedRestSeconds));
        Assert.InRange(first.WalkedMs / 1000.0, 88, 91);
        Assert.InRange(second.WalkedMs / 1000.0, 68, 71);
        Assert.Equal(30_000u, first.RestMs);
        Assert.Equal(StretchFlags.ReachedPlan | StretchFlags.RestComplete, first.Flags);
        Assert.Equal(
            StretchFlags.ReachedPlan | StretchFlags.RestComplete | StretchFlags.Pain | StretchFlags.PainBeforePlan | StretchFlags.Last,
            second.Flags);
        Assert.InRange(first.Steps, 150, 160);

        // Walking minutes before pain stay the session's: all the walking before the press, both stretches.
        Assert.InRange(session.Footer.WalkingMsBeforePain / 1000.0, first.WalkedMs / 1000.0 + 28, first.WalkedMs / 1000.0 + 31);
    }

    [Fact]
    public void StandingStillTwentySecondsInsideAStretchDoesNotRestartIt()
    {
        SimulatedWalk walk = PlanWalkRig.Simulate(new WalkScript().Stand(5).Walk(40, Cadence).Stand(20).Walk(40, Cadence).Stand(75), seed: 6);
        PlanWalkRig rig = new PlanWalkRig(PlanWalkRig.Plan(walkS: 60, restS: 30, stretches: 1)).Run(walk);

        double rest = Assert.Single(rig.TimesOf(BandEventKind.RestDue));
        double bandPlanned = rig.WhenWalked(60);
        Assert.True(Math.Abs(rest - bandPlanned) <= 0.1, $"time to rest at {rest:0.00} s, the band's walking reached 60 s at {bandPlanned:0.00} s");
        double planned = walk.Segments[3].StartS + 20;
        Assert.True(Math.Abs(rest - planned) <= 2.0, $"time to rest at {rest:0.00} s, 60 s of walking (40 + 20 after the stop) at {planned:0.00} s");
        output.WriteLine($"20 s stop inside the stretch: time to rest at {rest:0.00} s; simulated walking reached 60 s at {planned:0.00} s ({rest - planned:+0.00;-0.00} s), the band's confirmed walking at {bandPlanned:0.00} s");

        SessionStretchRecord stretch = Assert.Single(rig.Sessions()).Stretch(0);
        Assert.InRange(stretch.WalkedMs / 1000.0, 77, 81);
        Assert.InRange((stretch.WalkEndOffsetMs - stretch.StartOffsetMs) / 1000.0, 97, 102);
    }

    [Theory]
    [InlineData(50.0)]
    [InlineData(53.0)]
    [InlineData(54.5)]
    [InlineData(55.5)]
    public void PostureCuesNeverDelayOrSwallowTheRestPattern(double flexionOnsetS)
    {
        SimulatedWalk walk = PlanWalkRig.Simulate(
            new WalkScript().Stand(5).Walk(flexionOnsetS, Cadence).Walk(20, Cadence, flexionDeg: 30).Walk(15, Cadence).Stand(75), seed: 3);
        PlanWalkRig rig = new PlanWalkRig(PlanWalkRig.Plan(walkS: 60, restS: 30, stretches: 1)).Run(walk);

        double rest = Assert.Single(rig.TimesOf(BandEventKind.RestDue));
        double planned = walk.Segments[1].StartS + 60;
        Assert.True(Math.Abs(rest - planned) <= 1.0, $"time to rest at {rest:0.00} s, the walk reached 60 s at {planned:0.00} s");
        AssertRestPatternPlayedWhole(rig, rest);

        BandEvent cue = Assert.Single(rig.Events, e => e.Kind == BandEventKind.Cue);
        double cueS = cue.TimeUs / 1e6;
        Assert.True(Math.Abs(cueS - rest) < 6, $"the scenario puts the posture cue ({cueS:0.00} s) near the rest ({rest:0.00} s)");
        double restEnd = rest + (2 * RestPulseS) + RestGapS;
        Assert.Equal(cueS < rest || cueS >= restEnd, CueEventValue.Delivered(cue.Value));
        output.WriteLine($"flexion from {flexionOnsetS} s of walking: cue at {cueS:0.00} s ({(CueEventValue.Delivered(cue.Value) ? "played" : "recorded, not played: the rest pattern held the motor")}), time to rest at {rest:0.00} s ({rest - planned:+0.00;-0.00} s from 60 s of walking), played whole");
    }

    [Fact]
    public void WithoutAPlanTheBandStoresTheSameBytesWhateverThePlanSettingsHold()
    {
        SimulatedWalk walk = PlanWalkRig.Simulate(new WalkScript().Stand(5).Walk(70, Cadence).Stand(20).Walk(60, Cadence, flexionDeg: 30).Stand(75), seed: 8);
        PlanWalkRig none = new PlanWalkRig(PlanWalkRig.NoPlan()).Run(walk, 100);
        BandSettings inactive = PlanWalkRig.Plan(walkS: 30, restS: 10, stretches: 5, readyCue: false);
        Assert.True(inactive.Set(SettingId.PlanActive, 0).IsOk);
        PlanWalkRig idle = new PlanWalkRig(inactive).Run(walk, 100);
        PlanWalkRig active = new PlanWalkRig(PlanWalkRig.Plan(walkS: 30, restS: 10, stretches: 5)).Run(walk, 100);

        List<(byte Type, byte[] Bytes)> noneRecords = Records(SessionTestLog.StoredBytes(none.Log, 1));
        List<(byte Type, byte[] Bytes)> idleRecords = Records(SessionTestLog.StoredBytes(idle.Log, 1));
        Assert.Equal(noneRecords.Select(r => r.Type), idleRecords.Select(r => r.Type));
        Assert.DoesNotContain(noneRecords, r => r.Type == SessionRecordTypes.Stretch);
        foreach (((byte type, byte[] bytes), (_, byte[] other)) in noneRecords.Zip(idleRecords))
        {
            if (type != SessionRecordTypes.Settings)
            {
                Assert.Equal(bytes, other);
            }
        }

        Assert.Equal(none.Motor.Calls, idle.Motor.Calls);
        Assert.DoesNotContain(none.Events, e => e.Kind is BandEventKind.RestDue or BandEventKind.RestOver);

        // The header differs from format 1 in its version byte and, since format 3, the band's serial appended to the
        // 38 bytes (issue 16).
        byte[] header = noneRecords.Single(r => r.Type == SessionRecordTypes.Header).Bytes;
        Assert.Equal(RecordFormat.HeaderLength + SessionHeader.EncodedLength + RecordFormat.ChecksumLength, header.Length);
        Assert.Equal(38 + 4, SessionHeader.EncodedLength);
        Assert.Equal(SessionHeader.CurrentFormatVersion, header[RecordFormat.HeaderLength]);

        // With the plan active, the plan adds its stretch records and changes nothing else the session stores.
        SessionContent plain = SessionTestLog.Decode(SessionTestLog.StoredBytes(none.Log, 1));
        SessionContent planned = SessionTestLog.Decode(SessionTestLog.StoredBytes(active.Log, 1));
        Assert.True(planned.StretchCount >= 2, $"{planned.StretchCount} stretches");
        Assert.True(plain.HasFooter && planned.HasFooter, "both walks ended (idle time)");
        Assert.Equal(Payloads(plain), Payloads(planned));
    }

    /// <summary>The motor from <paramref name="restS"/> on: the rest pattern's two 1 s pulses at full duty, uncut.</summary>
    private static void AssertRestPatternPlayedWhole(PlanWalkRig rig, double restS)
    {
        (long StartUs, long DurationUs, int Duty)[] pulses = [.. rig.Motor.Pulses().Where(p => p.StartUs >= (restS - 0.01) * 1e6).Take(2)];
        Assert.Equal(2, pulses.Length);
        Assert.InRange(pulses[0].StartUs - (long)(restS * 1e6), -10_000, 10_000);
        Assert.All(pulses, p => Assert.Equal(PacingPatterns.Rest.IntensityPercent, p.Duty));
        Assert.All(pulses, p => Assert.InRange(p.DurationUs, 1_000_000, 1_020_000));
        Assert.InRange(pulses[1].StartUs - pulses[0].StartUs, 1_400_000, 1_420_000);
    }

    /// <summary>The records of a session's serialized form: type and encoded bytes of each.</summary>
    private static List<(byte Type, byte[] Bytes)> Records(byte[] session)
    {
        var records = new List<(byte, byte[])>();
        for (int at = 0; at < session.Length;)
        {
            Assert.Equal(DecodeResult.Ok, RecordCodec.Decode(session, at, session.Length - at, out RecordHeader header));
            records.Add((header.Type, session[at..(at + header.EncodedLength)]));
            at += header.EncodedLength;
        }

        return records;
    }

    /// <summary>What a decoded session holds besides its settings and stretches, as comparable text.</summary>
    private static List<string> Payloads(SessionContent content)
    {
        var lines = new List<string>();
        var bytes = new byte[64];
        content.Header.Encode(bytes, 0);
        lines.Add("header " + Convert.ToHexString(bytes, 5, SessionHeader.EncodedLength - 5));
        for (int i = 0; i < content.EpochCount; i++)
        {
            content.Epoch(i).Encode(bytes, 0);
            lines.Add("epoch " + Convert.ToHexString(bytes, 0, EpochSummary.EncodedLength));
        }

        for (int i = 0; i < content.EventCount; i++)
        {
            SessionEventRecord e = content.Event(i);
            lines.Add($"event {e.Kind} {e.OffsetMs} {e.Value}");
        }

        content.Footer.Encode(bytes, 0);
        lines.Add("footer " + Convert.ToHexString(bytes, 0, SessionFooter.EncodedLength));
        return lines;
    }
}
