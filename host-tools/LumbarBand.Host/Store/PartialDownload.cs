namespace LumbarBand.Host.Store;

/// <summary>The bytes of a session download that a dropped link interrupted, kept for the next run to resume.</summary>
/// <param name="DeviceId">The band.</param>
/// <param name="SessionId">The session.</param>
/// <param name="Length">The session's whole length.</param>
/// <param name="Crc">The session's CRC-32 (a resume only continues the same session).</param>
/// <param name="Bytes">A buffer of <paramref name="Length"/> bytes, valid up to <paramref name="Received"/>.</param>
/// <param name="Received">Bytes held from offset 0.</param>
public sealed record PartialDownload(string DeviceId, uint SessionId, int Length, uint Crc, byte[] Bytes, int Received);
