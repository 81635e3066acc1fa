using System.Diagnostics;

namespace LumbarBand.Tools.Tests.Cli;

/// <summary>
/// The README's install path works: the repository packs the command as a .NET tool, <c>dotnet tool install</c>
/// installs it, and the installed <c>lumbarband demo</c> runs. Packs the build the test run already made
/// (<c>--no-build</c>), so it costs seconds, not a second build.
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lumbarband-tool-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void TheRepositoryPacksAToolThatInstallsAndRunsTheDemo()
    {
        string root = RepositoryRoot();
        // The test assembly sits in tests/LumbarBand.Tools.Tests/bin/CONFIGURATION/net10.0: pack that configuration.
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        string packages = Path.Combine(_dir, "nupkg");
        string tools = Path.Combine(_dir, "tool");

        Dotnet(root, "pack", Path.Combine(root, "host-tools", "LumbarBand.Cli"), "-c", configuration, "--no-build", "--no-restore", "-o", packages);
        Assert.Single(Directory.GetFiles(packages, "LumbarBand.Cli.*.nupkg"));
        Dotnet(_dir, "tool", "install", "--tool-path", tools, "--add-source", packages, "--ignore-failed-sources", "LumbarBand.Cli");

        string command = Path.Combine(tools, OperatingSystem.IsWindows() ? "lumbarband.exe" : "lumbarband");
        (int code, string output, string error) = Start(_dir, command, "demo", "--data-dir", Path.Combine(_dir, "data"));
        Assert.True(code == 0, error);
        Assert.Contains("SIMULATED", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_dir, "data", "profiles", "demo", "report.html")), output);
    }

    private static void Dotnet(string workingDirectory, params string[] args)
    {
        (int code, string output, string error) = Start(workingDirectory, "dotnet", args);
        Assert.True(code == 0, $"dotnet {string.Join(' ', args)} failed ({code}):\n{output}\n{error}");
    }

    private static (int Code, string Out, string Err) Start(string workingDirectory, string file, params string[] args)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(' ', args)} did not finish in 3 minutes");
        }

        return (process.ExitCode, output.Result, error.Result);
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "LumbarBand.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("LumbarBand.sln not found above " + AppContext.BaseDirectory);
    }
}
