using LumbarBand.Analysis.Analyzing;
using LumbarBand.Core;
using LumbarBand.Core.Gait;

namespace LumbarBand.Analysis.Scoring;

/// <summary>
/// Runs a recording's candidate steps (<see cref="AnalysisResult.Candidates"/>) through a <see cref="WalkingBoutTracker"/>
/// built with other constants, ticking it every sample as the band does: the walking decision reads nothing else, so with
/// the shipped constants it gives exactly the band's steps (checked in a test).
/// </summary>
public static class WalkingDecisionReplay
{
    private const int QueueCapacity = 64;

    /// <summary>The steps (seconds) that a tracker made by <paramref name="makeTracker"/> counts on the recording.</summary>
    public static double[] Steps(AnalysisResult analysis, Func<EventQueue, WalkingBoutTracker> makeTracker)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(makeTracker);
        var events = new EventQueue(QueueCapacity);
        WalkingBoutTracker tracker = makeTracker(events);
        var steps = new List<double>();
        IReadOnlyList<CandidateStep> candidates = analysis.Candidates;
        int next = 0;
        for (int sample = 1; sample <= analysis.DeviceSamples; sample++)
        {
            tracker.Tick(sample);
            while (next < candidates.Count && candidates[next].DetectedSample == sample)
            {
                CandidateStep c = candidates[next++];
                tracker.OnCandidateStep(c.ContactSample, c.ContactTimeUs, c.PeakCounts, c.SwingCounts, c.YawSinceContact, c.Turning);
            }

            while (events.TryTake(out BandEvent e))
            {
                if (e.Kind == BandEventKind.Step)
                {
                    steps.Add(e.TimeUs / 1_000_000.0);
                }
            }
        }

        steps.Sort();
        return steps.ToArray();
    }
}
