using System.Reflection;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace LumbarBand.Core.Tests.NanoCompatibility;

/// <summary>
/// The device-compiled Core (built against nanoFramework's mscorlib by LumbarBand.Core.NanoCheck) holds nothing the
/// device cannot take; and the checker itself finds each kind of violation in a purpose-built bad assembly.
/// </summary>
public sealed class NanoCompatibilityTests
{
    private static string NanoCoreAssemblyPath =>
        typeof(NanoCompatibilityTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "NanoCoreAssembly").Value!;

    [Fact]
    public void DeviceCompiledCoreReferencesOnlyMscorlib()
    {
        Assert.True(File.Exists(NanoCoreAssemblyPath), $"the nanoFramework compatibility build output is missing: {NanoCoreAssemblyPath}");
        using AssemblyDefinition assembly = AssemblyDefinition.ReadAssembly(NanoCoreAssemblyPath);
        Assert.Equal("mscorlib", Assert.Single(assembly.MainModule.AssemblyReferences).Name);
        Assert.Contains(assembly.MainModule.Types, t => t.FullName == "LumbarBand.Core.Band");
    }

    [Fact]
    public void DeviceCompiledCoreHasNothingTheDeviceRejects()
    {
        IReadOnlyList<string> problems = NanoMetadataChecker.Check(NanoCoreAssemblyPath);
        Assert.True(problems.Count == 0, "Core holds what nanoFramework cannot run:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void CheckerFindsEachKindOfViolation()
    {
        string path = Path.Combine(Path.GetTempPath(), $"nano-bad-{Guid.NewGuid():N}.dll");
        try
        {
            WriteBadAssembly(path);
            string all = string.Join("\n", NanoMetadataChecker.Check(path));
            Assert.Contains("Bad.Generic`1: generic type definition", all, StringComparison.Ordinal);
            Assert.Contains("Bad.Holder.Pick: generic method definition", all, StringComparison.Ordinal);
            Assert.Contains("Bad.Holder.Ratio field: floating-point type System.Double", all, StringComparison.Ordinal);
            Assert.Contains("Bad.Holder.Scale parameter f: floating-point type System.Single", all, StringComparison.Ordinal);
            Assert.Contains("ldc.r8: floating-point instruction", all, StringComparison.Ordinal);
            Assert.Contains("Bad.Holder.Grid local 0: multidimensional array System.Int32", all, StringComparison.Ordinal);
            Assert.Contains("Bad.Many: 256 methods, more than 255", all, StringComparison.Ordinal);
            Assert.DoesNotContain("Bad.Fine", all, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>An assembly with one of each violation, and one clean type.</summary>
    private static void WriteBadAssembly(string path)
    {
        using var assembly = AssemblyDefinition.CreateAssembly(new AssemblyNameDefinition("Bad", new Version(1, 0)), "Bad", ModuleKind.Dll);
        ModuleDefinition module = assembly.MainModule;
        TypeReference obj = module.TypeSystem.Object;
        const Mono.Cecil.TypeAttributes PublicClass = Mono.Cecil.TypeAttributes.Public | Mono.Cecil.TypeAttributes.Class | Mono.Cecil.TypeAttributes.Abstract | Mono.Cecil.TypeAttributes.Sealed;

        var generic = new TypeDefinition("Bad", "Generic`1", PublicClass, obj);
        generic.GenericParameters.Add(new GenericParameter("T", generic));
        module.Types.Add(generic);

        var holder = new TypeDefinition("Bad", "Holder", PublicClass, obj);
        module.Types.Add(holder);
        holder.Fields.Add(new FieldDefinition("Ratio", Mono.Cecil.FieldAttributes.Public | Mono.Cecil.FieldAttributes.Static, module.TypeSystem.Double));

        var pick = new MethodDefinition("Pick", Mono.Cecil.MethodAttributes.Public | Mono.Cecil.MethodAttributes.Static, module.TypeSystem.Void);
        pick.GenericParameters.Add(new GenericParameter("T", pick));
        pick.Body.GetILProcessor().Emit(OpCodes.Ret);
        holder.Methods.Add(pick);

        var scale = new MethodDefinition("Scale", Mono.Cecil.MethodAttributes.Public | Mono.Cecil.MethodAttributes.Static, module.TypeSystem.Void);
        scale.Parameters.Add(new ParameterDefinition("f", Mono.Cecil.ParameterAttributes.None, module.TypeSystem.Single));
        ILProcessor il = scale.Body.GetILProcessor();
        il.Emit(OpCodes.Ldc_R8, 2.5);
        il.Emit(OpCodes.Pop);
        il.Emit(OpCodes.Ret);
        holder.Methods.Add(scale);

        var grid = new MethodDefinition("Grid", Mono.Cecil.MethodAttributes.Public | Mono.Cecil.MethodAttributes.Static, module.TypeSystem.Void);
        grid.Body.Variables.Add(new VariableDefinition(new ArrayType(module.TypeSystem.Int32, 2)));
        grid.Body.GetILProcessor().Emit(OpCodes.Ret);
        holder.Methods.Add(grid);

        var many = new TypeDefinition("Bad", "Many", PublicClass, obj);
        module.Types.Add(many);
        for (int i = 0; i < 256; i++)
        {
            var m = new MethodDefinition($"M{i}", Mono.Cecil.MethodAttributes.Public | Mono.Cecil.MethodAttributes.Static, module.TypeSystem.Void);
            m.Body.GetILProcessor().Emit(OpCodes.Ret);
            many.Methods.Add(m);
        }

        var fine = new TypeDefinition("Bad", "Fine", PublicClass, obj);
        module.Types.Add(fine);
        var add = new MethodDefinition("Add", Mono.Cecil.MethodAttributes.Public | Mono.Cecil.MethodAttributes.Static, module.TypeSystem.Int32);
        add.Parameters.Add(new ParameterDefinition("a", Mono.Cecil.ParameterAttributes.None, new ArrayType(module.TypeSystem.Int32)));
        ILProcessor fil = add.Body.GetILProcessor();
        fil.Emit(OpCodes.Ldc_I4_1);
        fil.Emit(OpCodes.Ret);
        fine.Methods.Add(add);

        assembly.Write(path);
    }
}
