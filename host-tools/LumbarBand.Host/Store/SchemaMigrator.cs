using System.Globalization;
using Microsoft.Data.Sqlite;

namespace LumbarBand.Host.Store;

/// <summary>Brings a database to a schema version by running <see cref="StoreMigrations"/> steps it lacks, in order.</summary>
public static class SchemaMigrator
{
    /// <summary>The version <paramref name="connection"/>'s database has (0: empty).</summary>
    public static int CurrentVersion(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using SqliteCommand exists = connection.CreateCommand();
        exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'";
        if (Convert.ToInt64(exists.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
        {
            return 0;
        }

        using SqliteCommand read = connection.CreateCommand();
        read.CommandText = "SELECT max(version) FROM schema_version";
        object? version = read.ExecuteScalar();
        return version is null or DBNull ? 0 : Convert.ToInt32(version, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Runs every step above the database's version up to <paramref name="targetVersion"/> (default: the latest).
    /// Returns the steps run. A database newer than this host throws <see cref="StoreUnavailableException"/>.
    /// </summary>
    public static int Migrate(SqliteConnection connection, int? targetVersion = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        int target = targetVersion ?? StoreMigrations.Latest;
        using (SqliteCommand create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_utc TEXT NOT NULL, description TEXT NOT NULL)";
            create.ExecuteNonQuery();
        }

        int current = CurrentVersion(connection);
        if (current > StoreMigrations.Latest)
        {
            throw new StoreUnavailableException(string.Create(CultureInfo.InvariantCulture,
                $"the database {connection.DataSource} has schema version {current}, made by a newer lumbarband (this one knows up to {StoreMigrations.Latest}): update lumbarband, or use another --data-dir"));
        }

        int ran = 0;
        foreach (StoreMigration step in StoreMigrations.All)
        {
            if (step.Version <= current || step.Version > target)
            {
                continue;
            }

            using SqliteTransaction transaction = connection.BeginTransaction();
            using (SqliteCommand command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = step.Sql;
                command.ExecuteNonQuery();
            }

            using (SqliteCommand record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_version (version, applied_utc, description) VALUES ($v, $t, $d)";
                record.Parameters.AddWithValue("$v", step.Version);
                record.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
                record.Parameters.AddWithValue("$d", step.Description);
                record.ExecuteNonQuery();
            }

            transaction.Commit();
            ran++;
        }

        return ran;
    }
}
