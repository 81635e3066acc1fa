namespace LumbarBand.Host.Links;

/// <summary>One notification from the band: which characteristic, and its value.</summary>
/// <param name="Source">The characteristic that notified.</param>
/// <param name="Value">The value (an ATT payload: at most MTU − 3 bytes).</param>
public sealed record BandNotification(BandCharacteristic Source, byte[] Value);
