using LumbarBand.Core.Protocol;

namespace LumbarBand.Host.Links;

/// <summary>
/// The three characteristics of the LumbarBand service a link carries (UUIDs in Core's <see cref="GattIds"/>). The
/// numeric values are the TCP link's codes for them (<see cref="TcpLinkFraming"/>).
/// </summary>
public enum BandCharacteristic : byte
{
    /// <summary><see cref="GattIds.Status"/>: read and notify, the live status.</summary>
    Status = 1,

    /// <summary><see cref="GattIds.ControlPoint"/>: requests written, responses notified.</summary>
    ControlPoint = 2,

    /// <summary><see cref="GattIds.Data"/>: download chunks notified.</summary>
    Data = 3,
}
