using LumbarBand.Core.Configuration;
using LumbarBand.Core.Protocol;
using LumbarBand.Core.Session;
using LumbarBand.Core.Storage;
using Xunit.Abstractions;

namespace LumbarBand.Core.Tests.Session;

/// <summary>
/// A simulated week at the session level: three walks a day with pain markers, recorded by the band into a small log
/// (6 × 2 KB, about six walking hours), a host that downloads and acknowledges through the protocol on some evenings
/// and is away for three days. The log fills, evicts acknowledged sessions, runs full while the host is away (the
/// band records nothing then, and says so), and never loses or changes a session the host has not acknowledged.
/// </summary>
public sealed class WeekOfWalksTests(ITestOutputHelper output)
{
    private const int Days = 7;
    private static readonly int[] SyncEvenings = [1, 2, 6, 7];
    private static readonly double[] WalkMinutes = [25, 40, 35];
    private static readonly double?[] PainAfterMinutes = [12, null, 20];

    [Fact]
    public void NothingUnacknowledgedIsLostWhileTheLogFillsEvictsAndRunsFull()
    {
        var band = new Band();
        var settings = new BandSettings();
        var host = new FakePortHost();
        var log = new RecordLog(new MemoryRecordStorage(6, 2048));
        var recorder = new SessionRecorder(band.Neutral, band.Frame);
        var wiring = new PortAndOwner(band, recorder, log, settings, host);
        BandPort port = wiring.Port;
        PortLink link = wiring.Link();
        WalkFeeder feeder = null!;
        feeder = new WalkFeeder(recorder, () =>
        {
            host.UptimeUs = feeder.NowUs;
            wiring.RunOwner();
            port.FlushRecords();
            port.Maintain();
        });

        var recorded = new Dictionary<uint, byte[]>();
        var downloaded = new Dictionary<uint, byte[]>();
        uint hostAcknowledged = 0;
        int walks = 0;
        int fullWalks = 0;
        bool sawFull = false;
        bool sawEviction = false;
        var status = new StatusMessage();

        for (int day = 1; day <= Days; day++)
        {
            for (int w = 0; w < WalkMinutes.Length; w++)
            {
                uint before = log.LastSessionId;
                feeder.Walk(WalkMinutes[w] * 60, painAfterS: PainAfterMinutes[w] * 60, cueEveryS: 240);
                feeder.RestUntilSessionEnds();
                walks++;
                port.GetStatus(status);
                if (status.Has(StatusMessage.FlagStorageFull))
                {
                    sawFull = true;
                    fullWalks++;
                }

                for (uint id = before + 1; id <= log.LastSessionId; id++)
                {
                    recorded[id] = SessionTestLog.StoredBytes(log, id);
                }

                feeder.Rest(90 * 60);
            }

            if (SyncEvenings.Contains(day))
            {
                hostAcknowledged = Sync(link, recorded, downloaded, hostAcknowledged);
            }

            // Every session the host has not acknowledged is still stored, byte for byte.
            foreach ((uint id, byte[] bytes) in recorded.Where(r => r.Key > hostAcknowledged))
            {
                Assert.Equal(bytes, SessionTestLog.StoredBytes(log, id));
            }

            sawEviction |= recorded.Keys.Any(id => id <= hostAcknowledged && !IsStored(log, id));
            feeder.Rest(10 * 3600);
        }

        hostAcknowledged = Sync(link, recorded, downloaded, hostAcknowledged);
        output.WriteLine($"{walks} walks, {recorded.Count} sessions recorded, {downloaded.Count} downloaded, {fullWalks} walks ended with storage full");

        Assert.True(sawFull, "the log never ran full while the host was away");
        Assert.True(sawEviction, "no acknowledged session was ever evicted");
        Assert.True(recorded.Count < walks, "every walk was recorded although the log was full");
        Assert.Equal(recorded.Keys.Order(), downloaded.Keys.Order());
        foreach ((uint id, byte[] bytes) in recorded)
        {
            Assert.Equal(bytes, downloaded[id]);
        }

        // The sessions tell the pain story: walking minutes before pain where a marker was pressed.
        var painMinutes = downloaded.Values.Select(SessionTestLog.Decode).Where(s => s.HasFooter && s.Footer.PainMarkers > 0)
            .Select(s => Math.Round(s.Footer.WalkingMsBeforePain / 60000.0)).Distinct().Order().ToList();
        Assert.Equal([12.0, 20.0], painMinutes);
    }

    /// <summary>The host's evening: list, download every unacknowledged closed session oldest first, check, acknowledge.</summary>
    private static uint Sync(PortLink link, Dictionary<uint, byte[]> recorded, Dictionary<uint, byte[]> downloaded, uint acknowledged)
    {
        SessionInfo? last = null;
        foreach (SessionInfo info in link.ListSessions().Where(s => !s.Open && s.Id > acknowledged))
        {
            byte[]? bytes = link.Download(info.Id);
            Assert.NotNull(bytes);
            Assert.Equal(recorded[info.Id], bytes);
            SessionContent content = SessionTestLog.Decode(bytes);
            Assert.Equal(info.Id, content.SessionId);
            downloaded[info.Id] = bytes;
            last = info;
        }

        if (last is null)
        {
            return acknowledged;
        }

        Assert.Equal(ErrorCode.None, link.Acknowledge(last));
        return last.Id;
    }

    private static bool IsStored(RecordLog log, uint id) => new RecordReader(log).SeekToSession(id);
}
