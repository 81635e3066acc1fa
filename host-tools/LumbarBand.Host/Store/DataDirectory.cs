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

    /// <summary><paramref name="overridePath"/> made absolute, or <see cref="Default"/> when it is null or empty.</summary>
    public static string Resolve(string? overridePath) =>
        string.IsNullOrWhiteSpace(overridePath) ? Default() : Path.GetFullPath(overridePath);
}
