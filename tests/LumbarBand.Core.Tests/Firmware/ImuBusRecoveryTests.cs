using LumbarBand.Core.Sensing;

namespace LumbarBand.Core.Tests.Firmware;

/// <summary>I2C failures get a bus recovery and re-initialisation first, then degrade; never a reboot.</summary>
public sealed class ImuBusRecoveryTests
{
    [Fact]
    public void AGlitchIsIgnoredAndRepeatedFailuresAskForARecoveryFirst()
    {
        var policy = new ImuBusRecovery();
        Assert.Equal(ImuBusAction.None, policy.OnRead(false, 0));
        Assert.Equal(ImuBusAction.None, policy.OnRead(true, 40)); // a glitch
        for (int i = 1; i < ImuBusRecovery.FailuresBeforeRecovery; i++)
        {
            Assert.Equal(ImuBusAction.None, policy.OnRead(false, 40 * i));
        }

        Assert.Equal(ImuBusAction.RecoverBus, policy.OnRead(false, 200));
        Assert.Equal(ImuBusAction.None, policy.OnRecovered(true, 210));
        Assert.False(policy.IsDegraded);
    }

    [Fact]
    public void FailedRecoveriesDegradeAndRetryLaterWithoutRebooting()
    {
        var policy = new ImuBusRecovery();
        ImuBusAction action = ImuBusAction.None;
        for (int i = 0; i < ImuBusRecovery.FailuresBeforeRecovery; i++)
        {
            action = policy.OnRead(false, i);
        }

        Assert.Equal(ImuBusAction.RecoverBus, action);
        for (int i = 1; i < ImuBusRecovery.RecoveriesBeforeDegrading; i++)
        {
            Assert.Equal(ImuBusAction.RecoverBus, policy.OnRecovered(false, 100 * i));
        }

        Assert.Equal(ImuBusAction.Degrade, policy.OnRecovered(false, 1_000));
        Assert.True(policy.IsDegraded);
        Assert.False(policy.RetryDue(1_000 + ImuBusRecovery.DegradedRetryMs - 1));
        Assert.Equal(ImuBusAction.None, policy.OnRead(false, 2_000));
        Assert.True(policy.RetryDue(1_000 + ImuBusRecovery.DegradedRetryMs));
        Assert.Equal(ImuBusAction.RecoverBus, policy.OnRead(false, 1_000 + ImuBusRecovery.DegradedRetryMs));
        Assert.Equal(ImuBusAction.None, policy.OnRecovered(true, 11_100));
        Assert.False(policy.IsDegraded);
    }
}
