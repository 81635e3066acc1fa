using System.CommandLine;
using System.Globalization;
using LumbarBand.Host.Store;

namespace LumbarBand.Cli.Commands;

/// <summary><c>lumbarband store check|backup</c>: SQLite's integrity check of a store, and an online backup of it.</summary>
public static class StoreCommand
{
    /// <summary>Builds the command with its two subcommands.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        return new Command("store", "Check a store's database, or back it up.")
        {
            Check(output, error),
            Backup(output, error),
        };
    }

    private static Command Check(TextWriter output, TextWriter error)
    {
        var stores = new StoreOptions();
        var command = new Command("check", "Run SQLite's integrity check on the store (reads only).");
        stores.AddTo(command);
        command.SetAction((parse, cancellationToken) => HostCommand.RunAsync(error, "store check", () =>
        {
            using SessionStore store = stores.Open(parse, readOnly: true);
            IReadOnlyList<string> problems = store.CheckIntegrity();
            if (problems.Count == 0)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{store.DatabasePath}: intact (SQLite integrity check: ok); {store.Sessions(includeHidden: true).Count} session(s), schema version {store.SchemaVersion}"));
                return Task.FromResult(ExitCodes.Ok);
            }

            error.WriteLine($"store check: {store.DatabasePath} is damaged; SQLite found:");
            foreach (string problem in problems)
            {
                error.WriteLine("  " + problem);
            }

            error.WriteLine("store check: it was left untouched; restore a backup, or copy it aside before anything else");
            return Task.FromResult(ExitCodes.BadInput);
        }));
        return command;
    }

    private static Command Backup(TextWriter output, TextWriter error)
    {
        var stores = new StoreOptions();
        var outPath = new Option<string?>("--out") { Description = "the backup file to write (never overwritten); default: backups/lumbarband-DATE-TIME.db in the store's folder" };
        var command = new Command("backup", "Copy the store to a new file with SQLite's online backup (safe while it is in use).") { outPath };
        stores.AddTo(command);
        command.SetAction((parse, cancellationToken) => HostCommand.RunAsync(error, "store backup", () =>
        {
            using SessionStore store = stores.Open(parse, readOnly: true);
            string target = parse.GetValue(outPath)
                ?? Path.Combine(store.DataDirectory, "backups", "lumbarband-" + DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + ".db");
            store.BackupTo(target);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"backed up {store.Sessions(includeHidden: true).Count} session(s) from {store.DatabasePath} to {Path.GetFullPath(target)}"));
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
