using LumbarBand.Core.Protocol;

namespace LumbarBand.Host.Links;

/// <summary>Maps <see cref="BandCharacteristic"/> to and from Core's GATT UUIDs.</summary>
public static class BandCharacteristics
{
    /// <summary>The UUID of <paramref name="characteristic"/>, from <see cref="GattIds"/>.</summary>
    public static string Uuid(BandCharacteristic characteristic) => characteristic switch
    {
        BandCharacteristic.Status => GattIds.Status,
        BandCharacteristic.ControlPoint => GattIds.ControlPoint,
        BandCharacteristic.Data => GattIds.Data,
        _ => throw new ArgumentOutOfRangeException(nameof(characteristic), characteristic, "not a band characteristic"),
    };

    /// <summary>The characteristic with UUID <paramref name="uuid"/> (any case), or null for another one.</summary>
    public static BandCharacteristic? FromUuid(string uuid)
    {
        foreach (BandCharacteristic c in Enum.GetValues<BandCharacteristic>())
        {
            if (string.Equals(Uuid(c), uuid, StringComparison.OrdinalIgnoreCase))
            {
                return c;
            }
        }

        return null;
    }
}
