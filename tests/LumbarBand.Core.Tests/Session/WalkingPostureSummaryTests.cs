using LumbarBand.Analysis.Recordings;
using LumbarBand.Analysis.Simulation;
using LumbarBand.Core.Session;
using LumbarBand.Core.Tests.Cueing;
using LumbarBand.TestSupport;
using Xunit.Abstractions;

namespace LumbarBand.Core.Tests.Session;

/// <summary>
/// The walking posture a session stores (each epoch's flexion and lateral bend while walking, mean and extreme) is the
/// posture of walking: a turn taken bent, or the sit-down that ends a bout, leave it as it was without them. Simulated
/// walks through the whole band (its own posture, turn detector, steps and session recorder), and the real daily-living
/// recordings of ../shared/data/lowerback-walks, which hold both.
/// </summary>
public sealed class WalkingPostureSummaryTests(ITestOutputHelper output)
{
    private const double StandS = 10;
    private const double WalkS = 100;
    private const double TurnAtS = 45;
    private const double TurnS = 4;
    private const double TurnDegPerS = 60;
    private const int Seed = 17;

    /// <summary>Simulated: stand, walk 100 s straight, stand.</summary>
    private static readonly Lazy<WalkingPostureRun> Plain = new(() => Run(
        new WalkScript("plain").Stand(StandS).Walk(WalkS).Stand(20)));

    /// <summary>
    /// The same walk with a 240° turn (60 °/s for 4 s) in its middle, across which the wearer bends 25° forward and
    /// 10° to the right (from its second second to its third, the posture settling over a second each way).
    /// </summary>
    private static readonly Lazy<WalkingPostureRun> BentTurn = new(() => Run(
        new WalkScript("bent turn").Stand(StandS).Walk(TurnAtS).Walk(1, turnDegPerS: TurnDegPerS)
            .Walk(TurnS - 2, turnDegPerS: TurnDegPerS, flexionDeg: 25, lateralBendDeg: 10).Walk(1, turnDegPerS: TurnDegPerS)
            .Walk(WalkS - TurnAtS - TurnS).Stand(20)));

    /// <summary>The same walk ending by sitting down (30° of flexion on the way) instead of standing.</summary>
    private static readonly Lazy<WalkingPostureRun> SitDown = new(() => Run(
        new WalkScript("sit-down").Stand(StandS).Walk(WalkS).StandToSit().Sit(17.5)));

    [Fact]
    public void ATurnTakenBentLeavesTheWalkingPostureAsWithoutIt()
    {
        AssertSameWalkingPosture(Plain.Value, BentTurn.Value, "the bent turn");
    }

    [Fact]
    public void ASitDownAtTheBoutsEndLeavesTheWalkingPostureAsWithoutIt()
    {
        AssertSameWalkingPosture(Plain.Value, SitDown.Value, "the sit-down");
    }

    /// <summary>
    /// HA001_Test11 and HA002_Test11 (simulated daily living: walking in bouts, turning, bending, sitting down): the
    /// band's posture over its walking bouts, tails and turns included, reaches 45° of flexion or more (bends and
    /// sit-downs at 50–95°); the stored walking posture stays within 30°, the top of gait's added pelvic tilt at L5
    /// (25°, see <see cref="Cueing.WalkingPostureBaseline"/>) plus a stride's oscillation, and at least one epoch
    /// has it.
    /// </summary>
    [SkippableTheory]
    [InlineData("HA001_Test11_Trial1")]
    [InlineData("HA002_Test11_Trial1")]
    public void OnARealDailyLivingWalkTheWalkingPostureLeavesOutBendsTurnsAndSitDowns(string name)
    {
        ImuRecording recording = ImuCsv.Read(Path.Combine(SharedData.Require(), name + ".imu.csv"));
        WalkingPostureRun run = WalkingPostureRun.Of(recording);
        double allMax = AllWhileWalking(run).Max(p => p.Flexion) / 100.0;
        var epochs = run.Epochs().Where(e => e.Epoch.FlexionMeanDegrees != SessionUnits.UnknownAngle).ToList();
        foreach ((long start, long end, EpochSummary e) in run.Epochs())
        {
            var all = AllWhileWalking(run).Where(p => p.TimeUs >= start && p.TimeUs < end).ToList();
            string before = all.Count == 0 ? "no posture" : $"max flexion {all.Max(p => p.Flexion) / 100.0:0.0}°, largest lateral bend {all.Max(p => Math.Abs(p.Lateral)) / 100.0:0.0}°";
            output.WriteLine($"{name} epoch {start / 1e6:0.0}–{end / 1e6:0.0} s: walking posture flexion {e.FlexionMeanDegrees}° (max {e.FlexionMaxDegrees}°), lateral {e.LateralMeanDegrees}° (max {e.LateralMaxDegrees}°); everything while walking: {before}");
        }

        Assert.True(allMax >= 45, $"{name}: the band's posture while walking reaches only {allMax:0.0}°: no bend or sit-down to leave out");
        Assert.NotEmpty(epochs);
        Assert.All(epochs, e => Assert.InRange(e.Epoch.FlexionMaxDegrees, -30, 30));
        Assert.All(epochs, e => Assert.InRange(e.Epoch.LateralMaxDegrees, -30, 30));
    }

    private static WalkingPostureRun Run(WalkScript script) => WalkingPostureRun.Of(SharedWalks.Simulate(script, Seed).Recording);

    /// <summary>The band's posture outputs from each bout's first step until its end was known (2.5 s after its last), turns included.</summary>
    private static IEnumerable<(long TimeUs, int Flexion, int Lateral, bool Turning)> AllWhileWalking(WalkingPostureRun run) =>
        run.Postures.Where(p => run.Bouts.Any(b => p.TimeUs >= b.Start && p.TimeUs <= b.End + 2_500_000));

    private void AssertSameWalkingPosture(WalkingPostureRun plain, WalkingPostureRun other, string what)
    {
        var a = plain.Epochs().ToList();
        var b = other.Epochs().ToList();
        for (int i = 0; i < Math.Max(a.Count, b.Count); i++)
        {
            string Line(List<(long S, long E, EpochSummary Epoch)> list) => i < list.Count
                ? $"flexion {list[i].Epoch.FlexionMeanDegrees}° (max {list[i].Epoch.FlexionMaxDegrees}°), lateral {list[i].Epoch.LateralMeanDegrees}° (max {list[i].Epoch.LateralMaxDegrees}°)"
                : "none";
            output.WriteLine($"epoch {i}: plain {Line(a)}; with {what} {Line(b)}");
        }

        // The bend is there, in the band's own posture while it walked.
        double plainMax = AllWhileWalking(plain).Max(p => p.Flexion) / 100.0;
        double otherMax = AllWhileWalking(other).Max(p => p.Flexion) / 100.0;
        output.WriteLine($"largest flexion the band read while walking: plain {plainMax:0.0}°, with {what} {otherMax:0.0}°");
        Assert.True(otherMax >= plainMax + 15, $"{what} does not show in the band's posture ({otherMax:0.0}° against {plainMax:0.0}°)");

        Assert.Equal(a.Count, b.Count);
        for (int i = 0; i < a.Count; i++)
        {
            EpochSummary x = a[i].Epoch;
            EpochSummary y = b[i].Epoch;
            Assert.True(x.FlexionMeanDegrees != SessionUnits.UnknownAngle, $"epoch {i} has no walking posture");
            Assert.InRange(y.FlexionMeanDegrees, x.FlexionMeanDegrees - 1, x.FlexionMeanDegrees + 1);
            Assert.InRange(y.FlexionMaxDegrees, x.FlexionMaxDegrees - 2, x.FlexionMaxDegrees + 2);
            Assert.InRange(y.LateralMeanDegrees, x.LateralMeanDegrees - 1, x.LateralMeanDegrees + 1);
            Assert.InRange(Math.Abs(y.LateralMaxDegrees), Math.Abs(x.LateralMaxDegrees) - 2, Math.Abs(x.LateralMaxDegrees) + 2);
        }
    }
}
