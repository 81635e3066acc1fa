using LumbarBand.TestSupport;
using System.Text.Json;
using LumbarBand.Analysis.Scoring;

namespace LumbarBand.Tools.Tests.Scoring;

public sealed class BoutScorerTests
{
    private static ReferenceRecording Reference(string json) => ReferenceJson.Read(json);

    [SkippableFact]
    public void WalkingTimeIsScoredWithSlackAtBoutEndsAndUnverifiedSpansCountingNeitherWay()
    {
        // 60 s, one bout 10–14 s (9–15 s with the slack), an unverified span 40–45 s.
        ReferenceRecording r = Reference("""
            {"recording": "r", "sample_rate_hz": 100, "n_samples": 6000, "unverified_s": [[40.0, 45.0]],
             "walking_bouts": [{"start_s": 10.0, "end_s": 14.0, "initial_contacts_s": [10.0, 10.5, 11.0]}]}
            """);
        var found = new Dictionary<string, TimeSpanS[]> { ["r"] = [new(9.0, 15.0), new(20.0, 22.0), new(41.0, 43.0)] };

        BoutScore s = BoutScorer.Score(new[] { r }, found);

        Assert.Equal(1.0, s.Sensitivity, 9);                    // 4 of 4 s covered
        Assert.Equal(8.0 / 10.0, s.Precision, 9);               // 6 s in the slack-widened bout, 2 s unverified, 2 s outside
        Assert.Equal(60.0 * 2 / (60 - 6 - 5), s.FalseWalkingSPerMinute, 9);
    }

    [SkippableFact]
    public void APartlyCoveredBoutLowersSensitivityOnly()
    {
        ReferenceRecording r = Reference("""
            {"recording": "r", "sample_rate_hz": 100, "n_samples": 6000,
             "walking_bouts": [{"start_s": 10.0, "end_s": 20.0, "initial_contacts_s": [10.0, 20.0]}]}
            """);
        BoutScore s = BoutScorer.Score(new[] { r }, new Dictionary<string, TimeSpanS[]> { ["r"] = [new(12.0, 17.0)] });
        Assert.Equal((0.5, 1.0, 0.0), (s.Sensitivity, s.Precision, s.FalseWalkingSPerMinute));
    }

    [SkippableFact]
    public void BoutsScoreAsTheSharedPythonScorerScoresThem()
    {
        // The peers' stored walking periods (the figures: Iluz 0.656 / 0.737 / 9.35, adaptive Ionescu
        // 0.777 / 0.829 / 6.18), and the same periods moved and cut, with one in the unverified span.
        string dir = SharedData.Require();
        ReferenceRecording[] refs = Directory.GetFiles(dir, "*.reference.json").Select(ReferenceRecording.Read).ToArray();
        foreach (string peer in new[] { "gsd_iluz", "gsd_adaptive_ionescu" })
        {
            var stored = refs.ToDictionary(r => r.Name, r => r.PeerWalkingBoutsS[peer]);
            var moved = refs.ToDictionary(
                r => r.Name,
                r => r.PeerWalkingBoutsS[peer].Select(b => new TimeSpanS(b.StartS + 0.7, b.EndS - 1.3))
                    .Concat(r.UnverifiedS.Select(u => new TimeSpanS(u.StartS - 2, u.StartS + 1)))
                    .ToArray());
            foreach (Dictionary<string, TimeSpanS[]> detections in new[] { stored, moved })
            {
                BoutScore band = BoutScorer.Score(refs, detections);
                JsonElement python = SharedScorer.Run("score_bouts.py", dir, detections.ToDictionary(d => d.Key, d => d.Value.Select(b => new[] { b.StartS, b.EndS }).ToArray()));
                Assert.Equal(python.GetProperty("walking_time_sensitivity").GetDouble(), Math.Round(band.Sensitivity, 3));
                Assert.Equal(python.GetProperty("walking_time_precision").GetDouble(), Math.Round(band.Precision, 3));
                Assert.Equal(python.GetProperty("false_walking_s_per_min_nonwalking").GetDouble(), Math.Round(band.FalseWalkingSPerMinute, 2));
            }
        }

        BoutScore iluz = BoutScorer.Score(refs, refs.ToDictionary(r => r.Name, r => r.PeerWalkingBoutsS["gsd_iluz"]));
        Assert.Equal((0.656, 0.737, 9.35), (Math.Round(iluz.Sensitivity, 3), Math.Round(iluz.Precision, 3), Math.Round(iluz.FalseWalkingSPerMinute, 2)));
    }
}
