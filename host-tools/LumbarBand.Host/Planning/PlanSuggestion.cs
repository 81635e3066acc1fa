namespace LumbarBand.Host.Planning;

/// <summary>What <see cref="PlanAdvisor"/> proposes, and why.</summary>
/// <param name="Current">The plan in force.</param>
/// <param name="Proposed">The plan it proposes (equal to <paramref name="Current"/> when it holds).</param>
/// <param name="Reasons">Its reasoning, one line each, in the order the rule applied them.</param>
public sealed record PlanSuggestion(WalkingPlanValues Current, WalkingPlanValues Proposed, IReadOnlyList<string> Reasons)
{
    /// <summary>True when the proposal differs from the plan in force.</summary>
    public bool Changes => Proposed != Current;
}
