using LumbarBand.Analysis.Scoring;

namespace LumbarBand.Tools.Tests.Scoring;

public sealed class StepScorerTests
{
    private static ReferenceRecording Reference(string json)
    {
        string path = Path.Combine(Path.GetTempPath(), $"ref-{Guid.NewGuid():N}.reference.json");
        File.WriteAllText(path, json);
        try
        {
            return ReferenceRecording.Read(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static readonly ReferenceRecording OneBout = Reference("""
        {"recording": "r", "sample_rate_hz": 100, "n_samples": 6000,
         "walking_bouts": [{"start_s": 10.0, "end_s": 14.0, "initial_contacts_s": [10.0, 10.5, 11.0, NaN, 12.0, 12.5, 13.0, 13.5, 14.0]}]}
        """);

    private static StepScore Score(params double[] detections) =>
        StepScorer.Score(new[] { OneBout }, new Dictionary<string, double[]> { ["r"] = detections }, insideBoutsOnly: false);

    [Fact]
    public void PerfectDetectionsScoreOne()
    {
        StepScore s = Score(10.0, 10.5, 11.0, 11.5, 12.0, 12.5, 13.0, 13.5, 14.0);
        Assert.Equal(8, s.TruePositives);
        Assert.Equal(0, s.FalsePositives); // 11.5 falls in the don't-care zone of the untimed contact
        Assert.Equal(1.0, s.F1);
        Assert.Equal(0.0, s.StepCountErrorPct);
        Assert.Equal(0.0, s.CadenceMaeSpm, 6);
        Assert.Equal(0, s.FalseStepsOutsideBouts);
    }

    [Fact]
    public void MatchesOnlyWithinTheToleranceAndOneToOne()
    {
        // 10.3 is 0.3 s from 10.0 and from 10.5 (too far); 10.6 takes 10.5; 10.65 finds nothing left to match.
        StepScore s = Score(10.3, 10.6, 10.65);
        Assert.Equal(1, s.TruePositives);
        Assert.Equal(2, s.FalsePositives);
        Assert.Equal(7, s.FalseNegatives);
    }

    [Fact]
    public void StepsFarFromBoutsAreFalseStepsPerMinuteOfTheRest()
    {
        // 60 s recording, one 4 s bout: 60 − 4 − 2 = 54 s of non-walking time.
        StepScore s = Score(2.0, 30.0, 14.9);
        Assert.Equal(2, s.FalseStepsOutsideBouts);
        Assert.Equal(60.0 * 2 / 54, s.FalseStepsPerMinute!.Value, 6);
    }

    [Fact]
    public void CadenceIsSixtyOverTheMedianInterval()
    {
        Assert.Equal(120.0, StepScorer.Cadence(new[] { 0.0, 0.5, 1.0, 1.6 })!.Value, 6);
        Assert.Null(StepScorer.Cadence(new[] { 0.0, 0.5 }));
        Assert.Equal(120.0, StepScorer.Cadence(new[] { 0.0, 0.5, double.NaN, 2.0, 2.5 })!.Value, 6);
    }

    [Fact]
    public void PeersScoreAsTheSharedPythonScorerPrintsThem()
    {
        // Cross-check with `python3 ../shared/tools/score_steps.py ../shared/data/lowerback-walks --peers`, which prints
        // hklee_improved ic_f1 0.854, steps 153/157, cadence MAE 3.49; ionescu 0.778, 153/123, 4.19.
        string dir = RealWalksFolder.Require();
        ReferenceRecording[] refs = Directory.GetFiles(dir, "*.reference.json").Select(ReferenceRecording.Read).ToArray();
        StepScore Peer(string name) => StepScorer.Score(refs, refs.ToDictionary(r => r.Name, r => r.PeerInitialContactsS[name]), insideBoutsOnly: true);

        StepScore hklee = Peer("hklee_improved");
        Assert.Equal(0.854, Math.Round(hklee.F1, 3));
        Assert.Equal(153, hklee.ReferenceSteps);
        Assert.Equal(157, hklee.DetectedStepsInBouts);
        Assert.Equal(3.49, Math.Round(hklee.CadenceMaeSpm, 2));
        StepScore ionescu = Peer("ionescu");
        Assert.Equal(0.778, Math.Round(ionescu.F1, 3));
        Assert.Equal(123, ionescu.DetectedStepsInBouts);
        Assert.Equal(4.19, Math.Round(ionescu.CadenceMaeSpm, 2));
        Assert.Null(ionescu.FalseStepsPerMinute);
    }
}
