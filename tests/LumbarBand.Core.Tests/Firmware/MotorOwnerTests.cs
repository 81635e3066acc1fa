using LumbarBand.Core.Cueing;
using LumbarBand.Core.Runtime;

namespace LumbarBand.Core.Tests.Firmware;

/// <summary>
/// One motor owner on the band: the band's own player plays button acknowledgements, posture cues and the walking
/// plan's signals in <see cref="HapticPriority"/> order, on the sampling thread; the motor's slow write crosses to the
/// control thread through a queue (<see cref="MotorCommandSender"/>).
/// </summary>
public sealed class MotorOwnerTests
{
    private static readonly HapticPattern Ack = new(60, [60]);
    private static readonly HapticPattern Cue = new(80, [200, 100, 200]);
    private static readonly HapticPattern Rest = new(100, [400]);

    [Fact]
    public void AcknowledgementsNeverCutACueOrARestSignalShort()
    {
        var queue = new SideEffectQueue(16);
        var player = new HapticPlayer(new MotorCommandSender(queue));
        Assert.True(player.Play(Cue, 0, HapticPriority.PostureCue));
        Assert.False(player.Play(Ack, 10_000, HapticPriority.Acknowledgement)); // the cue goes on
        Assert.Same(Cue, player.Current);
        Assert.True(player.Play(Rest, 20_000, HapticPriority.Pacing));
        Assert.False(player.Play(Cue, 30_000, HapticPriority.PostureCue));
        Assert.False(player.Play(Ack, 40_000, HapticPriority.Acknowledgement));
        player.Tick(500_000);
        Assert.False(player.IsPlaying);

        // Idle: an acknowledgement plays, and a cue may replace it at once.
        Assert.True(player.Play(Ack, 600_000, HapticPriority.Acknowledgement));
        Assert.True(player.Play(Cue, 620_000, HapticPriority.PostureCue));

        int[] expected = [80, 100, 0, 60, 80];
        foreach (int level in expected)
        {
            Assert.True(queue.TryTake(out int kind, out int duty));
            Assert.Equal(((int)SideEffectKind.MotorDuty, level), (kind, duty));
        }

        Assert.False(queue.TryTake(out _, out _));
    }

    [Fact]
    public void TheBandsOwnPlayerIsTheOneThatPlaysAcknowledgements()
    {
        var queue = new SideEffectQueue(16);
        var band = new Band(new LumbarBand.Core.Configuration.BandSettings(), new MotorCommandSender(queue));
        Assert.True(band.Cues.Player.Play(Ack, 0, HapticPriority.Acknowledgement));
        for (int i = 1; i <= 5; i++)
        {
            band.OnSample(i * 20_000L, 0, 0, 4096, 0, 0, 0); // the sampling thread ticks the one player
        }

        Assert.False(band.Cues.Player.IsPlaying);
        Assert.True(queue.TryTake(out _, out int on));
        Assert.True(queue.TryTake(out _, out int off));
        Assert.Equal((60, 0), (on, off));
    }
}
