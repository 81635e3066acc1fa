using System.Globalization;

namespace LumbarBand.Host.Sessions;

/// <summary>
/// One line per walk of what the band measured of the walk itself — speed, stride length, rhythm — for the terminal
/// (the demo prints it). A firmware that does not measure them is named as such; an unmeasured value is "not measured".
/// </summary>
public static class WalkingOutcomeSummary
{
    /// <summary>E.g. "2 bout(s), 412 steps: cadence 105.0 steps/min, speed 1.02 m/s, stride 1.15 m, step-time CV 2.3 %, stride-time CV 1.9 %, asymmetry 1.1 %, regularity 0.91".</summary>
    public static string Describe(DecodedSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (!session.MeasuresWalkingOutcomes)
        {
            return "speed, stride length and rhythm not measured by this firmware";
        }

        IReadOnlyList<WalkingBout> bouts = session.Bouts;
        if (bouts.Count == 0)
        {
            return "no walking bout ended in this session";
        }

        static string Value(double? v, string format, string unit) =>
            v is double x ? x.ToString(format, CultureInfo.InvariantCulture) + unit : "not measured";
        return string.Create(CultureInfo.InvariantCulture, $"{bouts.Count} bout(s), {bouts.Sum(b => b.Steps)} steps: ")
            + $"cadence {Value(WalkingBout.StepWeightedMean(bouts, b => b.CadenceSpm), "0.0", " steps/min")}, speed {Value(session.MeanSpeedMps, "0.00", " m/s")}, stride {Value(session.MeanStrideLengthM, "0.00", " m")}, "
            + $"step-time CV {Value(session.MeanStepTimeCvPercent, "0.0", " %")}, "
            + $"stride-time CV {Value(WalkingBout.StepWeightedMean(bouts, b => b.StrideTimeCvPercent), "0.0", " %")}, "
            + $"asymmetry {Value(WalkingBout.StepWeightedMean(bouts, b => b.StepTimeAsymmetryPercent), "0.0", " %")}, "
            + $"regularity {Value(WalkingBout.StepWeightedMean(bouts, b => b.StrideRegularity), "0.00", "")}";
    }
}
