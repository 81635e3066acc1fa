using System.Globalization;
using LumbarBand.Host.Store;
using LumbarBand.Host.Sync;

namespace LumbarBand.Cli.Commands;

/// <summary>
/// The download's progress: a bar redrawn in place on a terminal, one line per session otherwise (logs, tests).
/// Reports arrive on the downloading thread, in order.
/// </summary>
public sealed class DownloadProgressBar(TextWriter output, bool interactive) : IProgress<SyncProgress>
{
    private const int Width = 30;
    private int _lastPercent = -1;

    /// <inheritdoc/>
    public void Report(SyncProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        switch (value.Stage)
        {
            case SyncStage.Listed:
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"the band holds {value.SessionsOnBand} session(s)"));
                break;
            case SyncStage.Downloading when interactive && value.Session is not null:
                int length = Math.Max(1, value.Session.Length);
                int percent = (int)(100L * value.BytesHeld / length);
                if (percent != _lastPercent)
                {
                    _lastPercent = percent;
                    int filled = percent * Width / 100;
                    output.Write(string.Create(CultureInfo.InvariantCulture,
                        $"\rsession {value.Session.Id,4} [{new string('#', filled)}{new string('.', Width - filled)}] {percent,3}% {value.BytesHeld}/{value.Session.Length} B"));
                }

                break;
            case SyncStage.Stored when value.Session is not null:
                if (interactive && _lastPercent >= 0)
                {
                    output.WriteLine();
                }

                _lastPercent = -1;
                string what = value.Outcome == ImportOutcome.Imported ? "stored" : "already stored";
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"session {value.Session.Id}: {value.Session.Length} bytes, CRC {value.Session.Crc:x8}, {what}"));
                break;
            case SyncStage.Acknowledged when value.Session is not null:
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"session {value.Session.Id}: acknowledged (the band may now free its space)"));
                break;
            case SyncStage.SkippedOpen when value.Session is not null:
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"session {value.Session.Id}: still being recorded, left for next time"));
                break;
            default:
                break;
        }
    }
}
