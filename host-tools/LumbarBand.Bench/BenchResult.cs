using System.Buffers;
using System.Text;
using System.Text.Json;

namespace LumbarBand.Bench;

/// <summary>
/// What <see cref="CoreBenchmark"/> measured: an ordered list of named metrics. The Core figures have typed
/// properties; further figures (storage, BLE, ...) are appended with <see cref="Add"/> and appear in
/// <see cref="ToJson"/> and <see cref="ToText"/> in the order they were added.
/// </summary>
public sealed class BenchResult
{
    /// <summary>JSON key of <see cref="IlInstructionsPerSampleMean"/>.</summary>
    public const string IlMeanKey = "il_instructions_per_sample_mean";

    /// <summary>JSON key of <see cref="IlInstructionsPerSampleMax"/>.</summary>
    public const string IlMaxKey = "il_instructions_per_sample_max";

    /// <summary>JSON key of <see cref="AllocatedBytesPerSample"/>.</summary>
    public const string AllocatedBytesKey = "allocated_bytes_per_sample";

    /// <summary>JSON key of <see cref="CoreStateBytes"/>.</summary>
    public const string CoreStateBytesKey = "core_state_bytes";

    /// <summary>JSON key of <see cref="HostSamplesPerSecond"/>.</summary>
    public const string HostSamplesPerSecondKey = "host_samples_per_second";

    /// <summary>JSON key of <see cref="Samples"/>.</summary>
    public const string SamplesKey = "samples";

    private readonly List<BenchMetric> _metrics = [];

    /// <summary>Creates a result holding the Core metrics, in the order of the parameters.</summary>
    public BenchResult(
        double ilInstructionsPerSampleMean,
        long ilInstructionsPerSampleMax,
        double allocatedBytesPerSample,
        long coreStateBytes,
        double hostSamplesPerSecond,
        int samples)
    {
        IlInstructionsPerSampleMean = ilInstructionsPerSampleMean;
        IlInstructionsPerSampleMax = ilInstructionsPerSampleMax;
        AllocatedBytesPerSample = allocatedBytesPerSample;
        CoreStateBytes = coreStateBytes;
        HostSamplesPerSecond = hostSamplesPerSecond;
        Samples = samples;

        Add(new BenchMetric(IlMeanKey, "IL instructions per sample, mean", ilInstructionsPerSampleMean, 2, ""));
        Add(new BenchMetric(IlMaxKey, "IL instructions per sample, max", ilInstructionsPerSampleMax, 0, ""));
        Add(new BenchMetric(AllocatedBytesKey, "Allocated per sample", allocatedBytesPerSample, 2, "B"));
        Add(new BenchMetric(CoreStateBytesKey, "Core state (CoreCLR x64 sizes)", coreStateBytes, 0, "B"));
        Add(new BenchMetric(HostSamplesPerSecondKey, "Host throughput", hostSamplesPerSecond, 0, "samples/s"));
        Add(new BenchMetric(SamplesKey, "Samples in workload", samples, 0, ""));
    }

    /// <summary>Mean original IL instructions Core executes per <c>OnSample</c> call (the device's time budget).</summary>
    public double IlInstructionsPerSampleMean { get; }

    /// <summary>Most original IL instructions executed by a single <c>OnSample</c> call.</summary>
    public long IlInstructionsPerSampleMax { get; }

    /// <summary>Managed bytes allocated per <c>OnSample</c> call in steady state; Core's rules require 0.</summary>
    public double AllocatedBytesPerSample { get; }

    /// <summary>
    /// Bytes allocated by <c>new Band()</c>, measured with CoreCLR x64 object sizes: an upper bound for the device,
    /// whose object headers and references are smaller.
    /// </summary>
    public long CoreStateBytes { get; }

    /// <summary>Samples per second the uninstrumented Core processes on this host.</summary>
    public double HostSamplesPerSecond { get; }

    /// <summary>Samples in the workload.</summary>
    public int Samples { get; }

    /// <summary>All metrics, in output order.</summary>
    public IReadOnlyList<BenchMetric> Metrics => _metrics;

    /// <summary>Appends a metric after the existing ones.</summary>
    /// <exception cref="ArgumentException">A metric with the same key exists.</exception>
    public void Add(BenchMetric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        if (_metrics.Exists(m => string.Equals(m.Key, metric.Key, StringComparison.Ordinal)))
        {
            throw new ArgumentException($"A metric named '{metric.Key}' exists already.", nameof(metric));
        }

        _metrics.Add(metric);
    }

    /// <summary>
    /// One JSON object, a key per metric, numbers rounded to each metric's decimals (integers where it has none);
    /// a value that is not finite is written as null, which JSON has no number for.
    /// </summary>
    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (BenchMetric metric in _metrics)
            {
                if (!double.IsFinite(metric.Value))
                {
                    writer.WriteNull(metric.Key);
                }
                else if (metric.Decimals == 0)
                {
                    writer.WriteNumber(metric.Key, (long)metric.RoundedValue);
                }
                else
                {
                    writer.WriteNumber(metric.Key, metric.RoundedValue);
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A short human-readable summary, one metric a line.</summary>
    public string ToText()
    {
        int width = 0;
        foreach (BenchMetric metric in _metrics)
        {
            width = Math.Max(width, metric.Label.Length);
        }

        var text = new StringBuilder();
        foreach (BenchMetric metric in _metrics)
        {
            text.Append(metric.Label.PadRight(width + 2)).Append(metric.FormatForText()).Append('\n');
        }

        return text.ToString();
    }
}
