using LumbarBand.TestSupport;
using System.Text.Json;
using LumbarBand.Analysis.Scoring;

namespace LumbarBand.Tools.Tests.Scoring;

public sealed class StepScorerTests
{
    private static ReferenceRecording Reference(string json) => ReferenceJson.Read(json);

    private static readonly ReferenceRecording OneBout = Reference("""
        {"recording": "r", "sample_rate_hz": 100, "n_samples": 6000,
         "walking_bouts": [{"start_s": 10.0, "end_s": 14.0, "initial_contacts_s": [10.0, 10.5, 11.0, NaN, 12.0, 12.5, 13.0, 13.5, 14.0]}]}
        """);

    private static StepScore Score(params double[] detections) =>
        StepScorer.Score(new[] { OneBout }, new Dictionary<string, double[]> { ["r"] = detections }, insideBoutsOnly: false);

    [SkippableFact]
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

    [SkippableFact]
    public void MatchesOnlyWithinTheToleranceAndOneToOne()
    {
        // 10.3 is 0.3 s from 10.0 and from 10.5 (too far); 10.6 takes 10.5; 10.65 finds nothing left to match.
        StepScore s = Score(10.3, 10.6, 10.65);
        Assert.Equal(1, s.TruePositives);
        Assert.Equal(2, s.FalsePositives);
        Assert.Equal(7, s.FalseNegatives);
    }

    [SkippableFact]
    public void StepsFarFromBoutsAreFalseStepsPerMinuteOfTheRest()
    {
        // 60 s recording, one 4 s bout: 60 − 4 − 2 = 54 s of non-walking time.
        StepScore s = Score(2.0, 30.0, 14.9);
        Assert.Equal(2, s.FalseStepsOutsideBouts);
        Assert.Equal(60.0 * 2 / 54, s.FalseStepsPerMinute!.Value, 6);
    }

    [SkippableFact]
    public void CadenceIsSixtyOverTheMedianInterval()
    {
        Assert.Equal(120.0, StepScorer.Cadence(new[] { 0.0, 0.5, 1.0, 1.6 })!.Value, 6);
        Assert.Null(StepScorer.Cadence(new[] { 0.0, 0.5 }));
        Assert.Equal(120.0, StepScorer.Cadence(new[] { 0.0, 0.5, double.NaN, 2.0, 2.5 })!.Value, 6);
    }

    [SkippableFact]
    public void PeersScoreAsTheSharedPythonScorerPrintsThem()
    {
        // Cross-check with `python3 ../shared/tools/score_steps.py ../shared/data/lowerback-walks --peers`, which prints
        // hklee_improved ic_f1 0.854, steps 153/157, cadence MAE 3.49; ionescu 0.778, 153/123, 4.19.
        string dir = SharedData.Require();
        ReferenceRecording[] refs = Directory.GetFiles(dir, "*.reference.json").Select(ReferenceRecording.Read).ToArray();
        StepScore Peer(string name) => StepScorer.Score(refs, refs.ToDictionary(r => r.Name, r => r.PeerInitialContactsS[name]), insideBoutsOnly: true, ReferenceRecording.DefaultSystem);

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

    [SkippableFact]
    public void UnverifiedSpansCountNeitherAsFalseStepsNorAsNonWalkingTime()
    {
        ReferenceRecording r = Reference("""
            {"recording": "u", "sample_rate_hz": 100, "n_samples": 6000, "unverified_s": [[40.0, 50.0]],
             "walking_bouts": [{"start_s": 10.0, "end_s": 14.0, "initial_contacts_s": [10.0, 10.5, 11.0, 11.5, 12.0]}]}
            """);
        StepScore s = StepScorer.Score(new[] { r }, new Dictionary<string, double[]> { ["u"] = [2.0, 45.0, 49.9] }, insideBoutsOnly: false);

        // 60 − 4 − 2 − 10 = 44 s of non-walking time; only the step at 2 s is a false step.
        Assert.Equal(1, s.FalseStepsOutsideBouts);
        Assert.Equal(44.0, s.NonWalkingS!.Value, 6);
    }

    [SkippableFact]
    public void AReferenceSystemFilterScoresOnlyThatSystemsBouts()
    {
        ReferenceRecording r = Reference("""
            {"recording": "s", "sample_rate_hz": 100, "n_samples": 6000,
             "walking_bouts": [{"start_s": 10.0, "end_s": 12.0, "reference_system": "INDIP", "initial_contacts_s": [10.0, 10.5, 11.0, 11.5, 12.0]},
                               {"start_s": 30.0, "end_s": 32.0, "reference_system": "Stereophoto", "initial_contacts_s": [30.0, 30.5, 31.0, 31.5, 32.0]}]}
            """);
        var found = new Dictionary<string, double[]> { ["s"] = [10.0, 10.5, 11.0, 11.5, 12.0] };

        StepScore indip = StepScorer.Score(new[] { r }, found, insideBoutsOnly: true, ReferenceRecording.DefaultSystem);
        StepScore all = StepScorer.Score(new[] { r }, found, insideBoutsOnly: true);

        Assert.Equal((1, 5, 0), (indip.Bouts, indip.TruePositives, indip.FalseNegatives));
        Assert.Equal((2, 5, 5), (all.Bouts, all.TruePositives, all.FalseNegatives));
    }

    [SkippableFact]
    public void DetectionsScoreAsTheSharedPythonScorerScoresThem()
    {
        // Detections that touch every rule: the peers' contacts (inside INDIP bouts only, so Stereophoto bouts are
        // missed), shifted a little, plus steps outside every bout and inside the unverified span.
        string dir = SharedData.Require();
        ReferenceRecording[] refs = Directory.GetFiles(dir, "*.reference.json").Select(ReferenceRecording.Read).ToArray();
        var detections = refs.ToDictionary(
            r => r.Name,
            r => r.PeerInitialContactsS["hklee_improved"].Where(t => !double.IsNaN(t)).Select(t => t + 0.05)
                .Concat(r.UnverifiedS.Select(u => (u.StartS + u.EndS) / 2))
                .Concat([1.0, r.DurationS - 0.5])
                .ToArray());
        StepScore band = StepScorer.Score(refs, detections, insideBoutsOnly: false);

        JsonElement python = SharedScorer.Run("score_steps.py", dir, detections, "--detections");
        Assert.Equal(python.GetProperty("ic_f1").GetDouble(), Math.Round(band.F1, 3));
        Assert.Equal(python.GetProperty("steps_ref").GetInt32(), band.ReferenceSteps);
        Assert.Equal(python.GetProperty("steps_detected_in_bouts").GetInt32(), band.DetectedStepsInBouts);
        Assert.Equal(python.GetProperty("step_count_abs_err_pct_total").GetDouble(), Math.Round(band.StepCountErrorPct, 1));
        Assert.Equal(python.GetProperty("step_count_abs_err_pct_mean_bout").GetDouble(), Math.Round(band.StepCountErrorPctMeanBout, 1));
        Assert.Equal(python.GetProperty("cadence_mae_spm").GetDouble(), Math.Round(band.CadenceMaeSpm, 2));
        Assert.Equal(python.GetProperty("bouts").GetInt32(), band.Bouts);
        Assert.Equal(python.GetProperty("false_steps_outside_bouts").GetInt32(), band.FalseStepsOutsideBouts);
        Assert.Equal(python.GetProperty("false_steps_per_min_nonwalking").GetDouble(), Math.Round(band.FalseStepsPerMinute!.Value, 2));
    }
}
