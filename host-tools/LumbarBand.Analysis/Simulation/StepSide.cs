namespace LumbarBand.Analysis.Simulation;

/// <summary>The foot that makes an initial contact.</summary>
public enum StepSide
{
    /// <summary>Left foot.</summary>
    Left,

    /// <summary>Right foot.</summary>
    Right,
}
