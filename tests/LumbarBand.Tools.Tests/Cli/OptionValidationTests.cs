using LumbarBand.Cli;
using LumbarBand.Cli.Commands;

namespace LumbarBand.Tools.Tests.Cli;

/// <summary>Every command checks its options before it runs: a message naming the option, exit code 2, no stack trace.</summary>
public sealed class OptionValidationTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Program.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("--port 0 is out of range", "info", "--port", "0")]
    [InlineData("--port 99999 is out of range", "download", "--port", "99999")]
    [InlineData("--mtu 10 is out of range", "info", "--port", "47730", "--mtu", "10")]
    [InlineData("--mtu 5000 is out of range", "download", "--port", "47730", "--mtu", "5000")]
    [InlineData("--speed -1 is out of range", "virtual-band", "--speed", "-1")]
    [InlineData("--pain-at -5 is out of range", "virtual-band", "--pain-at", "-5")]
    [InlineData("--seconds 0 is out of range", "scan", "--seconds", "0")]
    [InlineData("--session 0 is not a row id", "export", "--session", "0")]
    [InlineData("'abc'", "info", "--port", "abc")]
    public void ABadOptionIsRefusedWithAMessageAndExitCodeTwo(string message, params string[] args)
    {
        (int code, string output, string err) = Run(args);
        Assert.Equal(ExitCodes.BadOption, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains(message, err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
    }
}
