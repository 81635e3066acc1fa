namespace LumbarBand.Host.Report;

/// <summary>How the HTML report is made.</summary>
public sealed record ReportOptions
{
    /// <summary>The page title.</summary>
    public string Title { get; init; } = "LumbarBand walks";

    /// <summary>When it was made (shown on the page); default: now.</summary>
    public DateTimeOffset? GeneratedAt { get; init; }

    /// <summary>False leaves the charts out (the tables stay): the rendering test compares both.</summary>
    public bool IncludeCharts { get; init; } = true;

    /// <summary>At most this many sessions get a timeline, newest first (trends use every session).</summary>
    public int MaxSessionTimelines { get; init; } = 50;

    /// <summary>The walks under a walking plan (<see cref="Planning.PlanHistory"/>) for the plan's progression section; none: no section.</summary>
    public IReadOnlyList<Planning.PlannedWalk> PlannedWalks { get; init; } = [];

    /// <summary>The time zone the report's times are in (named on the page); default: this computer's.</summary>
    public TimeZoneInfo? TimeZone { get; init; }
}
