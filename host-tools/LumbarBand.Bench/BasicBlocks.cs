using Mono.Cecil.Cil;

namespace LumbarBand.Bench;

/// <summary>Finds the first instruction of every basic block of a method body (the "leaders").</summary>
internal static class BasicBlocks
{
    /// <summary>
    /// Leaders: the first instruction; every branch or switch target; the instruction after any branch, switch,
    /// return, throw, rethrow, leave, endfinally, endfilter or jmp; and every try, handler and filter start (plus the
    /// instruction after each region, where control arrives from a <c>leave</c>).
    /// </summary>
    public static HashSet<Instruction> FindLeaders(MethodBody body)
    {
        var leaders = new HashSet<Instruction>();
        var instructions = body.Instructions;
        if (instructions.Count == 0)
        {
            return leaders;
        }

        leaders.Add(instructions[0]);
        for (int i = 0; i < instructions.Count; i++)
        {
            Instruction instruction = instructions[i];
            switch (instruction.Operand)
            {
                case Instruction target:
                    leaders.Add(target);
                    break;
                case Instruction[] targets:
                    leaders.UnionWith(targets);
                    break;
            }

            if (EndsBlock(instruction) && i + 1 < instructions.Count)
            {
                leaders.Add(instructions[i + 1]);
            }
        }

        foreach (ExceptionHandler handler in body.ExceptionHandlers)
        {
            AddIfPresent(leaders, handler.TryStart);
            AddIfPresent(leaders, handler.TryEnd);
            AddIfPresent(leaders, handler.HandlerStart);
            AddIfPresent(leaders, handler.HandlerEnd);
            AddIfPresent(leaders, handler.FilterStart);
        }

        return leaders;
    }

    private static bool EndsBlock(Instruction instruction)
    {
        switch (instruction.OpCode.FlowControl)
        {
            case FlowControl.Branch: // br, leave
            case FlowControl.Cond_Branch: // brtrue, beq, ..., switch
            case FlowControl.Return: // ret, endfinally, endfilter
            case FlowControl.Throw: // throw, rethrow
                return true;
            default:
                // jmp transfers control for good although Cecil files it under Call.
                return instruction.OpCode.Code == Code.Jmp;
        }
    }

    private static void AddIfPresent(HashSet<Instruction> leaders, Instruction? instruction)
    {
        if (instruction != null)
        {
            leaders.Add(instruction);
        }
    }
}
