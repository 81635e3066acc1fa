using LumbarBand.Core.Protocol;

namespace LumbarBand.Host.Sync;

/// <summary>
/// Downloads one session through a <see cref="BandClient"/> into a <see cref="SessionDownload"/>, as
/// docs/protocol.md §9 prescribes: ReadSession from the bytes held, chunks into Core's
/// <see cref="DownloadReceiver"/>, ReadSession again from the bytes held after a sequence gap or a silent band, from
/// 0 after a CRC mismatch. A dropped link throws <see cref="Links.BandLinkLostException"/> and leaves the bytes held
/// in the download, for the caller to keep.
/// </summary>
public static class SessionDownloader
{
    /// <summary>How often a whole session may fail its CRC before the download gives up.</summary>
    public const int MaxCrcRetries = 2;

    /// <summary>How often the band may fall silent mid-download before the download gives up.</summary>
    public const int MaxSilentRetries = 3;

    /// <summary>Downloads until <paramref name="download"/> is complete; reports bytes held through <paramref name="progress"/>.</summary>
    public static async Task DownloadAsync(BandClient client, SessionDownload download, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(download);
        int crcFailures = 0;
        int silences = 0;
        while (!download.Complete)
        {
            int offset = download.Received;
            (int length, uint crc) = await client.ReadSessionAsync(download.Entry.Id, offset, cancellationToken).ConfigureAwait(false);
            download.Restart(length, crc, offset);
            progress?.Report(download.Received);
            ChunkResult result = download.Received == length
                ? download.Receiver.Verify(download.Buffer)
                : await ReceiveAsync(client, download, progress, cancellationToken).ConfigureAwait(false);
            switch (result)
            {
                case ChunkResult.Complete:
                    return;
                case ChunkResult.CrcMismatch:
                    // The receiver reset Received to 0: the next round downloads the whole session again.
                    if (++crcFailures > MaxCrcRetries)
                    {
                        throw new LumbarBandException($"session {download.Entry.Id} failed its CRC check {crcFailures} times; it stays on the band, unacknowledged");
                    }

                    break;
                case ChunkResult.NotReceiving:
                    if (++silences > MaxSilentRetries)
                    {
                        throw new Links.BandLinkLostException($"the band stopped sending session {download.Entry.Id}; the next download resumes where this one stopped");
                    }

                    break;
                default:
                    // A gap or a malformed chunk: ask again from the bytes held.
                    break;
            }
        }
    }

    /// <summary>Takes chunks until the session is complete, a chunk is lost, or the band falls silent (NotReceiving).</summary>
    private static async Task<ChunkResult> ReceiveAsync(BandClient client, SessionDownload download, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        while (true)
        {
            byte[]? chunk;
            try
            {
                chunk = await client.NextDataChunkAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                download.Receiver.Suspend();
                throw;
            }

            if (chunk is null)
            {
                download.Receiver.Suspend();
                return ChunkResult.NotReceiving;
            }

            ChunkResult result = download.Receiver.Accept(chunk, chunk.Length, download.Buffer);
            switch (result)
            {
                case ChunkResult.Accepted:
                    progress?.Report(download.Received);
                    break;
                case ChunkResult.NotReceiving:
                    break;
                default:
                    progress?.Report(download.Received);
                    return result;
            }
        }
    }
}
