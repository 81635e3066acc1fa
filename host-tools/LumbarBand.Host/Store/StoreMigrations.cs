namespace LumbarBand.Host.Store;

/// <summary>
/// The store's schema, as ordered migration steps. Never edit a released step: add the next one. A database records
/// its version in <c>schema_version</c>; opening it runs the steps it lacks, each in its own transaction.
/// </summary>
public static class StoreMigrations
{
    /// <summary>Every step, in order.</summary>
    public static IReadOnlyList<StoreMigration> All { get; } =
    [
        new StoreMigration(1, "devices, sessions (raw bytes kept, unique on device + session id + CRC), epochs, events", """
            CREATE TABLE devices (
                device_id         TEXT PRIMARY KEY,
                serial            INTEGER NOT NULL,
                firmware          TEXT NOT NULL,
                hardware_revision INTEGER NOT NULL,
                protocol          TEXT NOT NULL,
                first_seen_utc    TEXT NOT NULL,
                last_seen_utc     TEXT NOT NULL
            );
            CREATE TABLE sessions (
                id                      INTEGER PRIMARY KEY,
                device_id               TEXT NOT NULL REFERENCES devices(device_id),
                session_id              INTEGER NOT NULL,
                crc32                   INTEGER NOT NULL,
                length                  INTEGER NOT NULL,
                start_utc               TEXT,
                downloaded_utc          TEXT NOT NULL,
                source                  TEXT NOT NULL,
                raw                     BLOB NOT NULL,
                decoder                 TEXT,
                decode_error            TEXT,
                firmware                TEXT,
                epoch_s                 INTEGER,
                start_uptime_s          REAL,
                duration_s              REAL,
                steps                   INTEGER,
                walking_min             REAL,
                mean_cadence_spm        REAL,
                cues                    INTEGER,
                pain_markers            INTEGER,
                first_pain_s            REAL,
                walking_min_before_pain REAL,
                first_cue_s             REAL,
                excessive_s             REAL,
                UNIQUE (device_id, session_id, crc32)
            );
            CREATE TABLE epochs (
                session_row         INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
                idx                 INTEGER NOT NULL,
                start_s             REAL NOT NULL,
                duration_s          REAL NOT NULL,
                steps               INTEGER NOT NULL,
                walking_s           REAL NOT NULL,
                cadence_spm         REAL,
                flexion_mean_deg    REAL,
                flexion_max_deg     REAL,
                lateral_mean_deg    REAL,
                lateral_max_deg     REAL,
                sway_mean_deg       REAL,
                sway_max_deg        REAL,
                excessive_flexion_s REAL NOT NULL,
                excessive_lateral_s REAL NOT NULL,
                excessive_sway_s    REAL NOT NULL,
                flexion_cues        INTEGER NOT NULL,
                lateral_cues        INTEGER NOT NULL,
                sway_cues           INTEGER NOT NULL,
                pain_markers        INTEGER NOT NULL,
                battery_percent     INTEGER,
                PRIMARY KEY (session_row, idx)
            );
            CREATE TABLE events (
                session_row INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
                idx         INTEGER NOT NULL,
                offset_s    REAL NOT NULL,
                kind        TEXT NOT NULL,
                rule        TEXT NOT NULL,
                value       INTEGER NOT NULL,
                PRIMARY KEY (session_row, idx)
            );
            """),
        new StoreMigration(2, "partial downloads kept across runs (resume after a dropped link); sessions indexed by start", """
            CREATE TABLE partial_downloads (
                device_id   TEXT NOT NULL,
                session_id  INTEGER NOT NULL,
                length      INTEGER NOT NULL,
                crc32       INTEGER NOT NULL,
                received    INTEGER NOT NULL,
                bytes       BLOB NOT NULL,
                updated_utc TEXT NOT NULL,
                PRIMARY KEY (device_id, session_id)
            );
            CREATE INDEX sessions_by_start ON sessions(start_utc);
            """),
        new StoreMigration(3, "sessions can be hidden; annotations: pain intensity and a note per pain marker or per walk", """
            ALTER TABLE sessions ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
            CREATE TABLE annotations (
                id          INTEGER PRIMARY KEY,
                session_row INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
                marker      INTEGER,
                pain        INTEGER,
                note        TEXT,
                created_utc TEXT NOT NULL
            );
            """),
        new StoreMigration(4, "sway per axis: mediolateral, anteroposterior and rotation kept apart (sway_mean_deg and sway_max_deg, the largest axis, are no longer written; sessions --redecode fills the new columns of sessions stored before)", """
            ALTER TABLE epochs ADD COLUMN sway_ml_mean_deg REAL;
            ALTER TABLE epochs ADD COLUMN sway_ml_max_deg REAL;
            ALTER TABLE epochs ADD COLUMN sway_ap_mean_deg REAL;
            ALTER TABLE epochs ADD COLUMN sway_ap_max_deg REAL;
            ALTER TABLE epochs ADD COLUMN sway_rotation_mean_deg REAL;
            ALTER TABLE epochs ADD COLUMN sway_rotation_max_deg REAL;
            """),
        new StoreMigration(5, "walking speed, stride length and rhythm (session format 4): per epoch, per bout (bouts table), and each session's format (NULL for sessions stored before: decoded from formats 1-3, which do not measure them; sessions --redecode fills it)", """
            ALTER TABLE sessions ADD COLUMN format_version INTEGER;
            ALTER TABLE epochs ADD COLUMN speed_mps REAL;
            ALTER TABLE epochs ADD COLUMN stride_length_m REAL;
            CREATE TABLE bouts (
                session_row            INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
                idx                    INTEGER NOT NULL,
                start_s                REAL NOT NULL,
                duration_s             REAL NOT NULL,
                steps                  INTEGER NOT NULL,
                cadence_spm            REAL,
                speed_mps              REAL,
                stride_length_m        REAL,
                step_time_cv_pct       REAL,
                stride_time_cv_pct     REAL,
                step_time_asymmetry_pct REAL,
                stride_regularity      REAL,
                excessive_posture_s    REAL NOT NULL,
                cues                   INTEGER NOT NULL,
                PRIMARY KEY (session_row, idx)
            );
            """),
    ];

    /// <summary>The version a database has after every step.</summary>
    public static int Latest => All[^1].Version;
}
