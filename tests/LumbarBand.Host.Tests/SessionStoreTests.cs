using LumbarBand.Core.Protocol;
using LumbarBand.Host.Sessions;
using LumbarBand.Host.Store;
using Microsoft.Data.Sqlite;

namespace LumbarBand.Host.Tests;

public sealed class SessionStoreTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void ImportIsIdempotentOnDeviceSessionAndCrcAndKeepsTheRawBytes()
    {
        using SessionStore store = Open();
        store.UpsertDevice(SyntheticSessions.DeviceId, new DeviceInfo { SerialNumber = 0x0B00B1E5 });
        byte[] bytes = SyntheticSessions.Sessions[0].Bytes;
        SessionInfo entry = SyntheticSessions.Entry(3, bytes);

        Assert.Equal(ImportOutcome.Imported, store.Import(SyntheticSessions.DeviceId, entry, bytes, "test"));
        Assert.Equal(ImportOutcome.AlreadyStored, store.Import(SyntheticSessions.DeviceId, entry, bytes, "test"));

        // The same id with other bytes (a band reset restarts ids) is another session. (Not Sessions[1]: it has the
        // same length as Sessions[0], and the CRC-32 of a run of self-CRC'd records depends only on the record
        // lengths, so the two share a CRC; see the report to the lead.)
        byte[] other = SyntheticSessions.Sessions[2].Bytes;
        Assert.Equal(ImportOutcome.Imported, store.Import(SyntheticSessions.DeviceId, SyntheticSessions.Entry(3, other), other, "test"));

        Assert.Equal(2, store.SessionCount());
        StoredSession stored = store.Sessions().Single(s => s.Crc == entry.Crc);
        Assert.Equal(bytes, store.RawBytes(stored.RowId));
        DecodedSession expected = new CoreSessionDecoder().Decode(bytes);
        Assert.Equal(expected.Epochs, stored.Decoded!.Epochs);
        Assert.Equal(expected.Events, stored.Decoded.Events);
        Assert.Equal(expected.Totals, stored.Decoded.Totals);
        Assert.Equal(1, stored.Decoded.Totals.PainMarkers);
    }

    [Fact]
    public void ASessionNoDecoderKnowsIsStoredRawAndDecodedLaterByANewerHost()
    {
        byte[] bytes = SyntheticSessions.Sessions[0].Bytes;
        using (SessionStore old = SessionStore.Open(_temp.Path, new SessionDecoders()))
        {
            old.UpsertDevice(SyntheticSessions.DeviceId, new DeviceInfo { SerialNumber = 0x0B00B1E5 });
            old.Import(SyntheticSessions.DeviceId, SyntheticSessions.Entry(1, bytes), bytes, "test");
            StoredSession raw = Assert.Single(old.Sessions());
            Assert.Null(raw.Decoded);
            Assert.Contains("update lumbarband", raw.DecodeError, StringComparison.Ordinal);
        }

        using SessionStore newer = Open();
        Assert.Equal(1, newer.Redecode().Decoded);
        StoredSession decoded = Assert.Single(newer.Sessions());
        Assert.Equal(CoreSessionDecoder.DecoderName, decoded.Decoder);
        Assert.Null(decoded.DecodeError);
        Assert.Equal(new CoreSessionDecoder().Decode(bytes).Epochs.Count, decoded.Decoded!.Epochs.Count);
    }

    [Fact]
    public void MigrationsRunInOrderAndKeepTheData()
    {
        string path = Path.Combine(_temp.Path, SessionStore.DatabaseFileName);
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            Assert.Equal(1, SchemaMigrator.Migrate(connection, targetVersion: 1));
            Assert.Equal(1, SchemaMigrator.CurrentVersion(connection));
            using SqliteCommand insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO devices VALUES ('0B00B1E5', 1, '0.3.1', 1, '1.0', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
                INSERT INTO sessions (device_id, session_id, crc32, length, downloaded_utc, source, raw) VALUES ('0B00B1E5', 1, 42, 1, '2026-01-01T00:00:00Z', 'v1', x'00');
                """;
            insert.ExecuteNonQuery();
        }

        using SessionStore store = Open();

        Assert.Equal(StoreMigrations.Latest, store.SchemaVersion);
        Assert.True(store.Contains("0B00B1E5", 1, 42));
        store.SavePartial(new PartialDownload("0B00B1E5", 2, 10, 7, new byte[10], 4));
        Assert.Equal(4, store.LoadPartial("0B00B1E5", 2)!.Received);
        Assert.Equal([1, 2, 3, 4, 5], StoreMigrations.All.Select(m => m.Version));
        StoredSession migrated = Assert.Single(store.Sessions());
        Assert.False(migrated.Hidden);
        Assert.Empty(migrated.Annotations);
    }

    [Fact]
    public void ADatabaseFromANewerHostIsRefusedWithAClearMessage()
    {
        using (SessionStore store = Open())
        {
        }

        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_temp.Path, SessionStore.DatabaseFileName)};Pooling=False"))
        {
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "INSERT INTO schema_version VALUES (99, '2030-01-01T00:00:00Z', 'from the future')";
            command.ExecuteNonQuery();
        }

        StoreUnavailableException e = Assert.Throws<StoreUnavailableException>(Open);
        Assert.Contains("newer lumbarband", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AStoragePathThatCannotBeWrittenSaysSoAndNamesTheDataDirOption()
    {
        string file = _temp.File("a-file");
        File.WriteAllText(file, "not a folder");

        StoreUnavailableException e = Assert.Throws<StoreUnavailableException>(() => SessionStore.Open(Path.Combine(file, "data")));

        Assert.Contains("--data-dir", e.Message, StringComparison.Ordinal);
        Assert.Contains(file, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDefaultLocationFollowsXdgDataHome()
    {
        string? saved = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        try
        {
            Environment.SetEnvironmentVariable("XDG_DATA_HOME", "/srv/xdg");
            Assert.Equal("/srv/xdg/lumbarband", DataDirectory.Default());
            Environment.SetEnvironmentVariable("XDG_DATA_HOME", null);
            Assert.EndsWith(Path.Combine(".local", "share", "lumbarband"), DataDirectory.Default(), StringComparison.Ordinal);
            Assert.Equal(Path.GetFullPath("somewhere"), DataDirectory.Resolve("somewhere"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("XDG_DATA_HOME", saved);
        }
    }

    private SessionStore Open() => SessionStore.Open(_temp.Path);
}
