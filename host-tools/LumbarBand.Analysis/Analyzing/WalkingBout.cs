namespace LumbarBand.Analysis.Analyzing;

/// <summary>A walking bout the band detected: from its first to its last step.</summary>
/// <param name="StartS">Time of the first step, seconds from the start of the recording.</param>
/// <param name="EndS">Time of the last step, seconds from the start of the recording.</param>
/// <param name="Steps">Steps in the bout.</param>
public sealed record WalkingBout(double StartS, double EndS, int Steps)
{
    /// <summary>Mean cadence over the bout in steps per minute (steps − 1 intervals over its duration).</summary>
    public double CadenceSpm => Steps > 1 && EndS > StartS ? 60.0 * (Steps - 1) / (EndS - StartS) : 0.0;
}
