using LumbarBand.Core.Protocol;

namespace LumbarBand.Host.Sync;

/// <summary>
/// One session being downloaded: the band's list entry, the bytes held so far, and Core's
/// <see cref="DownloadReceiver"/> that puts chunks in place. Survives a dropped link (the store keeps
/// <see cref="Buffer"/> up to <see cref="Received"/>), so the next download resumes from there.
/// </summary>
public sealed class SessionDownload
{
    /// <summary>A download of <paramref name="entry"/> from scratch.</summary>
    public SessionDownload(SessionInfo entry)
        : this(entry, new byte[Math.Max(0, entry?.Length ?? 0)], 0)
    {
    }

    /// <summary>A download of <paramref name="entry"/> resuming with the first <paramref name="received"/> bytes of <paramref name="buffer"/>.</summary>
    public SessionDownload(SessionInfo entry, byte[] buffer, int received)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentOutOfRangeException.ThrowIfNegative(received);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(received, buffer.Length);
        Entry = entry;
        Buffer = buffer;
        ResumedFrom = received;
        Receiver.Begin(entry.Id, buffer.Length, entry.Crc, received);
        Receiver.Suspend();
    }

    /// <summary>The band's entry for the session.</summary>
    public SessionInfo Entry { get; }

    /// <summary>The session's bytes (its whole length; valid up to <see cref="Received"/>).</summary>
    public byte[] Buffer { get; private set; }

    /// <summary>Core's receiver: sequence numbers, placement, CRC.</summary>
    public DownloadReceiver Receiver { get; } = new();

    /// <summary>Bytes held from offset 0: where the next ReadSession starts.</summary>
    public int Received => Receiver.Received;

    /// <summary>Where this download started (0, or the bytes a previous, dropped download left).</summary>
    public int ResumedFrom { get; }

    /// <summary>True once every byte arrived and the CRC-32 matched.</summary>
    public bool Complete => Receiver.Complete;

    /// <summary>
    /// The band answered ReadSession with <paramref name="length"/> and <paramref name="crc"/>: if the session is not
    /// the one these bytes belong to (it changed underneath), start over from 0.
    /// </summary>
    internal int Restart(int length, uint crc, int offset)
    {
        if (length != Buffer.Length || crc != Receiver.Crc)
        {
            Buffer = new byte[length];
            offset = 0;
        }

        Receiver.Begin(Entry.Id, length, crc, offset);
        return offset;
    }
}
