using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LumbarBand.Core.Tests.NanoCompatibility;

/// <summary>
/// Reads C# sources that only the nanoFramework toolchain can compile (the firmware app and the device tests) and
/// finds, from their syntax alone, what nanoFramework's mscorlib 1.17 or its metadata processor cannot take: anything
/// newer than C# 7.3 (the projects' LangVersion), <c>volatile</c> (needs <c>IsVolatile</c>, absent from mscorlib),
/// generic types or methods and generic instances (<c>List&lt;T&gt;</c>, <c>int?</c>, tuples), <c>async</c>/<c>await</c>,
/// LINQ (query syntax or <c>using System.Linq</c>), iterators (they implement <c>IEnumerable&lt;T&gt;</c>),
/// multidimensional arrays, <c>stackalloc</c> and pointers, and calls to members removed from the pinned packages.
/// </summary>
/// <remarks>
/// The same limits that <see cref="NanoMetadataChecker"/> proves on the compiled Core, here for code that cannot be
/// compiled on this machine. Syntax only: a construct hidden behind a library call is not seen.
/// </remarks>
public static class NanoSourceChecker
{
    /// <summary>The language version the .nfproj projects compile with.</summary>
    public const LanguageVersion NanoLanguageVersion = LanguageVersion.CSharp7_3;

    /// <summary>
    /// Members called in code that the pinned packages no longer have, each with why. Matched by member name on
    /// invocations (syntax cannot see the receiver's type, so each name here is one no pinned package still offers).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> RemovedMembers = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AddService"] = "GattServiceProvider.AddService was removed from nanoFramework.Device.Bluetooth in March 2023; each service is made with GattServiceProvider.Create(uuid)",
    };

    /// <summary>Every problem in <paramref name="source"/> (named <paramref name="name"/> in messages), one line each.</summary>
    public static IReadOnlyList<string> Check(string name, string source)
    {
        var problems = new List<string>();
        SyntaxTree tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(NanoLanguageVersion), path: name);
        foreach (Diagnostic d in tree.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error))
        {
            problems.Add($"{Where(d.Location)}: not C# 7.3: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
        }

        foreach (SyntaxNode node in tree.GetRoot().DescendantNodesAndSelf())
        {
            string? problem = Problem(node);
            if (problem != null)
            {
                problems.Add($"{Where(node.GetLocation())}: {problem}");
            }
        }

        return problems;
    }

    /// <summary>Every problem in the .cs files under <paramref name="folder"/> (bin and obj skipped).</summary>
    public static IReadOnlyList<string> CheckFolder(string folder)
    {
        var problems = new List<string>();
        foreach (string file in SourceFiles(folder))
        {
            problems.AddRange(Check(Path.GetRelativePath(folder, file), File.ReadAllText(file)));
        }

        return problems;
    }

    /// <summary>The .cs files under <paramref name="folder"/>, build output left out, in a stable order.</summary>
    public static IReadOnlyList<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(Path.GetRelativePath(folder, f)))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();

    private static bool IsBuildOutput(string relative)
    {
        string first = relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)[0];
        return first is "bin" or "obj";
    }

    private static string? Problem(SyntaxNode node) => node switch
    {
        FieldDeclarationSyntax f when f.Modifiers.Any(SyntaxKind.VolatileKeyword) =>
            "volatile field (needs System.Runtime.CompilerServices.IsVolatile, absent from nanoFramework's mscorlib)",
        TypeParameterListSyntax => "generic type or method definition",
        GenericNameSyntax g => $"generic instance {g.Identifier.Text}<…>",
        NullableTypeSyntax => "nullable value type (Nullable<T> is generic)",
        TupleTypeSyntax or TupleExpressionSyntax => "tuple (ValueTuple is generic)",
        MethodDeclarationSyntax m when m.Modifiers.Any(SyntaxKind.AsyncKeyword) => "async method",
        AnonymousFunctionExpressionSyntax a when a.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword) => "async lambda",
        AwaitExpressionSyntax => "await",
        QueryExpressionSyntax => "LINQ query",
        UsingDirectiveSyntax u when u.Name?.ToString() == "System.Linq" => "using System.Linq",
        YieldStatementSyntax => "iterator (yield implements IEnumerable<T>)",
        ArrayRankSpecifierSyntax r when r.Rank > 1 => "multidimensional array (the metadata processor rejects it)",
        StackAllocArrayCreationExpressionSyntax => "stackalloc",
        PointerTypeSyntax => "pointer type",
        InvocationExpressionSyntax i when RemovedMember(i) is string why => why,
        SwitchExpressionSyntax or ImplicitObjectCreationExpressionSyntax or RangeExpressionSyntax
            or RecordDeclarationSyntax or FileScopedNamespaceDeclarationSyntax or RecursivePatternSyntax
            or UnaryPatternSyntax or BinaryPatternSyntax or RelationalPatternSyntax =>
            $"not C# 7.3: {node.Kind()} (the parser leaves this version check to the compiler)",
        AssignmentExpressionSyntax a when a.IsKind(SyntaxKind.CoalesceAssignmentExpression) => "not C# 7.3: ??=",
        LocalDeclarationStatementSyntax l when l.UsingKeyword.IsKind(SyntaxKind.UsingKeyword) => "not C# 7.3: using declaration",
        _ => null,
    };

    private static string? RemovedMember(InvocationExpressionSyntax invocation)
    {
        string? name = invocation.Expression switch
        {
            MemberAccessExpressionSyntax m => m.Name.Identifier.Text,
            IdentifierNameSyntax id => id.Identifier.Text,
            _ => null,
        };
        return name != null && RemovedMembers.TryGetValue(name, out string? why) ? why : null;
    }

    private static string Where(Location location)
    {
        FileLinePositionSpan span = location.GetLineSpan();
        return $"{span.Path}:{span.StartLinePosition.Line + 1}";
    }
}
