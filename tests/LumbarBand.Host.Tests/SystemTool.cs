using Xunit.Abstractions;

namespace LumbarBand.Host.Tests;

/// <summary>
/// Tests that need a program from the system (dbus-daemon and python3-dbusmock, Chromium) say plainly when it is
/// absent, and are skipped; with LUMBARBAND_REQUIRE_SYSTEM_TOOLS=1 (CI) they fail instead, so a missing install step
/// cannot hide behind a green run.
/// </summary>
public static class SystemTool
{
    /// <summary>The environment variable that turns "skipped" into "failed".</summary>
    public const string RequireVariable = "LUMBARBAND_REQUIRE_SYSTEM_TOOLS";

    /// <summary>Skips (or fails) the test when <paramref name="missing"/> is not null, writing why to the test output.</summary>
    public static void Require(string? missing, ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (missing is null)
        {
            return;
        }

        output.WriteLine("SKIPPED: " + missing);
        if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
        {
            Assert.Fail(missing + $" ({RequireVariable}=1 requires it)");
        }

        Skip.If(true, missing);
    }
}
