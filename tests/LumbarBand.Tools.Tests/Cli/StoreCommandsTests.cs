using System.Text.Json;
using LumbarBand.Cli.Commands;
using static LumbarBand.Tools.Tests.Cli.CliRun;

namespace LumbarBand.Tools.Tests.Cli;

/// <summary>Profiles, deleting, hiding and annotating sessions, and the store's check and backup, through the command line.</summary>
public sealed class StoreCommandsTests : IClassFixture<DemoStore>, IDisposable
{
    /// <summary>Sessions the demo stores: its simulated walk and the walks under its walking plan.</summary>
    private static readonly int Walks = 1 + LumbarBand.Host.Demo.DemoRunner.PlannedWalkDays.Length;

    private readonly DemoStore _demo;
    private readonly string _dir = Directory.CreateTempSubdirectory("lumbarband-store-").FullName;

    public StoreCommandsTests(DemoStore demo)
    {
        _demo = demo;
        Assert.True(demo.Code == 0, demo.Error);
        demo.CopyTo(_dir);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string[] Demo(params string[] args) => [.. args, "--data-dir", _dir, "--profile", "demo"];

    [Fact]
    public void DemoStoresItsSimulatedWalkInItsOwnProfileApartFromTheWearers()
    {
        Assert.Contains(Path.Combine("profiles", "demo", "lumbarband.db"), _demo.Output, StringComparison.Ordinal);
        (int code, string output, _) = Run("sessions", "--data-dir", _dir);
        Assert.Equal(0, code);
        Assert.Contains("0 session(s)", output, StringComparison.Ordinal);

        (code, output, _) = Run(Demo("sessions"));
        Assert.Equal(0, code);
        Assert.Contains("SIMULATED", output, StringComparison.Ordinal);
        Assert.Contains($"{Walks} session(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AProfileNameThatIsNotANameIsRefused()
    {
        (int code, _, string err) = Run("sessions", "--data-dir", _dir, "--profile", "../other");
        Assert.Equal(ExitCodes.BadOption, code);
        Assert.Contains("--profile '../other' is not a name", err, StringComparison.Ordinal);
    }

    [Fact]
    public void DeleteAsksFirstAndOnlyYesDeletes()
    {
        (int code, string output, string err) = RunWithInput(null, Demo("sessions", "delete", "1"));
        Assert.Equal(ExitCodes.BadOption, code);
        Assert.Contains("add --yes", err, StringComparison.Ordinal);

        (code, output, _) = RunWithInput("n\n", Demo("sessions", "delete", "1"));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("This cannot be undone", output, StringComparison.Ordinal);
        Assert.Contains($"{Walks} session(s)", Run(Demo("sessions")).Out, StringComparison.Ordinal);

        (code, output, _) = RunWithInput("yes\n", Demo("sessions", "delete", "1"));
        Assert.Equal(0, code);
        Assert.Contains("deleted", output, StringComparison.Ordinal);
        Assert.Contains($"{Walks - 1} session(s)", Run(Demo("sessions", "--all")).Out, StringComparison.Ordinal);
    }

    [Fact]
    public void AHiddenSessionLeavesTheListingAndTheReportUntilShownAgain()
    {
        Assert.Equal(0, Run(Demo("sessions", "hide", "1", "--yes")).Code);
        Assert.Contains($"{Walks - 1} session(s)", Run(Demo("sessions")).Out, StringComparison.Ordinal);
        Assert.Contains("hidden", Run(Demo("sessions", "--all")).Out, StringComparison.Ordinal);
        Assert.Contains($"report of {Walks - 1} session(s)", Run(Demo("report")).Out, StringComparison.Ordinal);

        Assert.Equal(0, Run(Demo("sessions", "unhide", "1", "--yes")).Code);
        Assert.Contains($"{Walks} session(s)", Run(Demo("sessions")).Out, StringComparison.Ordinal);
    }

    [Fact]
    public void AnnotateKeepsAPainIntensityAndANoteForAMarkerAndTheExportCarriesThem()
    {
        Assert.Equal(0, Run(Demo("sessions", "annotate", "1", "--marker", "1", "--pain", "6", "--note", "after the hill")).Code);
        (int code, _, string err) = Run(Demo("sessions", "annotate", "1", "--marker", "2", "--pain", "3"));
        Assert.Equal(2, code);
        Assert.Contains("has 1 pain marker(s); --marker 2 is not one of them", err, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadOption, Run(Demo("sessions", "annotate", "1", "--pain", "-5")).Code);

        string target = Path.Combine(_dir, "out");
        Assert.Equal(0, Run(Demo("export", "--format", "json", "--out", target)).Code);
        string json = File.ReadAllText(Directory.GetFiles(target, "*.json").Single());
        using JsonDocument doc = JsonDocument.Parse(json);
        JsonElement session = doc.RootElement.GetProperty("sessions")[0];
        Assert.True(session.GetProperty("simulated").GetBoolean());
        JsonElement note = Assert.Single(session.GetProperty("annotations").EnumerateArray());
        Assert.Equal(1, note.GetProperty("pain_marker").GetInt32());
        Assert.Equal(6, note.GetProperty("pain_0_10").GetInt32());
        Assert.Equal("after the hill", note.GetProperty("note").GetString());
    }

    [Fact]
    public void BackupMakesAnIntactCopyAndNeverOverwrites()
    {
        string backup = Path.Combine(_dir, "copy.db");
        (int code, string output, string err) = Run(Demo("store", "backup", "--out", backup));
        Assert.True(code == 0, err);
        Assert.Contains($"backed up {Walks} session(s)", output, StringComparison.Ordinal);

        string restored = Path.Combine(_dir, "restored", "profiles", "demo");
        Directory.CreateDirectory(restored);
        File.Copy(backup, Path.Combine(restored, "lumbarband.db"));
        (code, output, _) = Run("store", "check", "--data-dir", Path.Combine(_dir, "restored"), "--profile", "demo");
        Assert.Equal(0, code);
        Assert.Contains($"intact (SQLite integrity check: ok); {Walks} session(s)", output, StringComparison.Ordinal);

        (code, _, err) = Run(Demo("store", "backup", "--out", backup));
        Assert.Equal(2, code);
        Assert.Contains("never overwrites", err, StringComparison.Ordinal);
    }

    [Fact]
    public void ACorruptDatabaseIsNamedCorruptNotUnwritable()
    {
        string db = Path.Combine(_dir, "profiles", "demo", "lumbarband.db");
        foreach (string side in new[] { db + "-wal", db + "-shm" })
        {
            File.Delete(side);
        }

        byte[] bytes = File.ReadAllBytes(db);
        bytes.AsSpan(0, 16).Fill(0x5A); // the header: "SQLite format 3" no more
        File.WriteAllBytes(db, bytes);

        foreach (string command in new[] { "sessions", "store check" })
        {
            (int code, _, string err) = Run(Demo(command.Split(' ')));
            Assert.Equal(2, code);
            Assert.Contains("is corrupt", err, StringComparison.Ordinal);
            Assert.DoesNotContain("make it writable", err, StringComparison.Ordinal);
        }

        Assert.Equal(bytes, File.ReadAllBytes(db));
    }
}
