using System.Text.Json;
using LumbarBand.Cli;

namespace LumbarBand.Tools.Tests.Cli;

public sealed class AnalyzeCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lumbarband-analyze-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Program.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void JsonOutputFollowsTheContract()
    {
        var lines = new List<string> { "t_s,acc_x_g,acc_y_g,acc_z_g,gyr_x_dps,gyr_y_dps,gyr_z_dps" };
        for (int i = 0; i < 500; i++)
        {
            lines.Add(FormattableString.Invariant($"{i * 0.01:0.00},1,0,0,0.5,0,0"));
        }

        (int code, string output, string err) = Run("analyze", Write("still.csv", string.Join("\n", lines)), "--json");
        Assert.True(code == 0, err);
        using JsonDocument doc = JsonDocument.Parse(output);
        JsonElement root = doc.RootElement;
        Assert.Equal(JsonValueKind.Array, root.GetProperty("steps_s").ValueKind);
        Assert.Equal(0, root.GetProperty("steps_s").GetArrayLength());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("walking_bouts").ValueKind);
        Assert.Equal(JsonValueKind.Array, root.GetProperty("cues").ValueKind);
        JsonElement summary = root.GetProperty("summary");
        Assert.Equal(250, summary.GetProperty("device_samples").GetInt32());
        Assert.Equal(4.98, summary.GetProperty("duration_s").GetDouble(), 3); // 250 device samples, 20 ms apart
    }

    [Fact]
    public void MalformedValueExitsNonZeroNamingLineAndColumn()
    {
        string path = Write("bad.csv", "t_s,acc_x_g,acc_y_g,acc_z_g,gyr_x_dps,gyr_y_dps,gyr_z_dps\n0,1,0,0,0,0,0\n0.01,1,0,0,0,x,0\n");
        (int code, string output, string err) = Run("analyze", path);
        Assert.Equal(1, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains($"{path}:3:6: gyr_y_dps 'x' is not a finite number", err, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFileExitsNonZero()
    {
        (int code, _, string err) = Run("analyze", Path.Combine(_dir, "absent.csv"));
        Assert.Equal(1, code);
        Assert.Contains("absent.csv: no such file", err, StringComparison.Ordinal);
    }

    [Fact]
    public void FileAndSimulatedTogetherIsRefused()
    {
        (int code, _, string err) = Run("analyze", Path.Combine(_dir, "x.csv"), "--simulated");
        Assert.Equal(1, code);
        Assert.Contains("either a recording FILE or --simulated", err, StringComparison.Ordinal);
    }

    [Fact]
    public void SimulatedWalkIsLabelledSimulated()
    {
        (int code, string output, string err) = Run("analyze", "--simulated");
        Assert.True(code == 0, err);
        Assert.Contains("simulated", output, StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class AnalyzeImplausibleInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lumbarband-analyze-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void AHundredMillionSecondGapIsAMessageWithFileAndLineNotAnOverflow()
    {
        string path = Path.Combine(_dir, "gap.csv");
        File.WriteAllText(path, $"{LumbarBand.Analysis.Recordings.ImuRecording.CsvHeader}\n0,1,0,0,0,0,0\n0.01,1,0,0,0,0,0\n100000000,1,0,0,0,0,0\n");
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Program.Run(["analyze", path], output, error);
        Assert.Equal(1, code);
        Assert.Contains($"{path}:4:1: a gap of", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error.ToString(), StringComparison.Ordinal);
    }
}
