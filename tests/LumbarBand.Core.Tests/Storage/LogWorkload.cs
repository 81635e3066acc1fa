using LumbarBand.Core.Storage;

namespace LumbarBand.Core.Tests.Storage;

/// <summary>
/// A deterministic multi-session workload for the fault-injection tests, on a small log (4 segments of 640 bytes) so that it
/// wraps, evicts acknowledged sessions, and runs full while the host is away: sessions of random records (mostly
/// short, some near the 255-byte maximum), commits every few records, acknowledgements after most sessions and
/// sometimes mid-session. The same seed gives the same calls, so a run cut short is a prefix of the full run.
/// </summary>
public static class LogWorkload
{
    public const int SegmentCount = 4;
    public const int SegmentCapacity = 640;

    private const int Sessions = 12;

    /// <summary>Sessions during which the host never connects, long enough for the log to fill.</summary>
    private const int HostAwayFrom = 4;

    private const int HostAwayThrough = 8;

    public static void Run(RecordLog log, LogModel model, int seed)
    {
        var random = new Random(seed);
        for (int session = 1; session <= Sessions; session++)
        {
            bool hostAway = session >= HostAwayFrom && session <= HostAwayThrough;
            model.StartSession(log);
            int records = random.Next(3, 17);
            for (int r = 0; r < records; r++)
            {
                int length = random.Next(8) == 0 ? random.Next(150, RecordFormat.MaxPayloadLength + 1) : random.Next(0, 61);
                model.Append(log, StorageTestKit.RandomApplicationType(random), StorageTestKit.RandomBytes(random, length));
                if (random.Next(3) == 0)
                {
                    model.Commit(log);
                }

                if (!hostAway && random.Next(12) == 0 && log.LastSessionId > 1)
                {
                    model.Acknowledge(log, log.LastSessionId - 1);
                }
            }

            if (random.Next(2) == 0)
            {
                model.Commit(log);
            }

            model.EndSession(log);
            if (!hostAway && random.Next(4) != 0)
            {
                model.Acknowledge(log, log.LastSessionId - (uint)random.Next(2));
            }
        }
    }
}
