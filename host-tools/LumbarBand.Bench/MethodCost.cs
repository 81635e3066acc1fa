namespace LumbarBand.Bench;

/// <summary>One Core method's share of the IL instructions executed per sample (its own blocks only).</summary>
/// <param name="Method">Full method name, as Mono.Cecil prints it (return type, declaring type, parameters).</param>
/// <param name="InstructionsPerSample">Mean original IL instructions executed in the method per sample.</param>
public sealed record MethodCost(string Method, double InstructionsPerSample);
