namespace LumbarBand.Host.Store;

/// <summary>Where the host logger keeps its database (and writes reports) unless told otherwise.</summary>
public static class DataDirectory
{
    /// <summary>The folder name under the per-user data location.</summary>
    public const string FolderName = "lumbarband";

    /// <summary>
    /// The per-user default: <c>$XDG_DATA_HOME/lumbarband</c>, else <c>~/.local/share/lumbarband</c> on Linux and
    /// macOS, and the local application-data folder on Windows.
    /// </summary>
    public static string Default()
    {
        string? xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (!string.IsNullOrEmpty(xdg) && Path.IsPathFullyQualified(xdg))
        {
            return Path.Combine(xdg, FolderName);
        }

        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), FolderName);
        }

        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".local", "share", FolderName);
    }

    /// <summary>The profile used when none is named: its store is the data directory itself (stores made before profiles keep working).</summary>
    public const string DefaultProfile = "default";

    /// <summary>The profile <c>lumbarband demo</c> stores its simulated walks in, apart from any wearer's.</summary>
    public const string DemoProfile = "demo";

    /// <summary>
    /// The folder of profile <paramref name="profile"/>'s store under the data directory <paramref name="root"/>:
    /// the root itself for <see cref="DefaultProfile"/>, else <c>profiles/NAME</c> under it. One database per wearer,
    /// so trends never mix two people (or simulated and real walks).
    /// </summary>
    public static string ForProfile(string root, string profile)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentException.ThrowIfNullOrEmpty(profile);
        return profile == DefaultProfile ? root : Path.Combine(root, "profiles", profile);
    }

    /// <summary><paramref name="overridePath"/> made absolute, or <see cref="Default"/> when it is null or empty.</summary>
    public static string Resolve(string? overridePath) =>
        string.IsNullOrWhiteSpace(overridePath) ? Default() : Path.GetFullPath(overridePath);
}
