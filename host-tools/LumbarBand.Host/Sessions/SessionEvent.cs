using LumbarBand.Core.Cueing;

namespace LumbarBand.Host.Sessions;

/// <summary>One moment in a session: a cue, a pain marker, a calibration, a change of motion state.</summary>
public sealed record SessionEvent
{
    /// <summary>When, seconds from the session start.</summary>
    public required double OffsetSeconds { get; init; }

    /// <summary>What happened.</summary>
    public required SessionEventKind Kind { get; init; }

    /// <summary>The cue rule involved (cues and excessive-motion events), else <see cref="CueRule.None"/>.</summary>
    public CueRule Rule { get; init; }

    /// <summary>A kind-specific number: a cue's pattern level, a bout's steps; 0 when unused.</summary>
    public int Value { get; init; }
}
