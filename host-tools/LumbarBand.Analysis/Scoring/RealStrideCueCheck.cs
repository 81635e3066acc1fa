using System.Globalization;
using System.Text;
using LumbarBand.Analysis.Analyzing;
using LumbarBand.Analysis.Recordings;
using LumbarBand.Analysis.Simulation;

namespace LumbarBand.Analysis.Scoring;

/// <summary>One held posture on the real-stride walk and the band's response.</summary>
/// <param name="Tilt">The posture added.</param>
/// <param name="AngleDeg">Its angle, degrees.</param>
/// <param name="Result">The band's analysis of the walk with it.</param>
public sealed record HeldPostureResponse(PostureTilt Tilt, double AngleDeg, AnalysisResult Result)
{
    /// <summary>Seconds from the onset to the first cue at or after it; null without one.</summary>
    public double? FirstCueAfterOnsetS => Result.Cues.FirstOrDefault(c => c.TimeS >= RealStrideCueCheck.OnsetS) is CueRecord c ? c.TimeS - RealStrideCueCheck.OnsetS : null;

    /// <summary>Cues before the onset (there should be none).</summary>
    public int CuesBeforeOnset => Result.Cues.Count(c => c.TimeS < RealStrideCueCheck.OnsetS);

    /// <summary>The rule of the first cue at or after the onset; null without one.</summary>
    public string? FirstRule => Result.Cues.FirstOrDefault(c => c.TimeS >= RealStrideCueCheck.OnsetS)?.Rule;
}

/// <summary>
/// Issue 4's real-gait check: three minutes built from one wearer's steady straight strides (<see cref="RealStrideWalk"/>),
/// plain and with a posture held for 25 s two minutes in (<see cref="PostureOverlay"/>: a 30° flexion, a 15° lean
/// either way, about level body axes from the walk's mean vertical), through the whole band with default settings. The goal: the first cue within 10 s of the onset, from
/// the rule of the posture held, and none before; none at all on the plain walk.
/// </summary>
public sealed class RealStrideCueCheck
{
    /// <summary>Start of the held posture's ramp, seconds into the walk.</summary>
    public const double OnsetS = 120;

    /// <summary>Time the posture is held at full angle, seconds.</summary>
    public const double HoldS = 25;

    /// <summary>The goal for the first cue, seconds after the onset.</summary>
    public const double FirstCueWithinS = 10;

    /// <summary>Walking built, seconds (after the standing start).</summary>
    public const double WalkingS = 180;

    /// <summary>The postures checked: (tilt, degrees, rule that should cue).</summary>
    public static readonly IReadOnlyList<(PostureTilt Tilt, double AngleDeg, string Rule)> Postures =
    [
        (PostureTilt.Flexion, 30, "flexion"),
        (PostureTilt.LeanRight, 15, "lateral_lean"),
        (PostureTilt.LeanLeft, 15, "lateral_lean"),
    ];

    private RealStrideCueCheck(string source, bool standingStart, AnalysisResult plain, IReadOnlyList<HeldPostureResponse> held)
    {
        Source = source;
        StandingStart = standingStart;
        Plain = plain;
        Held = held;
    }

    /// <summary>The recording whose strides the walk is built from.</summary>
    public string Source { get; }

    /// <summary>True if the walk starts with the recording's own standing start; false if it starts walking.</summary>
    public bool StandingStart { get; }

    /// <summary>
    /// The goals this walk misses, each said in words (empty when all are met): no cue on the plain walk; for each
    /// posture held, a first cue within <see cref="FirstCueWithinS"/> of the onset, from the posture's own rule, and
    /// none before.
    /// </summary>
    public IReadOnlyList<string> MissedGoals
    {
        get
        {
            var ci = CultureInfo.InvariantCulture;
            var missed = new List<string>();
            if (Plain.Cues.Count > 0)
            {
                missed.Add(string.Create(ci, $"{Plain.Cues.Count} cue(s) on the plain walk (first: {Plain.Cues[0].Rule} at {Plain.Cues[0].TimeS:0.0} s)"));
            }

            foreach (HeldPostureResponse h in Held)
            {
                string rule = Postures.Single(p => p.Tilt == h.Tilt).Rule;
                string what = string.Create(ci, $"{h.AngleDeg:0}° {h.Tilt}");
                if (h.CuesBeforeOnset > 0)
                {
                    missed.Add($"{what}: {h.CuesBeforeOnset} cue(s) before the onset");
                }

                if (h.FirstCueAfterOnsetS is not double s)
                {
                    missed.Add($"{what}: no cue");
                }
                else if (s > FirstCueWithinS || h.FirstRule != rule)
                {
                    missed.Add(string.Create(ci, $"{what}: first cue +{s:0.0} s from the {h.FirstRule} rule"));
                }
            }

            return missed;
        }
    }

    /// <summary>The band on the plain built walk.</summary>
    public AnalysisResult Plain { get; }

    /// <summary>The band on the walk with each of <see cref="Postures"/>.</summary>
    public IReadOnlyList<HeldPostureResponse> Held { get; }

    /// <summary>
    /// Builds the walk from the strides of <paramref name="source"/> (by default <see cref="RealStrideWalk.DefaultRecording"/>,
    /// the recording with the most straight strides) in <paramref name="realWalksDirectory"/> and runs the band on each
    /// variant. Throws <see cref="InvalidDataException"/> when that recording cannot make such a walk.
    /// </summary>
    public static RealStrideCueCheck Run(string realWalksDirectory, string source = RealStrideWalk.DefaultRecording, bool standingStart = true)
    {
        ImuRecording walk = RealStrideWalk.Build(realWalksDirectory, source, WalkingS, standingStart);
        AnalysisResult plain = RecordingAnalyzer.Analyze(walk, $"{source} strides (built, not recorded)");
        var held = Postures
            .Select(p => new HeldPostureResponse(p.Tilt, p.AngleDeg, RecordingAnalyzer.Analyze(PostureOverlay.AboutMeanVertical(p.Tilt, p.AngleDeg, OnsetS, HoldS, walk).Apply(walk), $"{source} strides + {p.AngleDeg}° {p.Tilt}")))
            .ToArray();
        return new RealStrideCueCheck(source, standingStart, plain, held);
    }

    /// <summary>The heading of the table <see cref="ToRow"/> fills.</summary>
    public static string TableHeading()
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(ci, $"Real-stride long walks ({WalkingS / 60:0} min built from one recording's straight strides, labelled built; a posture held {HoldS:0} s from {OnsetS:0} s;");
        sb.AppendLine(ci, $"each with the recording's own standing start (stand) and walking off at once (walk); goal: no cue on the plain walk, and");
        sb.AppendLine(ci, $"the first cue within {FirstCueWithinS:0} s of the onset, from the posture's rule, none before):");
        sb.Append("  strides of              start  plain    ");
        foreach ((PostureTilt tilt, double angle, string _) in Postures)
        {
            sb.Append(ci, $"{angle:0}° {tilt,-16}");
        }

        return sb.ToString().TrimEnd() + Environment.NewLine;
    }

    /// <summary>This walk's row: cues on the plain walk, then per posture the first cue after the onset and its rule.</summary>
    public string ToRow()
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(ci, $"  {Source,-22}  {(StandingStart ? "stand" : "walk"),-5}  {Plain.Cues.Count} cues   ");
        foreach (HeldPostureResponse h in Held)
        {
            string first = h.FirstCueAfterOnsetS is double s ? string.Create(ci, $"+{s:0.0} s {h.FirstRule}") : "no cue";
            if (h.CuesBeforeOnset > 0)
            {
                first += string.Create(ci, $" ({h.CuesBeforeOnset} before)");
            }

            sb.Append(ci, $"{first,-20}");
        }

        return sb.ToString().TrimEnd() + Environment.NewLine;
    }
}
