using LumbarBand.Analysis.Analyzing;
using LumbarBand.Analysis.Recordings;
using LumbarBand.Analysis.Scoring;

namespace LumbarBand.Tools.Tests.Scoring;

public sealed class FalseStepRunTests
{
    private const double Rate = 100;

    /// <summary>
    /// 60 s of a pelvis bobbing up and down by ±<paramref name="amplitudeM"/> once a step (0.5 s steps, contacts at the
    /// lowest point), on a sensor pitched 20° forward: x reads gravity's reaction and the bobbing along the tilted vertical.
    /// </summary>
    private static ImuRecording Bobbing(double amplitudeM)
    {
        int n = (int)(60 * Rate);
        double tilt = 20 * Math.PI / 180;
        double omega = 2 * Math.PI / 0.5;
        var t = new double[n];
        var ax = new double[n];
        var az = new double[n];
        for (int i = 0; i < n; i++)
        {
            t[i] = i / Rate;
            double up = 1 + (amplitudeM * omega * omega * Math.Cos(omega * t[i]) / 9.80665); // height = −A·cos: lowest at contacts
            ax[i] = up * Math.Cos(tilt);
            az[i] = -up * Math.Sin(tilt);
        }

        return new ImuRecording(t, ax, new double[n], az, new double[n], new double[n], new double[n]);
    }

    private static ReferenceRecording Reference(string json) => ReferenceJson.Read(json);

    [Theory]
    [InlineData(0.015)]
    [InlineData(0.004)]
    public void PelvisRiseIsThePeakToPeakHeightOfEachStep(double amplitudeM)
    {
        double[] contacts = Enumerable.Range(20, 40).Select(k => k * 0.5).ToArray(); // 10 s to 29.5 s
        double[] rises = PelvisRise.PerStep(Bobbing(amplitudeM), contacts);
        Assert.Equal(contacts.Length - 1, rises.Length);
        Assert.All(rises, r => Assert.Equal(2 * amplitudeM, r, 2 * amplitudeM * 0.03));
    }

    [Fact]
    public void StepsTooLongOrOutsideTheRecordingHaveNoRise()
    {
        double[] rises = PelvisRise.PerStep(Bobbing(0.01), new[] { 10.0, 12.0, 12.5, double.NaN, 59.5, 70.0 });
        Assert.True(double.IsNaN(rises[0])); // 2 s is not a step
        Assert.False(double.IsNaN(rises[1]));
        Assert.True(double.IsNaN(rises[2]));
        Assert.True(double.IsNaN(rises[3]));
        Assert.True(double.IsNaN(rises[4])); // beyond the end
    }

    [Fact]
    public void FalseStepsAreGroupedIntoRunsAwayFromTheBouts()
    {
        ReferenceRecording reference = Reference("""
            {"recording": "r", "sample_rate_hz": 100, "n_samples": 6000,
             "walking_bouts": [{"start_s": 10.0, "end_s": 14.0, "initial_contacts_s": [10.0, 10.5, 11.0, 11.5, 12.0, 12.5, 13.0, 13.5, 14.0]}]}
            """);
        double[] steps =
        [
            9.2, 10.0, 12.0, 14.8, // inside or within 1 s of the bout: not false
            20.0, 20.5, 21.0, 21.5, 22.0, // a run of five at 120 steps/min
            30.0, // a lone step, more than 2 s from the run
        ];

        IReadOnlyList<FalseStepRun> runs = FalseStepRun.Find(reference, Bobbing(0.015), steps);

        Assert.Equal(2, runs.Count);
        Assert.Equal((20.0, 22.0, 5), (runs[0].StartS, runs[0].EndS, runs[0].Steps));
        Assert.Equal(120, runs[0].CadenceSpm, 6);
        Assert.Equal(3.0, runs[0].MedianRiseCm, 0.1);
        Assert.Equal((30.0, 30.0, 1), (runs[1].StartS, runs[1].EndS, runs[1].Steps));
        Assert.True(double.IsNaN(runs[1].CadenceSpm));
        Assert.True(double.IsNaN(runs[1].MedianRiseCm));

        // The reference's own steps, measured the same way.
        Assert.All(FalseStepRun.ReferenceRisesCm(reference, Bobbing(0.015)), r => Assert.Equal(3.0, r, 0.1));
    }
}
