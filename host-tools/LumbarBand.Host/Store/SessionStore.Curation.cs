using System.Globalization;
using LumbarBand.Host.Sessions;
using Microsoft.Data.Sqlite;

namespace LumbarBand.Host.Store;

/// <summary>What people do to stored sessions (hide, delete, annotate) and to the store itself (check, back up).</summary>
public sealed partial class SessionStore
{
    /// <summary>Deletes the session with row id <paramref name="rowId"/> and everything decoded or noted about it; false when there is none.</summary>
    public bool Delete(long rowId) => Guard(() =>
    {
        using SqliteCommand command = _connection.CreateCommand();
        command.CommandText = "DELETE FROM sessions WHERE id = $id";
        command.Parameters.AddWithValue("$id", rowId);
        return command.ExecuteNonQuery() > 0;
    });

    /// <summary>Hides (or shows again) a session: kept, but left out of listings, trends and reports; false when there is none.</summary>
    public bool SetHidden(long rowId, bool hidden) => Guard(() =>
    {
        using SqliteCommand command = _connection.CreateCommand();
        command.CommandText = "UPDATE sessions SET hidden = $h WHERE id = $id";
        command.Parameters.AddWithValue("$id", rowId);
        command.Parameters.AddWithValue("$h", hidden ? 1 : 0);
        return command.ExecuteNonQuery() > 0;
    });

    /// <summary>
    /// Adds a pain intensity and/or a note to session <paramref name="rowId"/>: to its pain marker number
    /// <paramref name="marker"/> (1-based) or, when null, to the whole walk. Throws <see cref="LumbarBandException"/>
    /// naming what is wrong (no such session or marker, intensity outside 0–10, nothing given).
    /// </summary>
    public void Annotate(long rowId, int? marker, int? pain, string? note)
    {
        StoredSession session = Find(rowId) ?? throw new LumbarBandException(
            string.Create(CultureInfo.InvariantCulture, $"no stored session with row id {rowId} (see `lumbarband sessions --all`)"));
        if (pain is null && string.IsNullOrWhiteSpace(note))
        {
            throw new LumbarBandException("give a pain intensity (--pain 0-10), a note (--note TEXT), or both");
        }

        if (pain is int p && (p < SessionAnnotation.MinPain || p > SessionAnnotation.MaxPain))
        {
            throw new LumbarBandException(string.Create(CultureInfo.InvariantCulture, $"pain intensity {p} is outside 0..10"));
        }

        int markers = session.Decoded?.Events.Count(e => e.Kind == SessionEventKind.PainMarker) ?? 0;
        if (marker is int m && (m < 1 || m > markers))
        {
            throw new LumbarBandException(string.Create(CultureInfo.InvariantCulture,
                $"session {session.Key} has {markers} pain marker(s); --marker {m} is not one of them"));
        }

        Guard(() =>
        {
            using SqliteCommand command = _connection.CreateCommand();
            command.CommandText = "INSERT INTO annotations (session_row, marker, pain, note, created_utc) VALUES ($row, $marker, $pain, $note, $now)";
            command.Parameters.AddWithValue("$row", rowId);
            command.Parameters.AddWithValue("$marker", Nullable(marker));
            command.Parameters.AddWithValue("$pain", Nullable(pain));
            command.Parameters.AddWithValue("$note", string.IsNullOrWhiteSpace(note) ? DBNull.Value : note.Trim());
            command.Parameters.AddWithValue("$now", Now());
            return command.ExecuteNonQuery();
        });
    }

    /// <summary>SQLite's own integrity check of the whole database: empty when it is intact, else what SQLite found.</summary>
    public IReadOnlyList<string> CheckIntegrity()
    {
        using SqliteCommand command = _connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        var problems = new List<string>();
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            string line = reader.GetString(0);
            if (line != "ok")
            {
                problems.Add(line);
            }
        }

        return problems;
    }

    /// <summary>
    /// Copies the database to a new file <paramref name="path"/> with SQLite's online backup (consistent even while a
    /// download writes). Never overwrites: an existing file is an error.
    /// </summary>
    public void BackupTo(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string target = Path.GetFullPath(path);
        if (File.Exists(target))
        {
            throw new LumbarBandException($"{target} exists: a backup never overwrites a file; choose another --out");
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ConnectionString);
            destination.Open();
            _connection.BackupDatabase(destination);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SqliteException)
        {
            throw new LumbarBandException($"cannot write the backup {target}: {e.Message}", e);
        }
    }

    private List<SessionAnnotation> ReadAnnotations(long rowId)
    {
        using SqliteCommand command = _connection.CreateCommand();
        command.CommandText = "SELECT marker, pain, note, created_utc FROM annotations WHERE session_row = $id ORDER BY id";
        command.Parameters.AddWithValue("$id", rowId);
        var annotations = new List<SessionAnnotation>();
        using SqliteDataReader r = command.ExecuteReader();
        while (r.Read())
        {
            annotations.Add(new SessionAnnotation
            {
                Marker = r.IsDBNull(0) ? null : r.GetInt32(0),
                Pain = r.IsDBNull(1) ? null : r.GetInt32(1),
                Note = r.IsDBNull(2) ? null : r.GetString(2),
                CreatedUtc = ParseIso(r.GetString(3)),
            });
        }

        return annotations;
    }
}
