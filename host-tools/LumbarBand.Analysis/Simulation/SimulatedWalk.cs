using LumbarBand.Analysis.Analyzing;
using LumbarBand.Analysis.Recordings;

namespace LumbarBand.Analysis.Simulation;

/// <summary>
/// A simulated walk: the recording a band would have made, and the truth it was made from. Truth time series share
/// the recording's time base (one value per sample).
/// </summary>
public sealed class SimulatedWalk
{
    internal SimulatedWalk(
        string label,
        ImuRecording recording,
        Mounting mounting,
        WalkScript script,
        SimulationOptions options,
        IReadOnlyList<SegmentTiming> segments,
        double[] initialContactsS,
        StepSide[] initialContactSides,
        IReadOnlyList<WalkingBout> walkingBouts,
        TruthSeries truth,
        IReadOnlyList<StrideSway> strideSways)
    {
        Label = label;
        Recording = recording;
        Mounting = mounting;
        Script = script;
        Options = options;
        Segments = segments;
        InitialContactsS = initialContactsS;
        InitialContactSides = initialContactSides;
        WalkingBouts = walkingBouts;
        FlexionDeg = truth.FlexionDeg;
        LateralBendDeg = truth.LateralBendDeg;
        PostureFlexionDeg = truth.PostureFlexionDeg;
        PostureLateralBendDeg = truth.PostureLateralBendDeg;
        HeadingDeg = truth.HeadingDeg;
        GyroBiasDps = truth.GyroBiasDps;
        StrideSways = strideSways;
    }

    /// <summary>What this is, always saying it is simulated, e.g. "simulated walk (seed 1): stand 5 s, walk 60 s …".</summary>
    public string Label { get; }

    /// <summary>The sensor's recording in physical units, in the sensor's axes (with noise and gyroscope bias).</summary>
    public ImuRecording Recording { get; }

    /// <summary>How the sensor was mounted.</summary>
    public Mounting Mounting { get; }

    /// <summary>The script that was simulated.</summary>
    public WalkScript Script { get; }

    /// <summary>The options it was simulated with.</summary>
    public SimulationOptions Options { get; }

    /// <summary>Where each script segment falls in time.</summary>
    public IReadOnlyList<SegmentTiming> Segments { get; }

    /// <summary>Every step's initial contact (heel strike), seconds, in order.</summary>
    public double[] InitialContactsS { get; }

    /// <summary>The foot of each initial contact.</summary>
    public StepSide[] InitialContactSides { get; }

    /// <summary>Walking bouts: first to last initial contact, steps, cadence.</summary>
    public IReadOnlyList<WalkingBout> WalkingBouts { get; }

    /// <summary>
    /// True trunk flexion relative to neutral upright, degrees forward, per sample: the geometric tilt of the trunk's
    /// long axis in the sagittal plane, including the per-stride oscillation and postural sway.
    /// </summary>
    public double[] FlexionDeg { get; }

    /// <summary>True lateral bend relative to neutral upright, degrees toward the right, per sample (oscillation included).</summary>
    public double[] LateralBendDeg { get; }

    /// <summary>
    /// The held flexion, without oscillation: the script's posture ramps, the lean of walking
    /// (<see cref="SimulationOptions.WalkingLeanDeg"/>) and chair transitions. What a posture estimator should report.
    /// </summary>
    public double[] PostureFlexionDeg { get; }

    /// <summary>The held lateral bend, without oscillation.</summary>
    public double[] PostureLateralBendDeg { get; }

    /// <summary>Walking direction, degrees, positive to the left, 0 at the start.</summary>
    public double[] HeadingDeg { get; }

    /// <summary>The gyroscope bias in the recording, °/s: [sensor axis][sample].</summary>
    public double[][] GyroBiasDps { get; }

    /// <summary>True sway of every stride of every bout.</summary>
    public IReadOnlyList<StrideSway> StrideSways { get; }

    /// <inheritdoc/>
    public override string ToString() => Label;

    /// <summary>The per-sample truth arrays, gathered while simulating.</summary>
    internal sealed class TruthSeries(int n)
    {
        public double[] FlexionDeg { get; } = new double[n];

        public double[] LateralBendDeg { get; } = new double[n];

        public double[] PostureFlexionDeg { get; } = new double[n];

        public double[] PostureLateralBendDeg { get; } = new double[n];

        public double[] HeadingDeg { get; } = new double[n];

        public double[] OscillationYawDeg { get; } = new double[n];

        public double[][] GyroBiasDps { get; } = [new double[n], new double[n], new double[n]];
    }
}
