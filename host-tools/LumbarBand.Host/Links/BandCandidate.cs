namespace LumbarBand.Host.Links;

/// <summary>A band BlueZ knows of: found by discovery, or paired before.</summary>
/// <param name="DevicePath">Its BlueZ object path.</param>
/// <param name="Address">Its Bluetooth address.</param>
/// <param name="Name">Its advertised name or alias.</param>
/// <param name="Rssi">Signal strength of its last advertisement, dBm, when BlueZ saw one.</param>
/// <param name="Paired">True when this host holds a bond with it.</param>
public sealed record BandCandidate(string DevicePath, string Address, string Name, short? Rssi, bool Paired);
