using System.Reflection;
using System.Runtime.Loader;

namespace LumbarBand.Bench;

/// <summary>
/// An assembly rewritten by <see cref="IlInstrumenter"/>, loaded into its own collectible
/// <see cref="AssemblyLoadContext"/> so it can live beside the normal copy of the same assembly, with access to its
/// injected instruction counter. Disposing unloads the context (once nothing references its types any more).
/// </summary>
public sealed class InstrumentedAssembly : IDisposable
{
    private readonly IsolatedLoadContext _context;
    private readonly FieldInfo _counter;
    private readonly FieldInfo _methodCounts;
    private bool _disposed;

    /// <summary>Loads the instrumented assembly at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidOperationException">The assembly holds no injected counter.</exception>
    public InstrumentedAssembly(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string fullPath = Path.GetFullPath(path);
        _context = new IsolatedLoadContext(Path.GetDirectoryName(fullPath) ?? ".");
        try
        {
            Assembly = _context.LoadFromBytes(fullPath);
            Type counterType = Assembly.GetType(IlInstrumenter.CounterTypeFullName, throwOnError: false)
                ?? throw new InvalidOperationException($"'{path}' was not instrumented: no {IlInstrumenter.CounterTypeFullName}.");
            _counter = counterType.GetField(IlInstrumenter.CounterFieldName, BindingFlags.Public | BindingFlags.Static)
                ?? throw new InvalidOperationException($"'{path}' has no counter field {IlInstrumenter.CounterFieldName}.");
            _methodCounts = counterType.GetField(IlInstrumenter.MethodCountsFieldName, BindingFlags.Public | BindingFlags.Static)
                ?? throw new InvalidOperationException($"'{path}' has no counter field {IlInstrumenter.MethodCountsFieldName}.");
        }
        catch
        {
            _context.Unload();
            throw;
        }
    }

    /// <summary>The loaded, instrumented assembly.</summary>
    public Assembly Assembly { get; }

    /// <summary>Original IL instructions executed in the assembly since the last <see cref="ResetCount"/>.</summary>
    public long InstructionCount
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return (long)_counter.GetValue(null)!;
        }
    }

    /// <summary>
    /// The per-method counts (index = slot returned by <see cref="IlInstrumenter.Instrument(string, string, bool)"/>);
    /// all zero unless the assembly was instrumented per method. The live array: callers may clear it.
    /// </summary>
    public long[] MethodCounts
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return (long[])_methodCounts.GetValue(null)!;
        }
    }

    /// <summary>Sets the instruction counter back to zero.</summary>
    public void ResetCount()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _counter.SetValue(null, 0L);
    }

    /// <summary>Unloads the load context. Objects created from the assembly keep it alive until collected.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _context.Unload();
        }
    }

    /// <summary>
    /// Resolves the assembly's own dependencies from its directory when a file is there, and everything else (the
    /// framework) from the default context. Loads from bytes so the files can be deleted while the context lives.
    /// </summary>
    private sealed class IsolatedLoadContext(string directory)
        : AssemblyLoadContext("LumbarBand.Bench.Instrumented", isCollectible: true)
    {
        public Assembly LoadFromBytes(string path)
        {
            using var stream = new MemoryStream(File.ReadAllBytes(path));
            return LoadFromStream(stream);
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            string candidate = Path.Combine(directory, assemblyName.Name + ".dll");
            return File.Exists(candidate) ? LoadFromBytes(candidate) : null;
        }
    }
}
