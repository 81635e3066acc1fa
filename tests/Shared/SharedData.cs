using LumbarBand.Analysis.Scoring;

namespace LumbarBand.TestSupport;

/// <summary>
/// The real walks under ../shared/data beside the clone, for the tests that score on them. They are not in the
/// repository, so a clone without them skips those tests and says why; with LUMBARBAND_REQUIRE_SHARED_DATA=1 (CI)
/// the tests fail instead, so a missing data folder cannot hide behind a green run.
/// </summary>
public static class SharedData
{
    /// <summary>The environment variable that turns "skipped" into "failed".</summary>
    public const string RequireVariable = "LUMBARBAND_REQUIRE_SHARED_DATA";

    /// <summary>
    /// The folder <paramref name="relative"/> (by default the Mobilise-D walks) beside the repository; when it is
    /// absent the calling test is skipped with the place looked at (a <c>[SkippableFact]</c>), or fails on CI.
    /// </summary>
    public static string Require(string relative = RealWalksFolder.RelativeToRepositoryParent)
    {
        string? folder = RealWalksFolder.Find(AppContext.BaseDirectory, relative);
        if (folder != null)
        {
            return folder;
        }

        string why = $"the real walks are absent: expected ../{relative} beside the repository clone (they are not in the repository; CI has them)";
        if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
        {
            Assert.Fail($"{why} ({RequireVariable}=1 requires them)");
        }

        throw new SkipException(why);
    }
}
