using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;

namespace LumbarBand.Bench;

/// <summary>
/// Rewrites an assembly so that running any of its methods adds, to a static counter injected into that assembly,
/// the number of original IL instructions executed. This is the host's stand-in for the device's cost: the
/// nanoFramework runtime interprets IL, so its time per sample follows the IL instructions it executes.
/// </summary>
/// <remarks>
/// <para>Counting is per basic block: at the start of every block the rewriter inserts
/// <c>ldsfld Count; ldc.i8 N; add; stsfld Count</c>, where N is the number of original instructions in the block.
/// Every branch, switch and exception-handler boundary that pointed at a block now points at its inserted prologue,
/// so each entry into a block (fall-through, jump, handler entry) is counted once. Prefixes
/// (<c>constrained.</c>, <c>tail.</c>, ...) count as instructions, as they are in the metadata.</para>
/// <para>Limits: a block left early by an exception (a call that throws, a failed cast) is charged in full, so
/// exceptional paths are overcounted; the counter is a plain static, so counting is exact only on one thread;
/// code outside the assembly (the base class library) is not counted.</para>
/// </remarks>
public static class IlInstrumenter
{
    /// <summary>Namespace of the injected counter class.</summary>
    public const string CounterNamespace = "LumbarBand.Bench.Injected";

    /// <summary>Simple name of the injected counter class.</summary>
    public const string CounterTypeName = "IlCounter";

    /// <summary>Full name of the injected counter class, for reflection on the instrumented assembly.</summary>
    public const string CounterTypeFullName = CounterNamespace + "." + CounterTypeName;

    /// <summary>Name of the injected <c>public static long</c> field that accumulates the instruction count.</summary>
    public const string CounterFieldName = "Count";

    /// <summary>
    /// Name of the injected <c>public static long[]</c> field that holds one instruction count per method, when
    /// instrumented with per-method counting; index <c>i</c> belongs to the <c>i</c>-th name that
    /// <see cref="Instrument(string, string, bool)"/> returned.
    /// </summary>
    public const string MethodCountsFieldName = "MethodCounts";

    /// <summary>
    /// Reads the assembly at <paramref name="inputAssemblyPath"/>, injects the counter and rewrites every method
    /// body, and writes the result to <paramref name="outputAssemblyPath"/> (which may equal the input path).
    /// </summary>
    /// <exception cref="InvalidOperationException">The assembly already holds an injected counter.</exception>
    public static void Instrument(string inputAssemblyPath, string outputAssemblyPath) =>
        Instrument(inputAssemblyPath, outputAssemblyPath, perMethod: false);

    /// <summary>
    /// As <see cref="Instrument(string, string)"/>; with <paramref name="perMethod"/> every block prologue also adds
    /// its size to that method's slot of the injected <see cref="MethodCountsFieldName"/> array (the total counter
    /// is unchanged, so both agree). Returns the full names of the instrumented methods in slot order.
    /// </summary>
    /// <exception cref="InvalidOperationException">The assembly already holds an injected counter.</exception>
    public static IReadOnlyList<string> Instrument(string inputAssemblyPath, string outputAssemblyPath, bool perMethod)
    {
        ArgumentException.ThrowIfNullOrEmpty(inputAssemblyPath);
        ArgumentException.ThrowIfNullOrEmpty(outputAssemblyPath);

        using var resolver = new DefaultAssemblyResolver();
        string? inputDirectory = Path.GetDirectoryName(Path.GetFullPath(inputAssemblyPath));
        if (inputDirectory != null)
        {
            resolver.AddSearchDirectory(inputDirectory);
        }

        // InMemory: the file is not kept open, so the output may overwrite the input. No symbols: the rewritten
        // bodies would make the original sequence points wrong anyway.
        var readerParameters = new ReaderParameters
        {
            InMemory = true,
            ReadSymbols = false,
            AssemblyResolver = resolver,
        };

        using AssemblyDefinition assembly = AssemblyDefinition.ReadAssembly(inputAssemblyPath, readerParameters);
        ModuleDefinition mainModule = assembly.MainModule;
        if (mainModule.GetType(CounterNamespace, CounterTypeName) != null)
        {
            throw new InvalidOperationException($"'{inputAssemblyPath}' is already instrumented.");
        }

        // Collect the methods before the counter type exists, so the counter itself is never instrumented.
        var methods = new List<MethodDefinition>();
        foreach (ModuleDefinition module in assembly.Modules)
        {
            foreach (TypeDefinition type in module.GetTypes())
            {
                foreach (MethodDefinition method in type.Methods)
                {
                    if (method.HasBody)
                    {
                        methods.Add(method);
                    }
                }
            }
        }

        (FieldDefinition counter, FieldDefinition methodCounts) = AddCounterType(mainModule, methods.Count);
        var names = new List<string>(methods.Count);
        for (int slot = 0; slot < methods.Count; slot++)
        {
            MethodDefinition method = methods[slot];
            names.Add(method.FullName);
            FieldReference counterInModule = method.Module == mainModule
                ? counter
                : method.Module.ImportReference(counter);
            FieldReference? slotsInModule = !perMethod
                ? null
                : method.Module == mainModule ? methodCounts : method.Module.ImportReference(methodCounts);
            InstrumentBody(method.Body, counterInModule, slotsInModule, slot);
        }

        assembly.Write(outputAssemblyPath);
        return names;
    }

    private static (FieldDefinition Counter, FieldDefinition MethodCounts) AddCounterType(
        ModuleDefinition module, int methodCount)
    {
        // "public static class": abstract + sealed. The only static constructor allocates the per-method array;
        // the total counter needs no initialisation.
        var type = new TypeDefinition(
            CounterNamespace,
            CounterTypeName,
            TypeAttributes.Public | TypeAttributes.Abstract | TypeAttributes.Sealed | TypeAttributes.BeforeFieldInit
                | TypeAttributes.Class,
            module.TypeSystem.Object);
        var field = new FieldDefinition(
            CounterFieldName,
            FieldAttributes.Public | FieldAttributes.Static,
            module.TypeSystem.Int64);
        type.Fields.Add(field);
        var methodCounts = new FieldDefinition(
            MethodCountsFieldName,
            FieldAttributes.Public | FieldAttributes.Static,
            new ArrayType(module.TypeSystem.Int64));
        type.Fields.Add(methodCounts);

        var cctor = new MethodDefinition(
            ".cctor",
            MethodAttributes.Private | MethodAttributes.Static | MethodAttributes.HideBySig | MethodAttributes.SpecialName
                | MethodAttributes.RTSpecialName,
            module.TypeSystem.Void);
        ILProcessor il = cctor.Body.GetILProcessor();
        il.Emit(OpCodes.Ldc_I4, methodCount);
        il.Emit(OpCodes.Newarr, module.TypeSystem.Int64);
        il.Emit(OpCodes.Stsfld, methodCounts);
        il.Emit(OpCodes.Ret);
        type.Methods.Add(cctor);
        module.Types.Add(type);
        return (field, methodCounts);
    }

    private static void InstrumentBody(MethodBody body, FieldReference counter, FieldReference? methodCounts, int slot)
    {
        if (body.Instructions.Count == 0)
        {
            return;
        }

        // Long branch forms first: the inserted prologues grow the code, and a short branch could overflow.
        body.SimplifyMacros();

        var original = new List<Instruction>(body.Instructions);
        HashSet<Instruction> leaders = BasicBlocks.FindLeaders(body);

        // Prologue for each leader, keyed by the leader; block sizes come from the original instruction order.
        var prologues = new Dictionary<Instruction, Instruction[]>();
        for (int start = 0; start < original.Count;)
        {
            int end = start + 1;
            while (end < original.Count && !leaders.Contains(original[end]))
            {
                end++;
            }

            prologues.Add(original[start], CreatePrologue(counter, methodCounts, slot, end - start));
            start = end;
        }

        Redirect(body, prologues);

        // Insert from the last block backwards so the indices of earlier blocks stay valid.
        for (int index = original.Count - 1; index >= 0; index--)
        {
            if (prologues.TryGetValue(original[index], out Instruction[]? prologue))
            {
                for (int k = prologue.Length - 1; k >= 0; k--)
                {
                    body.Instructions.Insert(index, prologue[k]);
                }
            }
        }

        // The prologue pushes two values on top of whatever the block starts with (a handler's exception, a join's
        // operand). Cecil recomputes the figure when writing; this keeps the body consistent before that.
        body.MaxStackSize += methodCounts == null ? 2 : 4;
        body.OptimizeMacros();
    }

    private static Instruction[] CreatePrologue(
        FieldReference counter, FieldReference? methodCounts, int slot, int originalInstructions)
    {
        Instruction[] total =
        [
            Instruction.Create(OpCodes.Ldsfld, counter),
            Instruction.Create(OpCodes.Ldc_I8, (long)originalInstructions),
            Instruction.Create(OpCodes.Add),
            Instruction.Create(OpCodes.Stsfld, counter),
        ];
        if (methodCounts == null)
        {
            return total;
        }

        // MethodCounts[slot] += N, through the element's address.
        return
        [
            .. total,
            Instruction.Create(OpCodes.Ldsfld, methodCounts),
            Instruction.Create(OpCodes.Ldc_I4, slot),
            Instruction.Create(OpCodes.Ldelema, methodCounts.FieldType.GetElementType()),
            Instruction.Create(OpCodes.Dup),
            Instruction.Create(OpCodes.Ldind_I8),
            Instruction.Create(OpCodes.Ldc_I8, (long)originalInstructions),
            Instruction.Create(OpCodes.Add),
            Instruction.Create(OpCodes.Stind_I8),
        ];
    }

    /// <summary>Points every jump and handler boundary that targeted a leader at that leader's prologue.</summary>
    private static void Redirect(MethodBody body, Dictionary<Instruction, Instruction[]> prologues)
    {
        Instruction Map(Instruction target) =>
            prologues.TryGetValue(target, out Instruction[]? prologue) ? prologue[0] : target;

        foreach (Instruction instruction in body.Instructions)
        {
            if (instruction.Operand is Instruction target)
            {
                instruction.Operand = Map(target);
            }
            else if (instruction.Operand is Instruction[] targets)
            {
                var mapped = new Instruction[targets.Length];
                for (int i = 0; i < targets.Length; i++)
                {
                    mapped[i] = Map(targets[i]);
                }

                instruction.Operand = mapped;
            }
        }

        foreach (ExceptionHandler handler in body.ExceptionHandlers)
        {
            handler.TryStart = MapOrNull(handler.TryStart);
            handler.TryEnd = MapOrNull(handler.TryEnd);
            handler.HandlerStart = MapOrNull(handler.HandlerStart);
            handler.HandlerEnd = MapOrNull(handler.HandlerEnd);
            handler.FilterStart = MapOrNull(handler.FilterStart);
        }

        Instruction? MapOrNull(Instruction? target) => target == null ? null : Map(target);
    }
}
