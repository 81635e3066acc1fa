using System.CommandLine;
using LumbarBand.Cli.Commands;

namespace LumbarBand.Cli;

/// <summary>The <c>lumbarband</c> command: the host side of the band.</summary>
public static class Program
{
    /// <summary>Entry point; returns the process exit code.</summary>
    public static int Main(string[] args)
    {
        return Run(args, Console.Out, Console.Error);
    }

    /// <summary>Runs the command line with the given output writers (tests call this directly).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("LumbarBand host logger: download walks from the band, store, export and report them; analyze recordings as the band would.")
        {
            AnalyzeCommand.Create(output, error),
            BenchCommand.Create(output, error),
            ValidateCommand.Create(output, error),
            ScanCommand.Create(output, error),
            InfoCommand.Create(output, error),
            SyncTimeCommand.Create(output, error),
            ConfigCommand.Create(output, error),
            DownloadCommand.Create(output, error),
            SessionsCommand.Create(output, error),
            ExportCommand.Create(output, error),
            ReportCommand.Create(output, error),
            VirtualBandCommand.Create(output, error),
            DemoCommand.Create(output, error),
        };
        var config = new InvocationConfiguration { Output = output, Error = error };
        return root.Parse(args).Invoke(config);
    }
}
