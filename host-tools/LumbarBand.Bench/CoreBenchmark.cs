namespace LumbarBand.Bench;

/// <summary>
/// The device-cost meter: runs LumbarBand.Core over a workload and reports what it would cost on the band
/// (IL instructions per sample, allocation, state size) and how fast it runs on this host.
/// </summary>
public static class CoreBenchmark
{
    /// <summary>Timed duration the throughput figure is averaged over, at least.</summary>
    public static readonly TimeSpan DefaultMinimumTiming = TimeSpan.FromSeconds(0.5);

    /// <summary>Measures Core over <paramref name="workload"/>, timing throughput for at least 0.5 s.</summary>
    public static BenchResult Measure(BenchWorkload workload) => Measure(workload, DefaultMinimumTiming);

    /// <summary>
    /// Measures Core over <paramref name="workload"/>, timing throughput for at least
    /// <paramref name="minimumTiming"/>. Runs on the calling thread (allocation counters are per thread) and
    /// takes the time of the throughput run plus a few passes of the workload.
    /// </summary>
    public static BenchResult Measure(BenchWorkload workload, TimeSpan minimumTiming)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumTiming, TimeSpan.Zero);

        long stateBytes = HostCostMeter.MeasureStateBytes();
        double allocatedPerSample = HostCostMeter.MeasureAllocatedBytesPerSample(workload);
        double samplesPerSecond = HostCostMeter.MeasureSamplesPerSecond(workload, minimumTiming);
        (double ilMean, long ilMax) = IlCostMeter.Measure(workload);

        return new BenchResult(ilMean, ilMax, allocatedPerSample, stateBytes, samplesPerSecond, workload.Count);
    }

    /// <summary>
    /// IL instructions per sample charged to each Core method over <paramref name="workload"/>, largest first (only
    /// methods that ran); they add up to the mean <see cref="Measure(BenchWorkload)"/> reports. Finds where the
    /// per-sample budget goes.
    /// </summary>
    public static IReadOnlyList<MethodCost> MeasureByMethod(BenchWorkload workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return IlCostMeter.MeasureByMethod(workload);
    }
}
