using System.Reflection;
using LumbarBand.Core;

namespace LumbarBand.Bench;

/// <summary>
/// Counts the original IL instructions one <c>Band.OnSample</c> call executes, using an instrumented copy of Core
/// in its own load context. Only Core's own code is counted: calls into the base class library are not (Core is
/// meant to make few), and neither are event draining or construction.
/// </summary>
internal static class IlCostMeter
{
    private const string BandTypeName = "LumbarBand.Core.Band";

    /// <summary>Mean and max instructions per sample over <paramref name="workload"/>.</summary>
    public static (double Mean, long Max) Measure(BenchWorkload workload)
    {
        (double mean, long max, _) = Measure(workload, perMethod: false);
        return (mean, max);
    }

    /// <summary>
    /// Mean instructions per sample charged to each Core method (its own blocks, not its callees), largest first,
    /// over <paramref name="workload"/>; methods never run in <c>OnSample</c> are left out. The means add up to the
    /// mean of <see cref="Measure(BenchWorkload)"/>.
    /// </summary>
    public static IReadOnlyList<MethodCost> MeasureByMethod(BenchWorkload workload) =>
        Measure(workload, perMethod: true).ByMethod;

    private static (double Mean, long Max, IReadOnlyList<MethodCost> ByMethod) Measure(BenchWorkload workload, bool perMethod)
    {
        string coreLocation = typeof(Band).Assembly.Location;
        if (string.IsNullOrEmpty(coreLocation))
        {
            throw new InvalidOperationException(
                "LumbarBand.Core has no file location (single-file publish?); it cannot be instrumented.");
        }

        string directory = Path.Combine(Path.GetTempPath(), "lumbarband-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            string instrumentedPath = Path.Combine(directory, Path.GetFileName(coreLocation));
            IReadOnlyList<string> names = IlInstrumenter.Instrument(coreLocation, instrumentedPath, perMethod);
            using var core = new InstrumentedAssembly(instrumentedPath);

            // Type initializers run once at startup on the device; a throwaway band fed the whole workload runs
            // them (and any other first-use work) so they are not charged to the first measured sample.
            Run(core, workload, record: null);

            long max = 0;
            long total = 0;
            long[] byMethod = new long[names.Count];
            Run(core, workload, count =>
            {
                total += count;
                max = Math.Max(max, count);
                long[] slots = core.MethodCounts;
                for (int i = 0; i < slots.Length; i++)
                {
                    byMethod[i] += slots[i];
                }
            });

            var costs = new List<MethodCost>();
            for (int i = 0; i < byMethod.Length; i++)
            {
                if (byMethod[i] > 0)
                {
                    costs.Add(new MethodCost(names[i], (double)byMethod[i] / workload.Count));
                }
            }

            costs.Sort((a, b) => b.InstructionsPerSample.CompareTo(a.InstructionsPerSample));
            return ((double)total / workload.Count, max, costs);
        }
        finally
        {
            TryDeleteDirectory(directory);
        }
    }

    private static void Run(InstrumentedAssembly core, BenchWorkload workload, Action<long>? record)
    {
        var band = new InstrumentedBand(core.Assembly);
        for (int i = 0; i < workload.Count; i++)
        {
            core.ResetCount();
            Array.Clear(core.MethodCounts);
            workload.Feed(i, band.OnSample);
            long count = core.InstructionCount;
            record?.Invoke(count);

            // Drained after reading the counter: the recorder drains the queue on the device, so the queue
            // must not fill up (and take the drop path) here when it would not there.
            band.DrainEvents();
        }
    }

    private static void TryDeleteDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; the measurement is what matters.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }

    /// <summary>A <c>Band</c> from the instrumented assembly, driven through a delegate and reflection.</summary>
    private sealed class InstrumentedBand
    {
        private readonly object _band;
        private readonly MethodInfo _eventsGetter;
        private readonly MethodInfo _tryTake;
        private readonly object?[] _tryTakeArgs = new object?[1];

        public InstrumentedBand(Assembly core)
        {
            Type bandType = core.GetType(BandTypeName, throwOnError: true)!;
            _band = Activator.CreateInstance(bandType)!;

            MethodInfo onSample = bandType.GetMethod(nameof(Band.OnSample), BindingFlags.Public | BindingFlags.Instance)
                ?? throw new MissingMethodException(BandTypeName, nameof(Band.OnSample));

            // Primitive parameter types are shared by both load contexts, so the host delegate type binds.
            OnSample = (SampleHandler)Delegate.CreateDelegate(typeof(SampleHandler), _band, onSample);

            _eventsGetter = bandType.GetProperty(nameof(Band.Events))?.GetMethod
                ?? throw new MissingMemberException(BandTypeName, nameof(Band.Events));
            _tryTake = _eventsGetter.ReturnType.GetMethod(nameof(EventQueue.TryTake))
                ?? throw new MissingMethodException(_eventsGetter.ReturnType.FullName, nameof(EventQueue.TryTake));
        }

        public SampleHandler OnSample { get; }

        public void DrainEvents()
        {
            object queue = _eventsGetter.Invoke(_band, null)!;
            while ((bool)_tryTake.Invoke(queue, _tryTakeArgs)!)
            {
            }
        }
    }
}
