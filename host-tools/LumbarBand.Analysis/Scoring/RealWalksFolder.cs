namespace LumbarBand.Analysis.Scoring;

/// <summary>
/// Finds the real lower-back walks, which live outside the repository at <c>../shared/data/lowerback-walks</c>
/// relative to the clone (they are not ours to copy in).
/// </summary>
public static class RealWalksFolder
{
    /// <summary>The folder's path relative to the directory that holds the repository.</summary>
    public const string RelativeToRepositoryParent = "shared/data/lowerback-walks";

    /// <summary>
    /// Walks up from <paramref name="startDirectory"/> to the repository root (the folder with LumbarBand.sln) and
    /// returns the real-walks folder beside the repository, or null when it is absent.
    /// </summary>
    public static string? Find(string startDirectory)
    {
        for (DirectoryInfo? d = new(startDirectory); d != null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "LumbarBand.sln")))
            {
                string candidate = Path.GetFullPath(Path.Combine(d.FullName, "..", RelativeToRepositoryParent));
                return Directory.Exists(candidate) ? candidate : null;
            }
        }

        return null;
    }

    /// <summary>The folder for tests, found from the test assembly's directory; a plain message when absent.</summary>
    public static string Require()
    {
        return Find(AppContext.BaseDirectory)
            ?? throw new DirectoryNotFoundException(
                $"the real lower-back walks are absent: expected ../{RelativeToRepositoryParent} beside the repository clone");
    }
}
