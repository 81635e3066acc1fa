using System.Globalization;
using LumbarBand.Core.Cueing;
using LumbarBand.Core.Protocol;
using LumbarBand.Core.Storage;
using LumbarBand.Host.Sessions;
using Microsoft.Data.Sqlite;

namespace LumbarBand.Host.Store;

/// <summary>
/// The host's SQLite database of downloaded sessions (<see cref="StoreMigrations"/> has the schema). Keeps every
/// session's raw bytes beside what a decoder made of them, so a newer host can decode them again
/// (<see cref="Redecode"/>). Importing is idempotent on (device id, session id, CRC-32), and a commit is durable
/// (WAL, synchronous=FULL) before <see cref="Import"/> returns: the band is acknowledged only after that.
/// </summary>
public sealed partial class SessionStore : IDisposable
{
    /// <summary>The database's file name inside the data directory.</summary>
    public const string DatabaseFileName = "lumbarband.db";

    /// <summary>The tables holding what a decoder made of a session (rebuilt by <see cref="Redecode"/>).</summary>
    private static readonly string[] DecodedTables = ["epochs", "events", "bouts"];

    private readonly SqliteConnection _connection;
    private readonly SessionDecoders _decoders;

    private SessionStore(string dataDirectory, SqliteConnection connection, SessionDecoders decoders)
    {
        DataDirectory = dataDirectory;
        DatabasePath = Path.Combine(dataDirectory, DatabaseFileName);
        _connection = connection;
        _decoders = decoders;
    }

    /// <summary>The folder of the database.</summary>
    public string DataDirectory { get; }

    /// <summary>The database file.</summary>
    public string DatabasePath { get; }

    /// <summary>The schema version of the open database.</summary>
    public int SchemaVersion => SchemaMigrator.CurrentVersion(_connection);

    /// <summary>
    /// Opens (creating and migrating as needed) the store in <paramref name="dataDirectory"/>, decoding with
    /// <paramref name="decoders"/> (default: <see cref="SessionDecoders.Default"/>). Throws
    /// <see cref="StoreUnavailableException"/> when the folder or database cannot be written, or was made by a newer
    /// lumbarband, and <see cref="StoreCorruptException"/> when the file is not an intact database (it is left as it is).
    /// With <paramref name="readOnly"/> the database must exist and nothing is ever written to it.
    /// </summary>
    public static SessionStore Open(string dataDirectory, SessionDecoders? decoders = null, bool readOnly = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        string directory = Path.GetFullPath(dataDirectory);
        string databasePath = Path.Combine(directory, DatabaseFileName);
        if (readOnly && !File.Exists(databasePath))
        {
            throw new StoreUnavailableException($"there is no database at {databasePath} yet (run `lumbarband download` or `lumbarband demo`)");
        }

        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw NotWritable(directory, e);
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            ForeignKeys = true,
        };
        var connection = new SqliteConnection(builder.ConnectionString);
        try
        {
            connection.Open();
            // Read the header before anything can write: a file that is not an intact database is named, not "fixed".
            Execute(connection, "SELECT count(*) FROM sqlite_schema");
            if (!readOnly)
            {
                Execute(connection, "PRAGMA journal_mode = WAL");
                Execute(connection, "PRAGMA synchronous = FULL");
                SchemaMigrator.Migrate(connection);
            }
        }
        catch (SqliteException e) when (IsCorruption(e))
        {
            connection.Dispose();
            throw Corrupt(databasePath, e);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw NotWritable(directory, e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return new SessionStore(directory, connection, decoders ?? SessionDecoders.Default);
    }

    /// <summary>Records (or refreshes) what the band said about itself.</summary>
    public void UpsertDevice(string deviceId, DeviceInfo info) => Guard(() =>
    {
        ArgumentNullException.ThrowIfNull(info);
        string now = Now();
        using SqliteCommand command = _connection.CreateCommand();
        command.CommandText = """
            INSERT INTO devices (device_id, serial, firmware, hardware_revision, protocol, first_seen_utc, last_seen_utc)
            VALUES ($id, $serial, $firmware, $hardware, $protocol, $now, $now)
            ON CONFLICT (device_id) DO UPDATE SET firmware = $firmware, hardware_revision = $hardware, protocol = $protocol, last_seen_utc = $now
            """;
        command.Parameters.AddWithValue("$id", deviceId);
        command.Parameters.AddWithValue("$serial", (long)info.SerialNumber);
        command.Parameters.AddWithValue("$firmware", Sync.DeviceIdentity.FirmwareVersion(info));
        command.Parameters.AddWithValue("$hardware", (int)info.HardwareRevision);
        command.Parameters.AddWithValue("$protocol", string.Create(CultureInfo.InvariantCulture, $"{info.ProtocolMajor}.{info.ProtocolMinor}"));
        command.Parameters.AddWithValue("$now", now);
        command.ExecuteNonQuery();
        return 0;
    });

    /// <summary>True when the store holds session <paramref name="sessionId"/> of <paramref name="deviceId"/> with CRC <paramref name="crc"/>.</summary>
    public bool Contains(string deviceId, uint sessionId, uint crc)
    {
        using SqliteCommand command = _connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sessions WHERE device_id = $d AND session_id = $s AND crc32 = $c";
        command.Parameters.AddWithValue("$d", deviceId);
        command.Parameters.AddWithValue("$s", (long)sessionId);
        command.Parameters.AddWithValue("$c", (long)crc);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>
    /// Stores a downloaded session (its raw bytes, and what a decoder makes of them) in one durable transaction,
    /// unless the store already holds it. The band must already have been recorded with <see cref="UpsertDevice"/>.
    /// </summary>
    public ImportOutcome Import(string deviceId, SessionInfo entry, byte[] raw, string source) => Guard(() =>
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(raw);
        if (raw.Length != entry.Length || Crc32C.Compute(raw, 0, raw.Length) != entry.Crc)
        {
            throw new ArgumentException("the bytes are not the session the entry describes (length or CRC differ)", nameof(raw));
        }

        (ISessionDecoder? decoder, DecodedSession? decoded, string? error) = TryDecode(raw);
        using SqliteTransaction transaction = _connection.BeginTransaction();
        long rowId;
        using (SqliteCommand insert = _connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO sessions (device_id, session_id, crc32, length, start_utc, downloaded_utc, source, raw)
                VALUES ($d, $s, $c, $l, $start, $now, $source, $raw)
                ON CONFLICT (device_id, session_id, crc32) DO NOTHING
                RETURNING id
                """;
            insert.Parameters.AddWithValue("$d", deviceId);
            insert.Parameters.AddWithValue("$s", (long)entry.Id);
            insert.Parameters.AddWithValue("$c", (long)entry.Crc);
            insert.Parameters.AddWithValue("$l", entry.Length);
            DateTimeOffset? start = decoded?.Header.StartUtc
                ?? (entry.StartUtcSeconds != 0 ? DateTimeOffset.FromUnixTimeSeconds(entry.StartUtcSeconds) : null);
            insert.Parameters.AddWithValue("$start", start is DateTimeOffset s ? Iso(s) : DBNull.Value);
            insert.Parameters.AddWithValue("$now", Now());
            insert.Parameters.AddWithValue("$source", source);
            insert.Parameters.AddWithValue("$raw", raw);
            object? id = insert.ExecuteScalar();
            if (id is null or DBNull)
            {
                return ImportOutcome.AlreadyStored;
            }

            rowId = Convert.ToInt64(id, CultureInfo.InvariantCulture);
        }

        WriteDecoded(transaction, rowId, decoder, decoded, error);
        transaction.Commit();
        return ImportOutcome.Imported;
    });

    /// <summary>Keeps the bytes of an interrupted download (replacing an older partial of the same session).</summary>
    public void SavePartial(PartialDownload partial) => Guard(() =>
    {
        ArgumentNullException.ThrowIfNull(partial);
        using SqliteCommand command = _connection.CreateCommand();
        command.CommandText = """
            INSERT OR REPLACE INTO partial_downloads (device_id, session_id, length, crc32, received, bytes, updated_utc)
            VALUES ($d, $s, $l, $c, $r, $b, $now)
            """;
        command.Parameters.AddWithValue("$d", partial.DeviceId);
        command.Parameters.AddWithValue("$s", (long)partial.SessionId);
        command.Parameters.AddWithValue("$l", partial.Length);
        command.Parameters.AddWithValue("$c", (long)partial.Crc);
        command.Parameters.AddWithValue("$r", partial.Received);
        command.Parameters.AddWithValue("$b", partial.Bytes.AsSpan(0, partial.Received).ToArray());
        command.Parameters.AddWithValue("$now", Now());
        command.ExecuteNonQuery();
        return 0;
    });

    /// <summary>The interrupted download of a session, if one is kept.</summary>
    public PartialDownload? LoadPartial(string deviceId, uint sessionId)
    {
        using SqliteCommand command = _connection.CreateCommand();
        command.CommandText = "SELECT length, crc32, received, bytes FROM partial_downloads WHERE device_id = $d AND session_id = $s";
        command.Parameters.AddWithValue("$d", deviceId);
        command.Parameters.AddWithValue("$s", (long)sessionId);
        using SqliteDataReader reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        int length = reader.GetInt32(0);
        int received = reader.GetInt32(2);
        byte[] held = (byte[])reader.GetValue(3);
        if (received > length || held.Length < received)
        {
            return null;
        }

        var bytes = new byte[length];
        held.AsSpan(0, received).CopyTo(bytes);
        return new PartialDownload(deviceId, sessionId, length, (uint)reader.GetInt64(1), bytes, received);
    }

    /// <summary>Forgets the interrupted download of a session (it was completed, or the session changed).</summary>
    public void DeletePartial(string deviceId, uint sessionId) => Guard(() =>
    {
        using SqliteCommand command = _connection.CreateCommand();
        command.CommandText = "DELETE FROM partial_downloads WHERE device_id = $d AND session_id = $s";
        command.Parameters.AddWithValue("$d", deviceId);
        command.Parameters.AddWithValue("$s", (long)sessionId);
        return command.ExecuteNonQuery();
    });

    /// <summary>Number of sessions stored.</summary>
    public int SessionCount()
    {
        using SqliteCommand command = _connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sessions";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Every session (of <paramref name="deviceId"/>, when given), oldest first, decoded; hidden ones only with
    /// <paramref name="includeHidden"/>.
    /// </summary>
    public IReadOnlyList<StoredSession> Sessions(string? deviceId = null, bool includeHidden = false)
    {
        using SqliteCommand command = _connection.CreateCommand();
        command.CommandText = SelectSessions + " WHERE (hidden = 0 OR $all)" + (deviceId is null ? "" : " AND device_id = $d")
            + " ORDER BY coalesce(start_utc, downloaded_utc), device_id, session_id";
        command.Parameters.AddWithValue("$all", includeHidden);
        if (deviceId is not null)
        {
            command.Parameters.AddWithValue("$d", deviceId);
        }

        return ReadSessions(command);
    }

    /// <summary>The session with store row id <paramref name="rowId"/>, or null.</summary>
    public StoredSession? Find(long rowId)
    {
        using SqliteCommand command = _connection.CreateCommand();
        command.CommandText = SelectSessions + " WHERE id = $id";
        command.Parameters.AddWithValue("$id", rowId);
        List<StoredSession> found = ReadSessions(command);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>The raw bytes of the session with row id <paramref name="rowId"/>, exactly as the band sent them.</summary>
    public byte[] RawBytes(long rowId)
    {
        using SqliteCommand command = _connection.CreateCommand();
        command.CommandText = "SELECT raw FROM sessions WHERE id = $id";
        command.Parameters.AddWithValue("$id", rowId);
        return command.ExecuteScalar() as byte[] ?? throw new ArgumentException("no such session", nameof(rowId));
    }

    /// <summary>
    /// Decodes every stored session again from its raw bytes with this host's decoders (after an update that reads
    /// a format an older host could not). Raw bytes whose length or CRC-32C no longer match what was stored at download
    /// are damaged: their session keeps what it was decoded to before, and is named in the result.
    /// </summary>
    public RedecodeResult Redecode() => Guard(() =>
    {
        var rows = new List<(long Id, string Key, byte[] Raw, uint Crc, int Length)>();
        using (SqliteCommand command = _connection.CreateCommand())
        {
            command.CommandText = "SELECT id, device_id, session_id, raw, crc32, length FROM sessions";
            using SqliteDataReader reader = command.ExecuteReader();
            while (reader.Read())
            {
                string key = reader.GetString(1) + "/" + reader.GetInt64(2).ToString(CultureInfo.InvariantCulture);
                rows.Add((reader.GetInt64(0), key, (byte[])reader.GetValue(3), (uint)reader.GetInt64(4), reader.GetInt32(5)));
            }
        }

        int decodedCount = 0;
        var damaged = new List<string>();
        foreach ((long id, string key, byte[] raw, uint crc, int length) in rows)
        {
            uint actual = Crc32C.Compute(raw, 0, raw.Length);
            if (raw.Length != length || actual != crc)
            {
                damaged.Add(string.Create(CultureInfo.InvariantCulture,
                    $"row {id} ({key}): its stored bytes no longer match their checksum (CRC-32C {actual:x8}, stored {crc:x8}; {raw.Length} of {length} bytes): kept as it was decoded before; restore it from a backup or download it again"));
                continue;
            }

            (ISessionDecoder? decoder, DecodedSession? decoded, string? error) = TryDecode(raw);
            using SqliteTransaction transaction = _connection.BeginTransaction();
            foreach (string table in DecodedTables)
            {
                using SqliteCommand delete = _connection.CreateCommand();
                delete.Transaction = transaction;
                delete.CommandText = $"DELETE FROM {table} WHERE session_row = $id";
                delete.Parameters.AddWithValue("$id", id);
                delete.ExecuteNonQuery();
            }

            WriteDecoded(transaction, id, decoder, decoded, error);
            transaction.Commit();
            decodedCount += decoded is null ? 0 : 1;
        }

        return new RedecodeResult(decodedCount, rows.Count, damaged);
    });

    /// <inheritdoc/>
    public void Dispose()
    {
        _connection.Dispose();
    }

    private const string SelectSessions = """
        SELECT id, device_id, session_id, crc32, length, start_utc, downloaded_utc, source, decoder, decode_error,
               firmware, epoch_s, start_uptime_s, duration_s, steps, walking_min, mean_cadence_spm, cues, pain_markers,
               first_pain_s, walking_min_before_pain, first_cue_s, excessive_s, hidden, raw, format_version
        FROM sessions
        """;

    private static StoreUnavailableException NotWritable(string directory, Exception cause) => new(
        $"cannot use {directory} for the database: {cause.Message} — make it writable, or choose another folder with --data-dir", cause);

    /// <summary>SQLITE_CORRUPT (11) and SQLITE_NOTADB (26): the file's content is damaged, not its permissions.</summary>
    private static bool IsCorruption(SqliteException e) => e.SqliteErrorCode is 11 or 26;

    private static StoreCorruptException Corrupt(string databasePath, Exception cause) => new(
        $"the database {databasePath} is corrupt ({cause.Message}); it was left untouched. Keep a copy of it, then restore a backup (`lumbarband store backup` makes them) or move it aside to start an empty store; `lumbarband store check` lists what SQLite finds", cause);

    /// <summary>
    /// Runs a write, turning SQLite's "read-only" and "corrupt" into messages that say what to do; nothing is changed
    /// when it fails (each write is one transaction).
    /// </summary>
    private T Guard<T>(Func<T> write)
    {
        try
        {
            return write();
        }
        catch (SqliteException e) when (e.SqliteErrorCode == ReadOnlyErrorCode)
        {
            throw new StoreUnavailableException(
                $"the database {DatabasePath} is read-only ({e.Message}); nothing was changed. Make the file and its folder writable, or use another --profile or --data-dir", e);
        }
        catch (SqliteException e) when (IsCorruption(e))
        {
            throw Corrupt(DatabasePath, e);
        }
    }

    /// <summary>SQLITE_READONLY: the file, its folder or the connection does not allow writing.</summary>
    private const int ReadOnlyErrorCode = 8;

    private static void Execute(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Now() => Iso(DateTimeOffset.UtcNow);

    private static string Iso(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseIso(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static object Nullable(double? value) => value is double v ? v : DBNull.Value;

    private static object Nullable(int? value) => value is int v ? v : DBNull.Value;

    private static double? GetDouble(SqliteDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetDouble(column);

    private static int GetInt(SqliteDataReader reader, int column) => reader.IsDBNull(column) ? 0 : reader.GetInt32(column);

    private (ISessionDecoder? Decoder, DecodedSession? Decoded, string? Error) TryDecode(byte[] raw)
    {
        ISessionDecoder? decoder = _decoders.Find(raw);
        if (decoder is null)
        {
            return (null, null, "no decoder of this lumbarband recognizes the session's format (a newer firmware?): update lumbarband and run `lumbarband sessions --redecode`; the raw bytes are kept");
        }

        try
        {
            return (decoder, decoder.Decode(raw), null);
        }
        catch (SessionFormatException e)
        {
            return (null, null, decoder.Name + ": " + e.Message);
        }
    }

    private void WriteDecoded(SqliteTransaction transaction, long rowId, ISessionDecoder? decoder, DecodedSession? decoded, string? error)
    {
        using (SqliteCommand update = _connection.CreateCommand())
        {
            update.Transaction = transaction;
            update.CommandText = """
                UPDATE sessions SET decoder = $decoder, decode_error = $error, firmware = $firmware, epoch_s = $epoch,
                    start_uptime_s = $uptime, duration_s = $duration, steps = $steps, walking_min = $walking,
                    mean_cadence_spm = $cadence, cues = $cues, pain_markers = $pain, first_pain_s = $firstPain,
                    walking_min_before_pain = $beforePain, first_cue_s = $firstCue, excessive_s = $excessive,
                    format_version = $format, start_utc = coalesce($start, start_utc)
                WHERE id = $id
                """;
            SessionTotals? t = decoded?.Totals;
            SessionHeader? h = decoded?.Header;
            update.Parameters.AddWithValue("$id", rowId);
            update.Parameters.AddWithValue("$decoder", decoder is null ? DBNull.Value : decoder.Name);
            update.Parameters.AddWithValue("$error", error is null ? DBNull.Value : error);
            update.Parameters.AddWithValue("$firmware", h is null ? DBNull.Value : h.FirmwareVersion);
            update.Parameters.AddWithValue("$epoch", h is null ? DBNull.Value : h.EpochSeconds);
            update.Parameters.AddWithValue("$format", h is null ? DBNull.Value : h.FormatVersion);
            update.Parameters.AddWithValue("$uptime", Nullable(h?.StartUptimeSeconds));
            update.Parameters.AddWithValue("$start", h?.StartUtc is DateTimeOffset s ? Iso(s) : DBNull.Value);
            update.Parameters.AddWithValue("$duration", Nullable(t?.DurationSeconds));
            update.Parameters.AddWithValue("$steps", Nullable(t?.Steps));
            update.Parameters.AddWithValue("$walking", Nullable(t?.WalkingMinutes));
            update.Parameters.AddWithValue("$cadence", Nullable(t?.MeanCadenceSpm));
            update.Parameters.AddWithValue("$cues", Nullable(t?.Cues));
            update.Parameters.AddWithValue("$pain", Nullable(t?.PainMarkers));
            update.Parameters.AddWithValue("$firstPain", Nullable(t?.FirstPainSeconds));
            update.Parameters.AddWithValue("$beforePain", Nullable(t?.WalkingMinutesBeforePain));
            update.Parameters.AddWithValue("$firstCue", Nullable(t?.FirstCueSeconds));
            update.Parameters.AddWithValue("$excessive", Nullable(t?.ExcessiveMotionSeconds));
            update.ExecuteNonQuery();
        }

        if (decoded is null)
        {
            return;
        }

        foreach (SessionEpoch e in decoded.Epochs)
        {
            using SqliteCommand insert = _connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO epochs (session_row, idx, start_s, duration_s, steps, walking_s, cadence_spm,
                    flexion_mean_deg, flexion_max_deg, lateral_mean_deg, lateral_max_deg,
                    sway_ml_mean_deg, sway_ml_max_deg, sway_ap_mean_deg, sway_ap_max_deg, sway_rotation_mean_deg, sway_rotation_max_deg,
                    excessive_flexion_s, excessive_lateral_s, excessive_sway_s, flexion_cues, lateral_cues, sway_cues,
                    pain_markers, battery_percent, speed_mps, stride_length_m)
                VALUES ($row, $idx, $start, $duration, $steps, $walking, $cadence, $fm, $fx, $lm, $lx,
                    $sml, $smlx, $sap, $sapx, $srot, $srotx, $ef, $el, $es, $cf, $cl, $cs, $pain, $battery, $speed, $stride)
                """;
            insert.Parameters.AddWithValue("$row", rowId);
            insert.Parameters.AddWithValue("$idx", e.Index);
            insert.Parameters.AddWithValue("$start", e.StartSeconds);
            insert.Parameters.AddWithValue("$duration", e.DurationSeconds);
            insert.Parameters.AddWithValue("$steps", e.Steps);
            insert.Parameters.AddWithValue("$walking", e.WalkingSeconds);
            insert.Parameters.AddWithValue("$cadence", Nullable(e.CadenceSpm));
            insert.Parameters.AddWithValue("$fm", Nullable(e.FlexionMeanDegrees));
            insert.Parameters.AddWithValue("$fx", Nullable(e.FlexionMaxDegrees));
            insert.Parameters.AddWithValue("$lm", Nullable(e.LateralBendMeanDegrees));
            insert.Parameters.AddWithValue("$lx", Nullable(e.LateralBendMaxDegrees));
            insert.Parameters.AddWithValue("$sml", Nullable(e.SwayMediolateralMeanDegrees));
            insert.Parameters.AddWithValue("$smlx", Nullable(e.SwayMediolateralMaxDegrees));
            insert.Parameters.AddWithValue("$sap", Nullable(e.SwayAnteroposteriorMeanDegrees));
            insert.Parameters.AddWithValue("$sapx", Nullable(e.SwayAnteroposteriorMaxDegrees));
            insert.Parameters.AddWithValue("$srot", Nullable(e.SwayRotationMeanDegrees));
            insert.Parameters.AddWithValue("$srotx", Nullable(e.SwayRotationMaxDegrees));
            insert.Parameters.AddWithValue("$ef", e.ExcessiveFlexionSeconds);
            insert.Parameters.AddWithValue("$el", e.ExcessiveLateralSeconds);
            insert.Parameters.AddWithValue("$es", e.ExcessiveSwaySeconds);
            insert.Parameters.AddWithValue("$cf", e.FlexionCues);
            insert.Parameters.AddWithValue("$cl", e.LateralCues);
            insert.Parameters.AddWithValue("$cs", e.SwayCues);
            insert.Parameters.AddWithValue("$pain", e.PainMarkers);
            insert.Parameters.AddWithValue("$battery", Nullable(e.BatteryPercent));
            insert.Parameters.AddWithValue("$speed", Nullable(e.SpeedMps));
            insert.Parameters.AddWithValue("$stride", Nullable(e.StrideLengthM));
            insert.ExecuteNonQuery();
        }

        WriteBouts(transaction, rowId, decoded.Bouts);

        for (int i = 0; i < decoded.Events.Count; i++)
        {
            SessionEvent e = decoded.Events[i];
            using SqliteCommand insert = _connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO events (session_row, idx, offset_s, kind, rule, value) VALUES ($row, $idx, $offset, $kind, $rule, $value)";
            insert.Parameters.AddWithValue("$row", rowId);
            insert.Parameters.AddWithValue("$idx", i);
            insert.Parameters.AddWithValue("$offset", e.OffsetSeconds);
            insert.Parameters.AddWithValue("$kind", e.Kind.ToString());
            insert.Parameters.AddWithValue("$rule", e.Rule.ToString());
            insert.Parameters.AddWithValue("$value", e.Value);
            insert.ExecuteNonQuery();
        }
    }

    private void WriteBouts(SqliteTransaction transaction, long rowId, IReadOnlyList<WalkingBout> bouts)
    {
        for (int i = 0; i < bouts.Count; i++)
        {
            WalkingBout b = bouts[i];
            using SqliteCommand insert = _connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO bouts (session_row, idx, start_s, duration_s, steps, cadence_spm, speed_mps, stride_length_m,
                    step_time_cv_pct, stride_time_cv_pct, step_time_asymmetry_pct, stride_regularity, excessive_posture_s, cues)
                VALUES ($row, $idx, $start, $duration, $steps, $cadence, $speed, $stride, $stepCv, $strideCv, $asymmetry, $regularity, $excessive, $cues)
                """;
            insert.Parameters.AddWithValue("$row", rowId);
            insert.Parameters.AddWithValue("$idx", i);
            insert.Parameters.AddWithValue("$start", b.StartSeconds);
            insert.Parameters.AddWithValue("$duration", b.DurationSeconds);
            insert.Parameters.AddWithValue("$steps", b.Steps);
            insert.Parameters.AddWithValue("$cadence", Nullable(b.CadenceSpm));
            insert.Parameters.AddWithValue("$speed", Nullable(b.SpeedMps));
            insert.Parameters.AddWithValue("$stride", Nullable(b.StrideLengthM));
            insert.Parameters.AddWithValue("$stepCv", Nullable(b.StepTimeCvPercent));
            insert.Parameters.AddWithValue("$strideCv", Nullable(b.StrideTimeCvPercent));
            insert.Parameters.AddWithValue("$asymmetry", Nullable(b.StepTimeAsymmetryPercent));
            insert.Parameters.AddWithValue("$regularity", Nullable(b.StrideRegularity));
            insert.Parameters.AddWithValue("$excessive", b.ExcessivePostureSeconds);
            insert.Parameters.AddWithValue("$cues", b.Cues);
            insert.ExecuteNonQuery();
        }
    }

    private List<WalkingBout> ReadBouts(long rowId)
    {
        using SqliteCommand command = _connection.CreateCommand();
        command.CommandText = """
            SELECT start_s, duration_s, steps, cadence_spm, speed_mps, stride_length_m, step_time_cv_pct, stride_time_cv_pct,
                step_time_asymmetry_pct, stride_regularity, excessive_posture_s, cues
            FROM bouts WHERE session_row = $id ORDER BY idx
            """;
        command.Parameters.AddWithValue("$id", rowId);
        var bouts = new List<WalkingBout>();
        using SqliteDataReader r = command.ExecuteReader();
        while (r.Read())
        {
            bouts.Add(new WalkingBout
            {
                StartSeconds = r.GetDouble(0),
                DurationSeconds = r.GetDouble(1),
                Steps = r.GetInt32(2),
                CadenceSpm = GetDouble(r, 3),
                SpeedMps = GetDouble(r, 4),
                StrideLengthM = GetDouble(r, 5),
                StepTimeCvPercent = GetDouble(r, 6),
                StrideTimeCvPercent = GetDouble(r, 7),
                StepTimeAsymmetryPercent = GetDouble(r, 8),
                StrideRegularity = GetDouble(r, 9),
                ExcessivePostureSeconds = r.GetDouble(10),
                Cues = r.GetInt32(11),
            });
        }

        return bouts;
    }

    private List<StoredSession> ReadSessions(SqliteCommand command)
    {
        var sessions = new List<StoredSession>();
        using (SqliteDataReader r = command.ExecuteReader())
        {
            while (r.Read())
            {
                string? decoder = r.IsDBNull(8) ? null : r.GetString(8);
                DateTimeOffset? start = r.IsDBNull(5) ? null : ParseIso(r.GetString(5));
                DecodedSession? decoded = null;
                if (decoder is not null)
                {
                    decoded = new DecodedSession
                    {
                        Header = new SessionHeader
                        {
                            SessionId = (uint)r.GetInt64(2),
                            StartUtc = start,
                            StartUptimeSeconds = GetDouble(r, 12) ?? 0,
                            FirmwareVersion = r.IsDBNull(10) ? "" : r.GetString(10),
                            EpochSeconds = GetInt(r, 11),
                            FormatVersion = GetInt(r, 25),
                        },
                        Epochs = [],
                        Events = [],
                        Totals = new SessionTotals
                        {
                            DurationSeconds = GetDouble(r, 13) ?? 0,
                            Steps = GetInt(r, 14),
                            WalkingMinutes = GetDouble(r, 15) ?? 0,
                            MeanCadenceSpm = GetDouble(r, 16),
                            Cues = GetInt(r, 17),
                            PainMarkers = GetInt(r, 18),
                            FirstPainSeconds = GetDouble(r, 19),
                            WalkingMinutesBeforePain = GetDouble(r, 20),
                            FirstCueSeconds = GetDouble(r, 21),
                            ExcessiveMotionSeconds = GetDouble(r, 22) ?? 0,
                        },
                    };
                }

                sessions.Add(new StoredSession
                {
                    RowId = r.GetInt64(0),
                    DeviceId = r.GetString(1),
                    SessionId = (uint)r.GetInt64(2),
                    Crc = (uint)r.GetInt64(3),
                    Length = r.GetInt32(4),
                    StartUtc = start,
                    DownloadedUtc = ParseIso(r.GetString(6)),
                    Source = r.GetString(7),
                    Decoder = decoder,
                    DecodeError = r.IsDBNull(9) ? null : r.GetString(9),
                    Decoded = decoded,
                    Hidden = r.GetInt64(23) != 0,
                    Settings = decoder is null ? [] : SessionSettings.Read((byte[])r.GetValue(24)),
                });
            }
        }

        for (int i = 0; i < sessions.Count; i++)
        {
            sessions[i] = sessions[i] with { Annotations = ReadAnnotations(sessions[i].RowId) };
            if (sessions[i].Decoded is DecodedSession d)
            {
                long row = sessions[i].RowId;
                sessions[i] = sessions[i] with { Decoded = d with { Epochs = ReadEpochs(row), Events = ReadEvents(row), Bouts = ReadBouts(row) } };
            }
        }

        return sessions;
    }

    private List<SessionEpoch> ReadEpochs(long rowId)
    {
        using SqliteCommand command = _connection.CreateCommand();
        command.CommandText = """
            SELECT idx, start_s, duration_s, steps, walking_s, cadence_spm, flexion_mean_deg, flexion_max_deg,
                lateral_mean_deg, lateral_max_deg, excessive_flexion_s, excessive_lateral_s,
                excessive_sway_s, flexion_cues, lateral_cues, sway_cues, pain_markers, battery_percent,
                sway_ml_mean_deg, sway_ml_max_deg, sway_ap_mean_deg, sway_ap_max_deg, sway_rotation_mean_deg, sway_rotation_max_deg,
                speed_mps, stride_length_m
            FROM epochs WHERE session_row = $id ORDER BY idx
            """;
        command.Parameters.AddWithValue("$id", rowId);
        var epochs = new List<SessionEpoch>();
        using SqliteDataReader r = command.ExecuteReader();
        while (r.Read())
        {
            epochs.Add(new SessionEpoch
            {
                Index = r.GetInt32(0),
                StartSeconds = r.GetDouble(1),
                DurationSeconds = r.GetDouble(2),
                Steps = r.GetInt32(3),
                WalkingSeconds = r.GetDouble(4),
                CadenceSpm = GetDouble(r, 5),
                FlexionMeanDegrees = GetDouble(r, 6),
                FlexionMaxDegrees = GetDouble(r, 7),
                LateralBendMeanDegrees = GetDouble(r, 8),
                LateralBendMaxDegrees = GetDouble(r, 9),
                ExcessiveFlexionSeconds = r.GetDouble(10),
                ExcessiveLateralSeconds = r.GetDouble(11),
                ExcessiveSwaySeconds = r.GetDouble(12),
                FlexionCues = r.GetInt32(13),
                LateralCues = r.GetInt32(14),
                SwayCues = r.GetInt32(15),
                PainMarkers = r.GetInt32(16),
                BatteryPercent = r.IsDBNull(17) ? null : r.GetInt32(17),
                SwayMediolateralMeanDegrees = GetDouble(r, 18),
                SwayMediolateralMaxDegrees = GetDouble(r, 19),
                SwayAnteroposteriorMeanDegrees = GetDouble(r, 20),
                SwayAnteroposteriorMaxDegrees = GetDouble(r, 21),
                SwayRotationMeanDegrees = GetDouble(r, 22),
                SwayRotationMaxDegrees = GetDouble(r, 23),
                SpeedMps = GetDouble(r, 24),
                StrideLengthM = GetDouble(r, 25),
            });
        }

        return epochs;
    }

    private List<SessionEvent> ReadEvents(long rowId)
    {
        using SqliteCommand command = _connection.CreateCommand();
        command.CommandText = "SELECT offset_s, kind, rule, value FROM events WHERE session_row = $id ORDER BY idx";
        command.Parameters.AddWithValue("$id", rowId);
        var events = new List<SessionEvent>();
        using SqliteDataReader r = command.ExecuteReader();
        while (r.Read())
        {
            if (Enum.TryParse(r.GetString(1), out SessionEventKind kind) && Enum.TryParse(r.GetString(2), out CueRule rule))
            {
                events.Add(new SessionEvent { OffsetSeconds = r.GetDouble(0), Kind = kind, Rule = rule, Value = r.GetInt32(3) });
            }
        }

        return events;
    }
}
