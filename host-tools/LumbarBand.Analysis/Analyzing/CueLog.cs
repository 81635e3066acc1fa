using LumbarBand.Core;
using LumbarBand.Core.Cueing;

namespace LumbarBand.Analysis.Analyzing;

/// <summary>
/// Collects the cue engine's events from a run of the band: every <see cref="BandEventKind.Cue"/> as a
/// <see cref="CueRecord"/>, and the time in each excessive-motion state from the
/// <see cref="BandEventKind.ExcessiveMotionStart"/> / <see cref="BandEventKind.ExcessiveMotionEnd"/> pairs (an episode
/// still open when the run ends counts up to its end). Other events are ignored.
/// </summary>
public sealed class CueLog
{
    private const double MicrosPerSecond = 1_000_000.0;
    private const double SecondsPerTenth = 0.1;

    private readonly List<CueRecord> _cues = [];
    private readonly double[] _closedS = new double[CueRules.Last + 1];
    private readonly double?[] _openOnsetS = new double?[CueRules.Last + 1];

    /// <summary>Cues in the order they came.</summary>
    public IReadOnlyList<CueRecord> Cues => _cues;

    /// <summary>Takes one event of the band (any kind).</summary>
    public void Add(BandEvent e)
    {
        double t = e.TimeUs / MicrosPerSecond;
        switch (e.Kind)
        {
            case BandEventKind.Cue:
                _cues.Add(new CueRecord(t, CueRules.Name(CueEventValue.Rule(e.Value)), CueEventValue.Level(e.Value), CueEventValue.Delivered(e.Value)));
                break;
            case BandEventKind.ExcessiveMotionStart:
                if (Slot(ExcessiveMotionValue.Rule(e.Value)) is int start)
                {
                    _openOnsetS[start] = t - (ExcessiveMotionValue.Tenths(e.Value) * SecondsPerTenth);
                }

                break;
            case BandEventKind.ExcessiveMotionEnd:
                if (Slot(ExcessiveMotionValue.Rule(e.Value)) is int end)
                {
                    _closedS[end] += ExcessiveMotionValue.Tenths(e.Value) * SecondsPerTenth;
                    _openOnsetS[end] = null;
                }

                break;
        }
    }

    /// <summary>Time in each excessive-motion state, open episodes counted up to <paramref name="endS"/>.</summary>
    public ExcessiveMotionTimes TimesUntil(double endS) =>
        new(Total(CueRule.Flexion, endS), Total(CueRule.LateralLean, endS), Total(CueRule.Sway, endS));

    private double Total(CueRule rule, double endS)
    {
        int r = (int)rule;
        double open = _openOnsetS[r] is double onset ? Math.Max(0, endS - onset) : 0;
        return _closedS[r] + open;
    }

    private static int? Slot(CueRule rule) => rule is >= CueRule.Flexion and <= CueRule.Sway ? (int)rule : null;
}
