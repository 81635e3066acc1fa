using LumbarBand.Core.Cueing;
using LumbarBand.Host.Sessions;

namespace LumbarBand.Host.Export;

/// <summary>The snake_case names exports use for event kinds and cue rules (stable: scripts depend on them).</summary>
public static class ExportNames
{
    /// <summary>"cue", "pain_marker", "calibration", "excessive_motion_start", …</summary>
    public static string Kind(SessionEventKind kind) => kind switch
    {
        SessionEventKind.Cue => "cue",
        SessionEventKind.PainMarker => "pain_marker",
        SessionEventKind.Calibration => "calibration",
        SessionEventKind.ExcessiveMotionStart => "excessive_motion_start",
        SessionEventKind.ExcessiveMotionEnd => "excessive_motion_end",
        SessionEventKind.WalkingStart => "walking_start",
        SessionEventKind.WalkingEnd => "walking_end",
        _ => "unknown",
    };

    /// <summary>"", "flexion", "lateral_lean", "sway".</summary>
    public static string Rule(CueRule rule) => rule switch
    {
        CueRule.Flexion => "flexion",
        CueRule.LateralLean => "lateral_lean",
        CueRule.Sway => "sway",
        _ => "",
    };
}
