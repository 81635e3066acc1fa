using Mono.Cecil;
using Mono.Cecil.Cil;

namespace LumbarBand.Core.Tests.NanoCompatibility;

/// <summary>
/// Finds what the C# compiler accepts against nanoFramework's mscorlib but the device cannot take: generic type or
/// method definitions and instances, multidimensional arrays (rejected by the metadata processor), float or double
/// anywhere (Core is integer fixed point), and more than 255 methods in one type (the metadata processor's limit).
/// </summary>
public static class NanoMetadataChecker
{
    /// <summary>The metadata processor stores a type's method count in a byte.</summary>
    public const int MaxMethodsPerType = 255;

    private static readonly HashSet<Code> FloatOpCodes = new()
    {
        Code.Ldc_R4, Code.Ldc_R8, Code.Conv_R4, Code.Conv_R8, Code.Conv_R_Un, Code.Ldind_R4, Code.Ldind_R8,
        Code.Stind_R4, Code.Stind_R8, Code.Ldelem_R4, Code.Ldelem_R8, Code.Stelem_R4, Code.Stelem_R8, Code.Ckfinite,
    };

    /// <summary>Every violation in the assembly at <paramref name="path"/>, one readable line each.</summary>
    public static IReadOnlyList<string> Check(string path)
    {
        using AssemblyDefinition assembly = AssemblyDefinition.ReadAssembly(path);
        var problems = new List<string>();
        foreach (TypeDefinition type in assembly.MainModule.GetTypes())
        {
            CheckType(type, problems);
        }

        return problems;
    }

    private static void CheckType(TypeDefinition type, List<string> problems)
    {
        string name = type.FullName;
        if (type.HasGenericParameters)
        {
            problems.Add($"{name}: generic type definition");
        }

        if (type.Methods.Count > MaxMethodsPerType)
        {
            problems.Add($"{name}: {type.Methods.Count} methods, more than {MaxMethodsPerType}");
        }

        CheckTypeUse(type.BaseType, $"{name} base type", problems);
        foreach (FieldDefinition field in type.Fields)
        {
            CheckTypeUse(field.FieldType, $"{name}.{field.Name} field", problems);
        }

        foreach (MethodDefinition method in type.Methods)
        {
            CheckMethod(method, problems);
        }
    }

    private static void CheckMethod(MethodDefinition method, List<string> problems)
    {
        string name = $"{method.DeclaringType.FullName}.{method.Name}";
        if (method.HasGenericParameters)
        {
            problems.Add($"{name}: generic method definition");
        }

        CheckTypeUse(method.ReturnType, $"{name} return type", problems);
        foreach (ParameterDefinition p in method.Parameters)
        {
            CheckTypeUse(p.ParameterType, $"{name} parameter {p.Name}", problems);
        }

        if (!method.HasBody)
        {
            return;
        }

        foreach (VariableDefinition local in method.Body.Variables)
        {
            CheckTypeUse(local.VariableType, $"{name} local {local.Index}", problems);
        }

        foreach (Instruction instruction in method.Body.Instructions)
        {
            string where = $"{name} IL_{instruction.Offset:x4} {instruction.OpCode.Name}";
            if (FloatOpCodes.Contains(instruction.OpCode.Code))
            {
                problems.Add($"{where}: floating-point instruction");
            }

            switch (instruction.Operand)
            {
                case TypeReference t:
                    CheckTypeUse(t, where, problems);
                    break;
                case MethodReference m:
                    if (m is GenericInstanceMethod)
                    {
                        problems.Add($"{where}: call to a generic method instance {m.FullName}");
                    }

                    CheckTypeUse(m.DeclaringType, where, problems);
                    CheckTypeUse(m.ReturnType, where, problems);
                    foreach (ParameterDefinition p in m.Parameters)
                    {
                        CheckTypeUse(p.ParameterType, where, problems);
                    }

                    break;
                case FieldReference f:
                    CheckTypeUse(f.DeclaringType, where, problems);
                    CheckTypeUse(f.FieldType, where, problems);
                    break;
            }
        }
    }

    private static void CheckTypeUse(TypeReference? type, string where, List<string> problems)
    {
        while (type != null)
        {
            switch (type)
            {
                case ArrayType array:
                    if (array.Rank > 1)
                    {
                        problems.Add($"{where}: multidimensional array {array.FullName}");
                    }

                    type = array.ElementType;
                    continue;
                case GenericInstanceType generic:
                    problems.Add($"{where}: generic type instance {generic.FullName}");
                    return;
                case GenericParameter parameter:
                    problems.Add($"{where}: generic parameter {parameter.Name}");
                    return;
                case TypeSpecification spec:
                    type = spec.ElementType;
                    continue;
            }

            if (type.MetadataType is MetadataType.Single or MetadataType.Double)
            {
                problems.Add($"{where}: floating-point type {type.FullName}");
            }

            return;
        }
    }
}
