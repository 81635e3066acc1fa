using System.Reflection;
using System.Text.Json;
using LumbarBand.Bench;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace LumbarBand.Tools.Tests.Bench;

/// <summary>
/// Proves the IL counter exact: a synthetic assembly of hand-written IL, whose instruction counts are known by
/// construction, is instrumented, loaded and run, and every count is asserted exactly. Then the benchmark is run on
/// the real Core as a sanity check.
/// </summary>
public sealed class IlCounterTests : IClassFixture<IlCounterTests.SyntheticAssembly>
{
    private readonly SyntheticAssembly _synthetic;

    public IlCounterTests(SyntheticAssembly synthetic)
    {
        _synthetic = synthetic;
    }

    [Fact]
    public void StraightLineMethodCountsEachInstruction()
    {
        // ldc.i4.2; ldc.i4.3; add; ret
        Assert.Equal((5, 4L), _synthetic.Run("Straight"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(10)]
    public void LoopCountFollowsItsFormula(int n)
    {
        // Prologue 3 + n bodies of 4 + (n + 1) condition checks of 3 + exit 2.
        long expected = 3 + (4L * n) + (3L * (n + 1)) + 2;
        Assert.Equal((n, expected), _synthetic.Run("Loop", n));
    }

    [Fact]
    public void CallsAddTheCalleesCounts()
    {
        // Own 7 + Straight 4 twice + Loop(3).
        long loop3 = 3 + (4 * 3) + (3 * 4) + 2;
        Assert.Equal((5 + 5 + 3, 7 + 4 + 4 + loop3), _synthetic.Run("Calls", 3));
    }

    [Fact]
    public void ConditionalBranchCountsOnlyThePathTaken()
    {
        // Test 2 + then 2 + join 3 (with a value on the stack at the join).
        Assert.Equal((101, 7L), _synthetic.Run("Diamond", 1));

        // Test 2 + else 3 falling through into the join 3.
        Assert.Equal((105, 8L), _synthetic.Run("Diamond", 0));
    }

    [Theory]
    [InlineData(0, 10, 4)]
    [InlineData(1, 21, 6)]
    [InlineData(2, 35, 8)]
    [InlineData(3, -1, 5)]
    [InlineData(-1, -1, 5)]
    public void SwitchCountsTheCaseTaken(int x, int result, long count)
    {
        // Dispatch 2, then case 0: 2, case 1: 4, case 2: 6, default: 3.
        Assert.Equal((result, count), _synthetic.Run("Switch", x));
    }

    [Fact]
    public void TryFinallyCountsTheHandler()
    {
        // Setup 2 + try 3 + finally 5 + after 2.
        Assert.Equal((42, 12L), _synthetic.Run("TryFinally", 41));
    }

    [Fact]
    public void TryCatchCountsBothPaths()
    {
        // No throw: setup 2 + test 2 + rest of try 3 + after 2.
        Assert.Equal((1, 9L), _synthetic.Run("TryCatch", 0));

        // Throw: setup 2 + test 2 + throw 2 + catch 4 + after 2 (the throw ends its block, so nothing is overcounted).
        Assert.Equal((2, 12L), _synthetic.Run("TryCatch", 1));
    }

    [Fact]
    public void CountsAreDeterministicAndAccumulateUntilReset()
    {
        InstrumentedAssembly assembly = _synthetic.Instrumented;
        MethodInfo loop = _synthetic.Method("Loop");
        assembly.ResetCount();
        loop.Invoke(null, [10]);
        loop.Invoke(null, [10]);
        Assert.Equal(2 * 78L, assembly.InstructionCount);
        assembly.ResetCount();
        Assert.Equal(0L, assembly.InstructionCount);
    }

    [Fact]
    public void InstrumentingTwiceIsRefused()
    {
        string again = Path.Combine(_synthetic.Directory, "Twice.dll");
        Assert.Throws<InvalidOperationException>(() => IlInstrumenter.Instrument(_synthetic.InstrumentedPath, again));
    }

    [Fact]
    public void BenchmarkOnCoreIsSane()
    {
        const int n = 200;
        var timeUs = new long[n];
        var ax = new short[n];
        var zeros = new short[n];
        for (int i = 0; i < n; i++)
        {
            timeUs[i] = i * 20000L;
            ax[i] = 4096; // 1 g: standing still, upright
        }

        var workload = new BenchWorkload(timeUs, ax, zeros, zeros, zeros, zeros, zeros);
        BenchResult result = CoreBenchmark.Measure(workload, TimeSpan.FromMilliseconds(50));

        Assert.True(result.IlInstructionsPerSampleMean > 0, "mean > 0");
        Assert.True(result.IlInstructionsPerSampleMax >= result.IlInstructionsPerSampleMean, "max >= mean");
        Assert.Equal(n, result.Samples);
        Assert.Equal(0.0, result.AllocatedBytesPerSample);
        Assert.True(result.CoreStateBytes > 0, "state > 0");
        Assert.True(result.HostSamplesPerSecond > 0, "throughput > 0");

        using JsonDocument json = JsonDocument.Parse(result.ToJson());
        string[] keys = [.. json.RootElement.EnumerateObject().Select(p => p.Name)];
        Assert.Equal(
            [
                "il_instructions_per_sample_mean",
                "il_instructions_per_sample_max",
                "allocated_bytes_per_sample",
                "core_state_bytes",
                "host_samples_per_second",
                "samples",
            ],
            keys);
        Assert.Equal(n, json.RootElement.GetProperty("samples").GetInt32());
        Assert.Equal(result.IlInstructionsPerSampleMax, json.RootElement.GetProperty("il_instructions_per_sample_max").GetInt64());
        Assert.Contains("IL instructions per sample", result.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public void WorkloadRejectsMismatchedLengths()
    {
        short[] two = new short[2];
        Assert.Throws<ArgumentException>(() => new BenchWorkload(new long[2], two, two, new short[1], two, two, two));
        Assert.Throws<ArgumentException>(() => new BenchWorkload([], [], [], [], [], [], []));
    }

    /// <summary>Builds the synthetic assembly with Cecil, instruments it and loads it, once for the class.</summary>
    public sealed class SyntheticAssembly : IDisposable
    {
        private const string TypeName = "Synthetic.Methods";

        public SyntheticAssembly()
        {
            Directory = Path.Combine(Path.GetTempPath(), "ilcounter-tests-" + Guid.NewGuid().ToString("N"));
            System.IO.Directory.CreateDirectory(Directory);
            string originalPath = Path.Combine(Directory, "Synthetic.dll");
            InstrumentedPath = Path.Combine(Directory, "instrumented", "Synthetic.dll");
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(InstrumentedPath)!);

            SyntheticBuilder.Write(originalPath);
            IlInstrumenter.Instrument(originalPath, InstrumentedPath);
            Instrumented = new InstrumentedAssembly(InstrumentedPath);
        }

        public string Directory { get; }

        public string InstrumentedPath { get; }

        public InstrumentedAssembly Instrumented { get; }

        public MethodInfo Method(string name) =>
            Instrumented.Assembly.GetType(TypeName, throwOnError: true)!.GetMethod(name)!;

        /// <summary>Invokes a synthetic method; returns its result and the instructions it executed.</summary>
        public (int Result, long Count) Run(string name, params object[] args)
        {
            MethodInfo method = Method(name);
            Instrumented.ResetCount();
            int result = (int)method.Invoke(null, args)!;
            return (result, Instrumented.InstructionCount);
        }

        public void Dispose()
        {
            Instrumented.Dispose();
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
                // Temp leftovers are harmless.
            }
        }
    }

    /// <summary>Emits static methods of exactly known IL. Instruction counts are in the comments.</summary>
    private static class SyntheticBuilder
    {
        public static void Write(string path)
        {
            using var assembly = AssemblyDefinition.CreateAssembly(
                new AssemblyNameDefinition("IlCounterSynthetic", new Version(1, 0)), "IlCounterSynthetic", ModuleKind.Dll);
            ModuleDefinition module = assembly.MainModule;
            var type = new TypeDefinition(
                "Synthetic",
                "Methods",
                Mono.Cecil.TypeAttributes.Public | Mono.Cecil.TypeAttributes.Abstract | Mono.Cecil.TypeAttributes.Sealed,
                module.TypeSystem.Object);
            module.Types.Add(type);

            MethodDefinition straight = AddStraight(type);
            MethodDefinition loop = AddLoop(type);
            AddCalls(type, straight, loop);
            AddDiamond(type);
            AddSwitch(type);
            AddTryFinally(type);
            AddTryCatch(type);
            assembly.Write(path);
        }

        private static MethodDefinition NewMethod(TypeDefinition type, string name, int intParameters)
        {
            ModuleDefinition module = type.Module;
            var method = new MethodDefinition(
                name,
                Mono.Cecil.MethodAttributes.Public | Mono.Cecil.MethodAttributes.Static | Mono.Cecil.MethodAttributes.HideBySig,
                module.TypeSystem.Int32);
            for (int i = 0; i < intParameters; i++)
            {
                method.Parameters.Add(new ParameterDefinition("x" + i, Mono.Cecil.ParameterAttributes.None, module.TypeSystem.Int32));
            }

            type.Methods.Add(method);
            return method;
        }

        private static MethodDefinition AddStraight(TypeDefinition type)
        {
            MethodDefinition method = NewMethod(type, "Straight", 0);
            ILProcessor il = method.Body.GetILProcessor();
            il.Emit(OpCodes.Ldc_I4_2);
            il.Emit(OpCodes.Ldc_I4_3);
            il.Emit(OpCodes.Add);
            il.Emit(OpCodes.Ret); // 4
            return method;
        }

        private static MethodDefinition AddLoop(TypeDefinition type)
        {
            MethodDefinition method = NewMethod(type, "Loop", 1);
            method.Body.Variables.Add(new VariableDefinition(type.Module.TypeSystem.Int32));
            method.Body.InitLocals = true;
            ILProcessor il = method.Body.GetILProcessor();
            Instruction body = il.Create(OpCodes.Ldloc_0);
            Instruction condition = il.Create(OpCodes.Ldloc_0);

            il.Emit(OpCodes.Ldc_I4_0);
            il.Emit(OpCodes.Stloc_0);
            il.Emit(OpCodes.Br_S, condition); // prologue 3

            il.Append(body);
            il.Emit(OpCodes.Ldc_I4_1);
            il.Emit(OpCodes.Add);
            il.Emit(OpCodes.Stloc_0); // body 4

            il.Append(condition);
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Blt_S, body); // condition 3

            il.Emit(OpCodes.Ldloc_0);
            il.Emit(OpCodes.Ret); // exit 2
            return method;
        }

        private static void AddCalls(TypeDefinition type, MethodDefinition straight, MethodDefinition loop)
        {
            MethodDefinition method = NewMethod(type, "Calls", 1);
            ILProcessor il = method.Body.GetILProcessor();
            il.Emit(OpCodes.Call, straight);
            il.Emit(OpCodes.Call, straight);
            il.Emit(OpCodes.Add);
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Call, loop);
            il.Emit(OpCodes.Add);
            il.Emit(OpCodes.Ret); // 7
        }

        private static void AddDiamond(TypeDefinition type)
        {
            // x != 0 ? 1 + 100 : (2 + 3) + 100, with the operand on the stack at the join.
            MethodDefinition method = NewMethod(type, "Diamond", 1);
            ILProcessor il = method.Body.GetILProcessor();
            Instruction otherwise = il.Create(OpCodes.Ldc_I4_2);
            Instruction join = il.Create(OpCodes.Ldc_I4_S, (sbyte)100);

            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Brfalse_S, otherwise); // test 2

            il.Emit(OpCodes.Ldc_I4_1);
            il.Emit(OpCodes.Br_S, join); // then 2

            il.Append(otherwise);
            il.Emit(OpCodes.Ldc_I4_3);
            il.Emit(OpCodes.Add); // else 3, falls through

            il.Append(join);
            il.Emit(OpCodes.Add);
            il.Emit(OpCodes.Ret); // join 3
        }

        private static void AddSwitch(TypeDefinition type)
        {
            MethodDefinition method = NewMethod(type, "Switch", 1);
            ILProcessor il = method.Body.GetILProcessor();
            Instruction case0 = il.Create(OpCodes.Ldc_I4_S, (sbyte)10);
            Instruction case1 = il.Create(OpCodes.Ldc_I4_S, (sbyte)20);
            Instruction case2 = il.Create(OpCodes.Ldc_I4_S, (sbyte)30);

            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Switch, new[] { case0, case1, case2 }); // dispatch 2

            il.Emit(OpCodes.Nop);
            il.Emit(OpCodes.Ldc_I4_M1);
            il.Emit(OpCodes.Ret); // default 3

            il.Append(case0);
            il.Emit(OpCodes.Ret); // case 0: 2

            il.Append(case1);
            il.Emit(OpCodes.Ldc_I4_1);
            il.Emit(OpCodes.Add);
            il.Emit(OpCodes.Ret); // case 1: 4

            il.Append(case2);
            il.Emit(OpCodes.Ldc_I4_2);
            il.Emit(OpCodes.Add);
            il.Emit(OpCodes.Ldc_I4_3);
            il.Emit(OpCodes.Add);
            il.Emit(OpCodes.Ret); // case 2: 6
        }

        private static void AddTryFinally(TypeDefinition type)
        {
            MethodDefinition method = NewMethod(type, "TryFinally", 1);
            method.Body.Variables.Add(new VariableDefinition(type.Module.TypeSystem.Int32));
            method.Body.InitLocals = true;
            ILProcessor il = method.Body.GetILProcessor();
            Instruction tryStart = il.Create(OpCodes.Ldarg_0);
            Instruction handlerStart = il.Create(OpCodes.Ldloc_0);
            Instruction after = il.Create(OpCodes.Ldloc_0);

            il.Emit(OpCodes.Ldc_I4_0);
            il.Emit(OpCodes.Stloc_0); // setup 2

            il.Append(tryStart);
            il.Emit(OpCodes.Stloc_0);
            il.Emit(OpCodes.Leave_S, after); // try 3

            il.Append(handlerStart);
            il.Emit(OpCodes.Ldc_I4_1);
            il.Emit(OpCodes.Add);
            il.Emit(OpCodes.Stloc_0);
            il.Emit(OpCodes.Endfinally); // finally 5

            il.Append(after);
            il.Emit(OpCodes.Ret); // after 2

            method.Body.ExceptionHandlers.Add(new ExceptionHandler(ExceptionHandlerType.Finally)
            {
                TryStart = tryStart,
                TryEnd = handlerStart,
                HandlerStart = handlerStart,
                HandlerEnd = after,
            });
        }

        private static void AddTryCatch(TypeDefinition type)
        {
            ModuleDefinition module = type.Module;
            MethodDefinition method = NewMethod(type, "TryCatch", 1);
            method.Body.Variables.Add(new VariableDefinition(module.TypeSystem.Int32));
            method.Body.InitLocals = true;
            ILProcessor il = method.Body.GetILProcessor();
            Instruction tryStart = il.Create(OpCodes.Ldarg_0);
            Instruction noThrow = il.Create(OpCodes.Ldc_I4_1);
            Instruction handlerStart = il.Create(OpCodes.Pop);
            Instruction after = il.Create(OpCodes.Ldloc_0);

            il.Emit(OpCodes.Ldc_I4_0);
            il.Emit(OpCodes.Stloc_0); // setup 2

            il.Append(tryStart);
            il.Emit(OpCodes.Brfalse_S, noThrow); // test 2

            il.Emit(OpCodes.Newobj, module.ImportReference(typeof(InvalidOperationException).GetConstructor(Type.EmptyTypes)));
            il.Emit(OpCodes.Throw); // throw 2

            il.Append(noThrow);
            il.Emit(OpCodes.Stloc_0);
            il.Emit(OpCodes.Leave_S, after); // rest of try 3

            il.Append(handlerStart);
            il.Emit(OpCodes.Ldc_I4_2);
            il.Emit(OpCodes.Stloc_0);
            il.Emit(OpCodes.Leave_S, after); // catch 4 (the exception object is on the stack at its start)

            il.Append(after);
            il.Emit(OpCodes.Ret); // after 2

            method.Body.ExceptionHandlers.Add(new ExceptionHandler(ExceptionHandlerType.Catch)
            {
                TryStart = tryStart,
                TryEnd = handlerStart,
                HandlerStart = handlerStart,
                HandlerEnd = after,
                CatchType = module.ImportReference(typeof(Exception)),
            });
        }
    }
}
