namespace LumbarBand.Cli.Commands;

/// <summary>Exit codes of the host logger's commands, beside <see cref="ExitCodes"/>.</summary>
public static class HostExitCodes
{
    /// <summary>The band, the link or the store failed; the message says what happened and what to do.</summary>
    public const int Failed = 2;

    /// <summary>Stopped by Ctrl+C.</summary>
    public const int Interrupted = 130;
}
