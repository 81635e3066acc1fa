namespace LumbarBand.Host.Store;

/// <summary>What <see cref="SessionStore.Redecode"/> did.</summary>
/// <param name="Decoded">Sessions decoded again.</param>
/// <param name="Stored">Sessions in the store.</param>
/// <param name="Damaged">One line per session whose stored bytes failed their checksum (left as decoded before).</param>
public sealed record RedecodeResult(int Decoded, int Stored, IReadOnlyList<string> Damaged);
