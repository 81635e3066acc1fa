using LumbarBand.Analysis.Recordings;

namespace LumbarBand.Tools.Tests.Recordings;

public sealed class ImuCsvTests
{
    private const string Header = ImuRecording.CsvHeader;

    private static ImuRecording Parse(string text) => ImuCsv.Read(new StringReader(text), "walk.csv");

    private static RecordingFormatException Fails(string text) =>
        Assert.Throws<RecordingFormatException>(() => Parse(text));

    [Fact]
    public void ReadsColumnsInAnyOrder()
    {
        ImuRecording r = Parse("gyr_z_dps,t_s,acc_x_g,acc_y_g,acc_z_g,gyr_x_dps,gyr_y_dps\n3,0.00,1,0,0,1,2\n6,0.01,0.5,0.25,-1,4,5\n");
        Assert.Equal(new[] { 0.0, 0.01 }, r.TimeS);
        Assert.Equal(0.5, r.AccG[0][1]);
        Assert.Equal(-1, r.AccG[2][1]);
        Assert.Equal(6, r.GyrDps[2][1]);
        Assert.Equal(4, r.GyrDps[0][1]);
    }

    [Fact]
    public void EmptyFileIsNamed()
    {
        Assert.Contains("walk.csv: is empty", Fails("").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HeaderWithoutSamplesIsAnError()
    {
        Assert.Contains("no samples", Fails(Header + "\n").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingColumnIsNamed()
    {
        RecordingFormatException e = Fails("t_s,acc_x_g,acc_y_g,acc_z_g,gyr_x_dps,gyr_y_dps\n0,1,0,0,0,0\n");
        Assert.Equal(1, e.Line);
        Assert.Contains("missing column gyr_z_dps", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownColumnIsNamedWithItsPosition()
    {
        RecordingFormatException e = Fails(Header + ",temp_c\n0,1,0,0,0,0,0,25\n");
        Assert.Equal(1, e.Line);
        Assert.Equal(8, e.Column);
        Assert.Contains("unknown column 'temp_c'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.01,1,0,abc,0,0,0", 4, "acc_z_g 'abc' is not a finite number")]
    [InlineData("0.01,1,0,0,0,,0", 6, "gyr_y_dps is empty")]
    [InlineData("0.01,NaN,0,0,0,0,0", 2, "acc_x_g 'NaN' is not a finite number")]
    public void MalformedValueNamesLineAndColumn(string line, int column, string problem)
    {
        RecordingFormatException e = Fails($"{Header}\n0,1,0,0,0,0,0\n{line}\n");
        Assert.Equal(3, e.Line);
        Assert.Equal(column, e.Column);
        Assert.Equal($"walk.csv:3:{column}: {problem}", e.Message);
    }

    [Fact]
    public void WrongFieldCountNamesLine()
    {
        RecordingFormatException e = Fails($"{Header}\n0,1,0,0,0,0,0\n0.01,1,0,0\n");
        Assert.Equal(3, e.Line);
        Assert.Contains("has 4 fields; the header has 7", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.00")]
    [InlineData("-0.5")]
    public void TimeThatDoesNotIncreaseIsAnError(string t)
    {
        RecordingFormatException e = Fails($"{Header}\n0,1,0,0,0,0,0\n{t},1,0,0,0,0,0\n");
        Assert.Equal(3, e.Line);
        Assert.Equal(1, e.Column);
        Assert.Contains("t_s must increase", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFileIsNamed()
    {
        string path = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.csv");
        RecordingFormatException e = Assert.Throws<RecordingFormatException>(() => ImuCsv.Read(path));
        Assert.Equal($"{path}: no such file", e.Message);
    }

    [Fact]
    public void WriteThenReadRoundTrips()
    {
        var original = new ImuRecording(
            new[] { 0.0, 0.02, 0.04 }, new[] { 1.0, 0.98765, -0.5 }, new[] { 0.0, 0.1, 0.2 }, new[] { 0.3, 0.2, 0.1 },
            new[] { 1.5, -2.25, 0.0 }, new[] { 0.0, 0.0, 3.0 }, new[] { -100.0, 0.0, 100.0 });
        var text = new StringWriter();
        ImuCsv.Write(original, text);
        ImuRecording back = Parse(text.ToString());
        Assert.Equal(original.TimeS, back.TimeS);
        for (int a = 0; a < 3; a++)
        {
            Assert.Equal(original.AccG[a], back.AccG[a]);
            Assert.Equal(original.GyrDps[a], back.GyrDps[a]);
        }
    }
}

public sealed class ImuPlausibilityTests
{
    private const string Header = ImuRecording.CsvHeader;

    private static RecordingFormatException Fails(string text) =>
        Assert.Throws<RecordingFormatException>(() => ImuCsv.Read(new StringReader(text), "walk.csv"));

    /// <summary>A walk-like recording: gravity on x with a step bounce, the trunk turning at up to 60 °/s.</summary>
    private static string Walk(double accScale = 1, double rateScale = 1, int samples = 300)
    {
        var lines = new List<string> { Header };
        for (int i = 0; i < samples; i++)
        {
            double t = i * 0.01;
            double bounce = 0.3 * Math.Sin(2 * Math.PI * 2 * t);
            double turn = 60 * Math.Sin(2 * Math.PI * 1 * t);
            lines.Add(FormattableString.Invariant($"{t:0.00},{(1 + bounce) * accScale},{0.1 * accScale},{0.05 * accScale},{turn * rateScale},{turn / 2 * rateScale},0"));
        }

        return string.Join("\n", lines) + "\n";
    }

    [Fact]
    public void AWalkInGAndDegreesPerSecondIsAccepted()
    {
        Assert.Equal(300, ImuCsv.Read(new StringReader(Walk()), "walk.csv").Count);
    }

    [Fact]
    public void AnAccelerationBeyondTheSensorsRangeIsRefusedWithLineAndColumn()
    {
        RecordingFormatException e = Fails($"{Header}\n0,1,0,0,0,0,0\n0.01,1,1e300,0,0,0,0\n");
        Assert.Equal("walk.csv:3:3: acc_y_g 1E+300 is beyond what the sensor can measure (±16 g); is the file in other units?", e.Message);
    }

    [Fact]
    public void AnAngularRateBeyondTheSensorsRangeIsRefused()
    {
        RecordingFormatException e = Fails($"{Header}\n0,1,0,0,0,0,0\n0.01,1,0,0,0,0,-2500\n");
        Assert.Equal((3, 7), (e.Line, e.Column));
        Assert.Contains("±2000 °/s", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileInMetresPerSecondSquaredIsRefused()
    {
        RecordingFormatException e = Fails(Walk(accScale: 9.80665));
        Assert.Contains("looks like m/s²", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileInRadiansPerSecondIsRefused()
    {
        RecordingFormatException e = Fails(Walk(rateScale: Math.PI / 180));
        Assert.Contains("looks like rad/s", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1000000")]
    [InlineData("100000000")]
    public void ALongGapIsRefusedWhereItIs(string gapEnd)
    {
        RecordingFormatException e = Fails($"{Header}\n0,1,0,0,0,0,0\n0.01,1,0,0,0,0,0\n{gapEnd},1,0,0,0,0,0\n");
        Assert.Equal((4, 1), (e.Line, e.Column));
        Assert.Contains("split the recording there", e.Message, StringComparison.Ordinal);
    }
}
