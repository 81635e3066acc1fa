using LumbarBand.Cli;

namespace LumbarBand.Tools.Tests.Cli;

/// <summary>One run of <c>lumbarband demo</c> into a folder, copied for each test that changes a store (the demo costs seconds).</summary>
public sealed class DemoStore : IDisposable
{
    private readonly string _template = Directory.CreateTempSubdirectory("lumbarband-demo-template-").FullName;

    /// <summary>Runs the demo once.</summary>
    public DemoStore()
    {
        (Code, Output, Error) = CliRun.Run("demo", "--data-dir", _template);
    }

    /// <summary>The demo's exit code, standard output and error.</summary>
    public int Code { get; }

    /// <inheritdoc cref="Code"/>
    public string Output { get; }

    /// <inheritdoc cref="Code"/>
    public string Error { get; }

    /// <summary>A fresh copy of the demo's data directory in <paramref name="target"/>.</summary>
    public void CopyTo(string target)
    {
        foreach (string file in Directory.EnumerateFiles(_template, "*", SearchOption.AllDirectories))
        {
            string to = Path.Combine(target, Path.GetRelativePath(_template, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => Directory.Delete(_template, recursive: true);
}

/// <summary>Runs <c>lumbarband</c> in-process and returns its exit code and output.</summary>
public static class CliRun
{
    /// <summary>Runs with nothing to read on input.</summary>
    public static (int Code, string Out, string Err) Run(params string[] args) => RunWithInput(null, args);

    /// <summary>Runs with <paramref name="input"/> as what the user types (null: input closed).</summary>
    public static (int Code, string Out, string Err) RunWithInput(string? input, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Program.Run(args, output, error, input is null ? TextReader.Null : new StringReader(input));
        return (code, output.ToString(), error.ToString());
    }
}
