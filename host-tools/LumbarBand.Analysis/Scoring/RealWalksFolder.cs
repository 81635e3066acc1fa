namespace LumbarBand.Analysis.Scoring;

/// <summary>
/// Finds the folders of real lower-back walks, which live outside the repository at <c>../shared/data/</c> relative to
/// the clone (they are not ours to copy in): <c>lowerback-walks</c> (Mobilise-D) and <c>voisard-l5-walks</c>.
/// </summary>
public static class RealWalksFolder
{
    /// <summary>The Mobilise-D walks' path relative to the directory that holds the repository.</summary>
    public const string RelativeToRepositoryParent = "shared/data/" + ValidationTarget.LowerBackWalks;

    /// <summary>Voisard's healthy and very slow walks, relative to the directory that holds the repository.</summary>
    public const string VoisardRelativeToRepositoryParent = "shared/data/" + ValidationTarget.VoisardWalks;

    /// <summary>
    /// Walks up from <paramref name="startDirectory"/> to the repository root (the folder with LumbarBand.sln) and
    /// returns the folder <paramref name="relative"/> (by default the Mobilise-D walks) beside the repository, or null
    /// when it is absent.
    /// </summary>
    public static string? Find(string startDirectory, string relative = RelativeToRepositoryParent)
    {
        for (DirectoryInfo? d = new(startDirectory); d != null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "LumbarBand.sln")))
            {
                string candidate = Path.GetFullPath(Path.Combine(d.FullName, "..", relative));
                return Directory.Exists(candidate) ? candidate : null;
            }
        }

        return null;
    }
}
