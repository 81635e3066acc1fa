namespace LumbarBand.Host.Report;

/// <summary>
/// The report's series colours: distinct, readable on white, and each used for one thing only, so a reader (and the
/// rendering test) can tell the series apart.
/// </summary>
public static class ChartColors
{
    /// <summary>Cadence.</summary>
    public const string Cadence = "#1565c0";

    /// <summary>Trunk flexion.</summary>
    public const string Flexion = "#2e7d32";

    /// <summary>Lateral bend.</summary>
    public const string LateralBend = "#00838f";

    /// <summary>Mediolateral sway per stride.</summary>
    public const string SwayMediolateral = "#6a1b9a";

    /// <summary>Anteroposterior sway per stride.</summary>
    public const string SwayAnteroposterior = "#9e9d24";

    /// <summary>Rotation per stride.</summary>
    public const string SwayRotation = "#f9a825";

    /// <summary>Cue markers.</summary>
    public const string Cue = "#ef6c00";

    /// <summary>Pain markers.</summary>
    public const string Pain = "#c62828";

    /// <summary>Walking minutes before pain (trend).</summary>
    public const string BeforePain = "#d81b60";

    /// <summary>Walking minutes in all (trend background bars).</summary>
    public const string Walking = "#80cbc4";

    /// <summary>Steps per day (daily totals).</summary>
    public const string DailySteps = "#5d4037";

    /// <summary>Share of walking in excessive posture, walk by walk.</summary>
    public const string ExcessivePosture = "#f9a825";

    /// <summary>Cues per walking hour, walk by walk.</summary>
    public const string CueRate = "#7cb342";

    /// <summary>Walking speed (per week, per epoch).</summary>
    public const string Speed = "#3949ab";

    /// <summary>Stride length (per week, per epoch).</summary>
    public const string StrideLength = "#c0ca33";

    /// <summary>Axes, ticks and labels.</summary>
    public const string Axis = "#455a64";

    /// <summary>Grid lines.</summary>
    public const string Grid = "#e0e0e0";
}
