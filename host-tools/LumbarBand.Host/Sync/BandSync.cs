using LumbarBand.Core.Protocol;
using LumbarBand.Host.Links;
using LumbarBand.Host.Store;

namespace LumbarBand.Host.Sync;

/// <summary>
/// The download: every closed session the store lacks, oldest first, each resumed from what a dropped link left,
/// checked (CRC-32), committed to the store, and only then acknowledged to the band. Acknowledgement is cumulative,
/// so the sessions are taken strictly in order and the run stops at the first one that cannot be stored.
/// </summary>
public static class BandSync
{
    /// <summary>
    /// Downloads from an opened <paramref name="client"/> into <paramref name="store"/>. A dropped link saves the
    /// bytes of the session in flight and throws <see cref="BandLinkLostException"/>: the next run resumes.
    /// </summary>
    public static async Task<SyncResult> RunAsync(
        BandClient client, SessionStore store, SyncOptions? options, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(store);
        options ??= new SyncOptions();
        DeviceInfo info = client.Device ?? throw new InvalidOperationException("open the client first");
        string deviceId = DeviceIdentity.FromDeviceInfo(info);
        store.UpsertDevice(deviceId, info);
        if (options.SetTime)
        {
            await client.SetTimeAsync(DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
        }

        IReadOnlyList<SessionInfo> sessions = await client.ListSessionsAsync(cancellationToken).ConfigureAwait(false);
        progress?.Report(new SyncProgress(SyncStage.Listed, null, 0, sessions.Count));
        int imported = 0;
        int already = 0;
        int resumed = 0;
        int open = 0;
        long bytes = 0;
        uint? acknowledged = null;
        foreach (SessionInfo entry in sessions.OrderBy(s => s.Id))
        {
            if (entry.Open)
            {
                // Still recording: it and anything after it wait for the next run (acknowledgement is cumulative).
                open++;
                progress?.Report(new SyncProgress(SyncStage.SkippedOpen, entry, 0, sessions.Count));
                break;
            }

            ImportOutcome outcome;
            SessionInfo held = entry;
            if (store.Contains(deviceId, entry.Id, entry.Crc) && !options.RedownloadStored)
            {
                outcome = ImportOutcome.AlreadyStored;
            }
            else
            {
                SessionDownload download = StartDownload(store, deviceId, entry);
                resumed += download.ResumedFrom > 0 ? 1 : 0;
                int before = download.Received;
                try
                {
                    await SessionDownloader.DownloadAsync(client, download, new SynchronousProgress(held => progress?.Report(new SyncProgress(SyncStage.Downloading, entry, held, sessions.Count))), cancellationToken).ConfigureAwait(false);
                }
                catch (BandLinkLostException)
                {
                    if (download.Received > 0)
                    {
                        store.SavePartial(new PartialDownload(deviceId, entry.Id, download.Buffer.Length, download.Receiver.Crc, download.Buffer, download.Received));
                    }

                    throw;
                }

                bytes += download.Buffer.Length - before;

                // What was verified is what is stored and acknowledged (it is the listed session unless it changed underneath).
                held = new SessionInfo { Id = entry.Id, Length = download.Buffer.Length, Crc = download.Receiver.Crc, StartUtcSeconds = entry.StartUtcSeconds, Acknowledged = entry.Acknowledged };
                outcome = store.Import(deviceId, held, download.Buffer, client.Link.Description);
                store.DeletePartial(deviceId, entry.Id);
            }

            if (outcome == ImportOutcome.Imported)
            {
                imported++;
            }
            else
            {
                already++;
            }

            var stored = new SyncProgress(SyncStage.Stored, held, held.Length, sessions.Count, outcome);
            progress?.Report(stored);
            if (options.Acknowledge && !entry.Acknowledged)
            {
                if (options.AfterCommit is not null)
                {
                    await options.AfterCommit(stored, cancellationToken).ConfigureAwait(false);
                }

                // Committed above (durably): only now may the band forget it.
                await client.AcknowledgeAsync(held.Id, held.Crc, cancellationToken).ConfigureAwait(false);
                acknowledged = held.Id;
                progress?.Report(new SyncProgress(SyncStage.Acknowledged, held, held.Length, sessions.Count, outcome));
            }
        }

        return new SyncResult
        {
            DeviceId = deviceId,
            SessionsOnBand = sessions.Count,
            Imported = imported,
            AlreadyStored = already,
            Resumed = resumed,
            SkippedOpen = open,
            AcknowledgedThrough = acknowledged,
            BytesReceived = bytes,
        };
    }

    /// <summary>A download of <paramref name="entry"/>, resuming from a kept partial of the same session (same length and CRC).</summary>
    private static SessionDownload StartDownload(SessionStore store, string deviceId, SessionInfo entry)
    {
        PartialDownload? partial = store.LoadPartial(deviceId, entry.Id);
        if (partial is not null && partial.Length == entry.Length && partial.Crc == entry.Crc)
        {
            return new SessionDownload(entry, partial.Bytes, partial.Received);
        }

        if (partial is not null)
        {
            store.DeletePartial(deviceId, entry.Id);
        }

        return new SessionDownload(entry);
    }

    /// <summary>Reports on the calling thread, in order (<see cref="Progress{T}"/> posts to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
