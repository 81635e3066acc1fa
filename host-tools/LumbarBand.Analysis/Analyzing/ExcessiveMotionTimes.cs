namespace LumbarBand.Analysis.Analyzing;

/// <summary>Time spent in each state of sustained excessive motion, seconds (from each episode's onset).</summary>
/// <param name="FlexionS">Sustained flexion beyond the threshold.</param>
/// <param name="LateralLeanS">Sustained lateral lean beyond the threshold.</param>
/// <param name="SwayS">Excessive sway while walking.</param>
public sealed record ExcessiveMotionTimes(double FlexionS, double LateralLeanS, double SwayS)
{
    /// <summary>No excessive motion.</summary>
    public static ExcessiveMotionTimes None { get; } = new(0, 0, 0);
}
