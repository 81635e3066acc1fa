namespace LumbarBand.Cli.Commands;

/// <summary>Process exit codes of <c>lumbarband</c>.</summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>The input (a file, a directory, a value) was wrong; the message says what.</summary>
    public const int BadInput = 1;
}
