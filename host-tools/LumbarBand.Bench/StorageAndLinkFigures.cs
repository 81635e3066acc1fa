using LumbarBand.Core.Protocol;
using LumbarBand.Core.Session;

namespace LumbarBand.Bench;

/// <summary>
/// The bench's flash and Bluetooth figures, measured through Core itself: an hour of walking through the real session
/// recorder into the record log, and that hour's download through the protocol's cost model.
/// </summary>
public static class StorageAndLinkFigures
{
    /// <summary>The default ATT MTU (20-byte payloads).</summary>
    public const int DefaultAttMtu = 23;

    /// <summary>An MTU phones and BlueZ commonly negotiate.</summary>
    public const int NegotiatedAttMtu = 185;

    /// <summary>
    /// Adds <c>storage_bytes_per_walking_hour</c>, <c>storage_hours_in_256k</c> (walking hours the band's log holds in
    /// the 256 KB littlefs partition, of which the log takes 192 KB), <c>ble_payload_efficiency_mtu23</c> (session bytes
    /// over ATT payload bytes for a whole download of one walking hour, requests and headers included) and the seconds
    /// to download that hour at MTU 23 and 185 under the connection-interval model of docs/protocol.md
    /// (<see cref="DownloadEstimate.DefaultConnectionIntervalMs"/> ms interval,
    /// <see cref="DownloadEstimate.DefaultNotificationsPerInterval"/> notifications per interval).
    /// </summary>
    public static void AddTo(BenchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        int bytesPerHour = SessionStorageFigures.MeasureBytesPerWalkingHour();
        result.Add(new BenchMetric("storage_bytes_per_walking_hour", "flash per walking hour", bytesPerHour, 0, "bytes"));
        result.Add(new BenchMetric("storage_hours_in_256k", "walking hours in the 256 KB partition's log", SessionStorageFigures.HoursInDefaultLogTenths(bytesPerHour) / 10.0, 1, "h"));

        var estimate = new DownloadEstimate();
        estimate.Compute(bytesPerHour, DefaultAttMtu);
        result.Add(new BenchMetric("ble_payload_efficiency_mtu23", "BLE payload efficiency at MTU 23", (double)estimate.SessionBytes / estimate.AttPayloadBytes, 3, ""));
        result.Add(new BenchMetric("ble_walking_hour_download_s_mtu23", "download of a walking hour at MTU 23", estimate.DurationMs / 1000.0, 2, "s"));
        estimate.Compute(bytesPerHour, NegotiatedAttMtu);
        result.Add(new BenchMetric("ble_walking_hour_download_s_mtu185", "download of a walking hour at MTU 185", estimate.DurationMs / 1000.0, 2, "s"));
    }
}
