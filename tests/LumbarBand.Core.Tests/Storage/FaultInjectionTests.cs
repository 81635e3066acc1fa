using System.Diagnostics;
using LumbarBand.Core.Storage;
using Xunit.Abstractions;

namespace LumbarBand.Core.Tests.Storage;

/// <summary>
/// Power cuts everywhere: before every mutating storage call of a multi-session workload, and at 10,000 random byte
/// offsets (inside segment headers, record headers, payloads and CRCs), with every kind of survivor the storage contract
/// allows (committed content only, everything written, torn prefixes followed by random bytes, 0xFF, zeros or stale
/// data), some with a second cut during recovery. After each: every committed record of an unacknowledged session is
/// intact, nothing returned is corrupt or out of sequence, and the log takes new records that survive another reboot.
/// </summary>
public sealed class FaultInjectionTests
{
    private static readonly int[] WorkloadSeeds = [1, 2, 3, 4];

    private readonly ITestOutputHelper _output;

    public FaultInjectionTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void WorkloadWrapsEvictsAndRunsFull()
    {
        foreach (int seed in WorkloadSeeds)
        {
            var storage = new PowerCutStorage(LogWorkload.SegmentCount, LogWorkload.SegmentCapacity);
            var model = new LogModel();
            var log = new RecordLog(storage);
            LogWorkload.Run(log, model, seed);
            Assert.True(model.FullResults > 0, $"seed {seed}: the log never ran full");
            Assert.True(log.OldestSequence > 40, $"seed {seed}: the log never evicted much");
            Assert.True(storage.BytesAppended > 3 * LogWorkload.SegmentCount * LogWorkload.SegmentCapacity / 2, $"seed {seed}: too little data");
            model.Verify(new RecordLog(storage.Reboot(Survival.CommittedOnly, new Random(seed))));
        }
    }

    [Fact]
    public void PowerCutAtEveryWriteBoundary()
    {
        var watch = Stopwatch.StartNew();
        int trials = 0;
        foreach (int seed in WorkloadSeeds)
        {
            int calls = ReferenceRun(seed).Calls;
            for (int cut = 0; cut <= calls; cut++)
            {
                foreach (Survival survival in Enum.GetValues<Survival>())
                {
                    var random = new Random((seed * 100_003) + (cut * 3) + (int)survival);
                    Trial(seed, cut, long.MaxValue, survival, secondCut: false, random);
                    trials++;
                }
            }
        }

        _output.WriteLine($"{trials} trials (every call boundary x 3 survivals, {WorkloadSeeds.Length} workloads) in {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void PowerCutAtTenThousandRandomByteOffsets()
    {
        const int Trials = 10_000;
        var watch = Stopwatch.StartNew();
        long[] totals = WorkloadSeeds.Select(seed => ReferenceRun(seed).BytesAppended).ToArray();
        var random = new Random(20_240_611);
        var places = new Dictionary<CutPlace, int>();
        int secondCuts = 0;
        for (int i = 0; i < Trials; i++)
        {
            int which = i % WorkloadSeeds.Length;
            long offset = random.NextInt64(totals[which]);
            int roll = random.Next(10);
            Survival survival = roll == 0 ? Survival.CommittedOnly : roll == 1 ? Survival.EverythingWritten : Survival.Torn;
            bool secondCut = random.Next(4) == 0;
            secondCuts += secondCut ? 1 : 0;
            CutPlace place = Trial(WorkloadSeeds[which], int.MaxValue, offset, survival, secondCut, new Random(random.Next()));
            places[place] = places.GetValueOrDefault(place) + 1;
        }

        _output.WriteLine($"{Trials} random byte cuts ({secondCuts} with a second cut during recovery) in {watch.ElapsedMilliseconds} ms: "
            + string.Join(", ", places.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}")));
        Assert.True(places.GetValueOrDefault(CutPlace.SegmentHeader) >= 50, "too few cuts inside segment headers");
        Assert.True(places.GetValueOrDefault(CutPlace.RecordHeader) >= 500, "too few cuts inside record headers");
        Assert.True(places.GetValueOrDefault(CutPlace.Payload) >= 5000, "too few cuts inside payloads");
        Assert.True(places.GetValueOrDefault(CutPlace.Checksum) >= 500, "too few cuts inside CRCs");
    }

    private static PowerCutStorage ReferenceRun(int seed)
    {
        var storage = new PowerCutStorage(LogWorkload.SegmentCount, LogWorkload.SegmentCapacity);
        LogWorkload.Run(new RecordLog(storage), new LogModel(), seed);
        return storage;
    }

    /// <summary>Runs the workload until the cut, reboots, verifies, appends, reboots again and verifies.</summary>
    private static CutPlace Trial(int seed, int callBudget, long byteBudget, Survival survival, bool secondCut, Random random)
    {
        var storage = new PowerCutStorage(LogWorkload.SegmentCount, LogWorkload.SegmentCapacity)
        {
            CallBudget = callBudget,
            ByteBudget = byteBudget,
        };
        var model = new LogModel();
        try
        {
            LogWorkload.Run(new RecordLog(storage), model, seed);
        }
        catch (PowerCutException)
        {
        }

        PowerCutStorage rebooted = storage.Reboot(survival, random);
        if (secondCut)
        {
            // A few calls in: inside recovery's truncation and commit, or among the first new appends.
            rebooted.CallBudget = random.Next(0, 10);
            try
            {
                RecoverVerifyAndAppend(rebooted, model, random);
                return storage.CutPlace;
            }
            catch (PowerCutException)
            {
                rebooted = rebooted.Reboot(Survival.Torn, random);
            }
        }

        RecoverVerifyAndAppend(rebooted, model, random);
        return storage.CutPlace;
    }

    /// <summary>Recovers and verifies; then ends any open session, acknowledges all, records a new session, reboots and verifies it is there.</summary>
    private static void RecoverVerifyAndAppend(PowerCutStorage storage, LogModel model, Random random)
    {
        var log = new RecordLog(storage);
        model.Verify(log);

        if (log.IsSessionOpen)
        {
            Assert.Equal(LogResult.Ok, model.EndSession(log));
        }

        if (log.LastSessionId > 0)
        {
            Assert.Equal(LogResult.Ok, model.Acknowledge(log, log.LastSessionId));
        }

        Assert.Equal(LogResult.Ok, model.StartSession(log));
        uint session = log.CurrentSessionId;
        const int NewRecords = 3;
        for (int i = 0; i < NewRecords; i++)
        {
            byte[] payload = StorageTestKit.RandomBytes(random, random.Next(0, 100));
            Assert.Equal(LogResult.Ok, model.Append(log, StorageTestKit.RandomApplicationType(random), payload));
        }

        model.Commit(log);
        Assert.Equal(LogResult.Ok, model.EndSession(log));

        List<StoredRecord> after = model.Verify(new RecordLog(storage.Reboot(Survival.CommittedOnly, random)));
        Assert.Equal(NewRecords + 2, after.Count(r => r.SessionId == session));
    }
}
