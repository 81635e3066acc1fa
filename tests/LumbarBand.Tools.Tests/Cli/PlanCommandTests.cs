using LumbarBand.Cli.Commands;
using LumbarBand.Core.Configuration;
using LumbarBand.Host.VirtualBand;
using static LumbarBand.Tools.Tests.Cli.CliRun;

namespace LumbarBand.Tools.Tests.Cli;

/// <summary><c>lumbarband plan set</c> and <c>plan show</c> against the virtual band (Core's band and port over TCP).</summary>
public sealed class PlanCommandTests
{
    [Fact]
    public async Task PlanSetThenPlanShowRoundTripsOnTheVirtualBand()
    {
        await using var server = new VirtualBandServer(new SimulatedBand([]));
        server.Start();
        string port = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        (int code, string shown, string err) = Run("plan", "show", "--port", port);
        Assert.True(code == ExitCodes.Ok, err);
        Assert.Contains("no plan", shown, StringComparison.Ordinal);

        (code, string set, err) = Run("plan", "set", "--active", "1", "--walk-s", "330", "--rest-s", "90", "--stretches", "4", "--port", port);
        Assert.True(code == ExitCodes.Ok, err);
        Assert.Contains("plan set: 4 stretches of 5:30 walking, 1:30 rest between, ready cue on", set, StringComparison.Ordinal);

        (code, shown, err) = Run("plan", "show", "--port", port);
        Assert.True(code == ExitCodes.Ok, err);
        Assert.Contains("4 stretches of 5:30 walking, 1:30 rest between, ready cue on", shown, StringComparison.Ordinal);
        Assert.Contains("plan_walk_s", shown, StringComparison.Ordinal);
        BandSettings onBand = server.Inspect(b => new BandSettings(((SimulatedBand)b).Band.Settings));
        Assert.Equal((true, 330, 90, 4), (onBand.PlanActive, onBand.PlanWalkSeconds, onBand.PlanRestSeconds, onBand.PlanStretches));
        Assert.Equal(330_000_000, server.Inspect(b => ((SimulatedBand)b).Band.Pacer.Plan.WalkUs));
    }

    [Fact]
    public async Task ARestAsLongAsTheIdleTimeIsRefusedByTheBandWithTheReason()
    {
        await using var server = new VirtualBandServer(new SimulatedBand([]));
        server.Start();

        (int code, _, string err) = Run("plan", "set", "--active", "1", "--rest-s", "300", "--port", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.NotEqual(ExitCodes.Ok, code);
        Assert.Contains("plan_rest_s", err, StringComparison.Ordinal);
        Assert.False(server.Inspect(b => ((SimulatedBand)b).Band.Settings.PlanActive));
    }

    [Theory]
    [InlineData("--walk-s", "10")]
    [InlineData("--stretches", "0")]
    [InlineData("--active", "2")]
    public void AValueOutsideTheSettingsRangeIsRefusedBeforeAnythingRuns(string option, string value)
    {
        (int code, _, string err) = Run("plan", "set", option, value, "--port", "47730");

        Assert.Equal(ExitCodes.BadOption, code);
        Assert.Contains($"{option} {value} is out of range", err, StringComparison.Ordinal);
    }
}
