namespace LumbarBand.Analysis.Simulation;

/// <summary>True trunk motion over one stride (two steps, initial contact to the same foot's next one), degrees.</summary>
/// <param name="StartS">Initial contact that starts the stride.</param>
/// <param name="EndS">Initial contact of the same foot that ends it.</param>
/// <param name="MediolateralTiltRangeDeg">Range (max − min) of lateral bend over the stride.</param>
/// <param name="AnteroposteriorTiltRangeDeg">Range of flexion/extension over the stride.</param>
/// <param name="YawRangeDeg">Range of trunk yaw about the walking direction (turning along the path excluded).</param>
public sealed record StrideSway(
    double StartS, double EndS, double MediolateralTiltRangeDeg, double AnteroposteriorTiltRangeDeg, double YawRangeDeg);
