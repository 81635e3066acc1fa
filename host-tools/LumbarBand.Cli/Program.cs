using System.CommandLine;
using System.CommandLine.Parsing;
using LumbarBand.Cli.Commands;

namespace LumbarBand.Cli;

/// <summary>The <c>lumbarband</c> command: the host side of the band.</summary>
public static class Program
{
    /// <summary>Entry point; returns the process exit code.</summary>
    public static int Main(string[] args)
    {
        return Run(args, Console.Out, Console.Error, Console.In);
    }

    /// <summary>Runs the command line with the given output writers (tests call this directly); nothing to read.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) => Run(args, output, error, TextReader.Null);

    /// <summary>Runs the command line with the given writers, and <paramref name="input"/> for confirmations.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, TextReader input)
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
            PlanCommand.Create(output, error),
            DownloadCommand.Create(output, error),
            SessionsCommand.Create(output, error, input),
            StoreCommand.Create(output, error),
            ExportCommand.Create(output, error),
            ReportCommand.Create(output, error),
            VirtualBandCommand.Create(output, error),
            DemoCommand.Create(output, error),
        };
        ParseResult parse;
        try
        {
            parse = root.Parse(args);
        }
        catch (InvalidOperationException e)
        {
            error.WriteLine($"lumbarband: {e.Message}");
            return ExitCodes.BadOption;
        }

        if (parse.Errors.Count > 0)
        {
            foreach (ParseError problem in parse.Errors)
            {
                error.WriteLine($"lumbarband: {problem.Message}");
            }

            error.WriteLine("(`lumbarband COMMAND --help` lists a command's options)");
            return ExitCodes.BadOption;
        }

        // No exception reaches the user as a stack trace: the commands turn the failures people meet into messages,
        // and anything else is named in one line.
        var config = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            return parse.Invoke(config);
        }
#pragma warning disable CA1031 // the last line of defence: every exception becomes a message and an exit code
        catch (Exception e)
#pragma warning restore CA1031
        {
            error.WriteLine($"lumbarband: unexpected failure ({e.GetType().Name}): {e.Message}");
            return ExitCodes.Unexpected;
        }
    }
}
