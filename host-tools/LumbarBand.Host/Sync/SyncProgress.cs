using LumbarBand.Core.Protocol;
using LumbarBand.Host.Store;

namespace LumbarBand.Host.Sync;

/// <summary>One step of a download, for a progress bar.</summary>
/// <param name="Stage">What just happened.</param>
/// <param name="Session">The session concerned (null for <see cref="SyncStage.Listed"/>).</param>
/// <param name="BytesHeld">Bytes of the session held so far.</param>
/// <param name="SessionsOnBand">Sessions the band lists.</param>
/// <param name="Outcome">For <see cref="SyncStage.Stored"/>: imported now, or already stored.</param>
public sealed record SyncProgress(SyncStage Stage, SessionInfo? Session, int BytesHeld, int SessionsOnBand, ImportOutcome? Outcome = null);
