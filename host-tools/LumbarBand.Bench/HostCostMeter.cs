using System.Diagnostics;
using LumbarBand.Core;

namespace LumbarBand.Bench;

/// <summary>
/// Measures the normal, uninstrumented Core on this host: allocation per sample, the size of a band's state and
/// throughput. Allocation figures use <see cref="GC.GetAllocatedBytesForCurrentThread"/>, which is exact for the
/// calling thread, so every measurement runs on the caller's thread.
/// </summary>
internal static class HostCostMeter
{
    /// <summary>Bytes allocated by <c>new Band()</c>, after one warm-up construction (JIT, type initializers).</summary>
    public static long MeasureStateBytes()
    {
        GC.KeepAlive(new Band());

        long before = GC.GetAllocatedBytesForCurrentThread();
        var band = new Band();
        long after = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(band);
        return after - before;
    }

    /// <summary>
    /// Bytes allocated per <c>OnSample</c> call in steady state: one warm-up pass (JIT), then a fresh band whose
    /// calls are measured one by one, so draining events between them is not charged.
    /// </summary>
    public static double MeasureAllocatedBytesPerSample(BenchWorkload workload)
    {
        RunPass(new Band(), workload);

        var band = new Band();
        ReadOnlySpan<long> t = workload.TimeUs;
        ReadOnlySpan<short> ax = workload.Ax, ay = workload.Ay, az = workload.Az;
        ReadOnlySpan<short> gx = workload.Gx, gy = workload.Gy, gz = workload.Gz;
        long total = 0;
        for (int i = 0; i < t.Length; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            band.OnSample(t[i], ax[i], ay[i], az[i], gx[i], gy[i], gz[i]);
            total += GC.GetAllocatedBytesForCurrentThread() - before;
            Drain(band);
        }

        return (double)total / t.Length;
    }

    /// <summary>
    /// Samples per second, fed and drained like a host tool does, over whole passes of the workload repeated until
    /// at least <paramref name="minimumDuration"/> has been timed. Each pass uses a fresh band (built outside the
    /// timing) so time never runs backwards for it.
    /// </summary>
    public static double MeasureSamplesPerSecond(BenchWorkload workload, TimeSpan minimumDuration)
    {
        RunPass(new Band(), workload);

        var stopwatch = new Stopwatch();
        long samples = 0;
        do
        {
            var band = new Band();
            stopwatch.Start();
            RunPass(band, workload);
            stopwatch.Stop();
            samples += workload.Count;
        }
        while (stopwatch.Elapsed < minimumDuration || stopwatch.ElapsedTicks == 0);

        return samples / stopwatch.Elapsed.TotalSeconds;
    }

    private static void RunPass(Band band, BenchWorkload workload)
    {
        ReadOnlySpan<long> t = workload.TimeUs;
        ReadOnlySpan<short> ax = workload.Ax, ay = workload.Ay, az = workload.Az;
        ReadOnlySpan<short> gx = workload.Gx, gy = workload.Gy, gz = workload.Gz;
        for (int i = 0; i < t.Length; i++)
        {
            band.OnSample(t[i], ax[i], ay[i], az[i], gx[i], gy[i], gz[i]);
            Drain(band);
        }
    }

    private static void Drain(Band band)
    {
        EventQueue events = band.Events;
        while (events.TryTake(out _))
        {
        }
    }
}
