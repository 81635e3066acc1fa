namespace LumbarBand.Core.Tests.NanoCompatibility;

/// <summary>
/// The firmware app and the device tests cannot be compiled here (they need the nanoFramework toolchain), so their
/// sources are read with Roslyn and held to what nanoFramework's mscorlib 1.17 and its metadata processor take
/// (<see cref="NanoSourceChecker"/>); the checker itself is shown to find each construct.
/// </summary>
public sealed class NanoSourceTests
{
    [Theory]
    [InlineData("firmware/LumbarBand.Firmware")]
    [InlineData("tests/LumbarBand.Core.DeviceTests")]
    public void DeviceSourcesUseOnlyWhatNanoFrameworkTakes(string relative)
    {
        string folder = Path.Combine(RepositoryRoot(), relative);
        Assert.True(NanoSourceChecker.SourceFiles(folder).Count > 3, $"no C# sources found under {folder}");
        IReadOnlyList<string> problems = NanoSourceChecker.CheckFolder(folder);
        Assert.True(problems.Count == 0, $"{relative} holds what nanoFramework cannot take:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void CheckerFindsEachConstructNanoFrameworkCannotTake()
    {
        const string bad = """
            using System.Linq;
            using System.Collections.Generic;
            class Bad<T>
            {
                private volatile bool _flag;
                private List<int> _list;
                private int? _maybe;
                private (int, int) _pair;
                private int[,] _grid;
                async void Run() { await Task(); }
                System.Collections.IEnumerable Items() { yield return 1; }
                void Query(int[] a) { var q = from x in a select x; }
                void Provider(object p) { p.AddService(null); }
                unsafe void Pointer() { int* p = stackalloc int[4]; }
                int Newer(object o) => o switch { _ => 1 };
            }
            """;
        string all = string.Join("\n", NanoSourceChecker.Check("Bad.cs", bad));
        string[] expected =
        [
            "volatile field", "generic type or method definition", "generic instance List", "nullable value type",
            "tuple", "multidimensional array", "async method", "await", "iterator", "LINQ query", "using System.Linq",
            "GattServiceProvider.AddService", "stackalloc", "pointer type", "not C# 7.3",
        ];
        foreach (string e in expected)
        {
            Assert.True(all.Contains(e, StringComparison.Ordinal), $"the checker missed \"{e}\"; it reported:\n{all}");
        }
    }

    [Fact]
    public void CheckerPassesPlainNanoFrameworkCode()
    {
        const string good = """
            using System;
            using System.Threading;
            internal sealed class Good
            {
                private readonly object _sync = new object();
                private bool _running;
                public void Run(int[] samples) { lock (_sync) { foreach (int s in samples) { _running = s > 0; } } }
            }
            """;
        Assert.Empty(NanoSourceChecker.Check("Good.cs", good));
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d != null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "LumbarBand.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("no LumbarBand.sln above " + AppContext.BaseDirectory);
    }
}
