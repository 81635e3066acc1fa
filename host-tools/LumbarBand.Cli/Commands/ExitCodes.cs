namespace LumbarBand.Cli.Commands;

/// <summary>Process exit codes of <c>lumbarband</c>.</summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>The input (a file, a directory, a value) was wrong; the message says what.</summary>
    public const int BadInput = 1;

    /// <summary>An option or argument was wrong (unknown, malformed, out of range): nothing ran; the message says what.</summary>
    public const int BadOption = 2;

    /// <summary>A check ran and a goal it checks was missed (<c>validate</c>: a posture or sway goal on the real walks).</summary>
    public const int GoalMissed = 3;

    /// <summary>A failure lumbarband did not foresee (a bug): a one-line message, never a stack trace.</summary>
    public const int Unexpected = 70;
}
