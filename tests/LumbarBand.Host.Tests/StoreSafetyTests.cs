using LumbarBand.Core.Protocol;
using LumbarBand.Host.Store;
using Microsoft.Data.Sqlite;

namespace LumbarBand.Host.Tests;

/// <summary>The store never loses or corrupts what it holds, and says what is wrong when it cannot be used.</summary>
public sealed class StoreSafetyTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string DatabasePath => _temp.File(SessionStore.DatabaseFileName);

    private void StoreOneSession()
    {
        using SessionStore store = SessionStore.Open(_temp.Path);
        store.UpsertDevice(SyntheticSessions.DeviceId, new DeviceInfo { SerialNumber = 0x0B00B1E5 });
        byte[] bytes = SyntheticSessions.Sessions[0].Bytes;
        store.Import(SyntheticSessions.DeviceId, SyntheticSessions.Entry(1, bytes), bytes, "test");
    }

    [Fact]
    public void RedecodeKeepsTheSummaryOfASessionWhoseStoredBytesNoLongerMatchTheirChecksum()
    {
        StoreOneSession();
        using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            connection.Open();
            byte[] raw = SyntheticSessions.Sessions[0].Bytes.ToArray();
            // Four bytes of the stored session changed behind the store's back (a disk fault, a hand edit).
            raw[40] ^= 0xDE;
            raw[41] ^= 0xAD;
            raw[42] ^= 0xBE;
            raw[43] ^= 0xEF;
            using SqliteCommand damage = connection.CreateCommand();
            damage.CommandText = "UPDATE sessions SET raw = $raw";
            damage.Parameters.AddWithValue("$raw", raw);
            Assert.Equal(1, damage.ExecuteNonQuery());
        }

        using SessionStore store = SessionStore.Open(_temp.Path);
        var before = store.Sessions()[0].Decoded!.Totals;
        RedecodeResult result = store.Redecode();

        Assert.Equal(0, result.Decoded);
        string damaged = Assert.Single(result.Damaged);
        Assert.Contains("no longer match their checksum", damaged, StringComparison.Ordinal);
        var after = Assert.Single(store.Sessions());
        Assert.NotNull(after.Decoded);
        Assert.Equal(before, after.Decoded!.Totals);
        Assert.Null(after.DecodeError);
    }

    [Fact]
    public void ACorruptDatabaseIsNamedCorruptAndLeftUntouched()
    {
        byte[] garbage = new byte[8192];
        new Random(17).NextBytes(garbage);
        File.WriteAllBytes(DatabasePath, garbage);

        StoreCorruptException e = Assert.Throws<StoreCorruptException>(() => SessionStore.Open(_temp.Path));

        Assert.Contains("is corrupt", e.Message, StringComparison.Ordinal);
        Assert.Contains(DatabasePath, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("make it writable", e.Message, StringComparison.Ordinal);
        Assert.Equal(garbage, File.ReadAllBytes(DatabasePath));
    }

    [Fact]
    public void WritingToAReadOnlyDatabaseSaysReadOnlyInsteadOfASqliteError()
    {
        StoreOneSession();
        using SessionStore store = SessionStore.Open(_temp.Path, readOnly: true);

        StoreUnavailableException e = Assert.Throws<StoreUnavailableException>(
            () => store.UpsertDevice("5EB0A7D0", new DeviceInfo { SerialNumber = 0x5EB0A7D0 }));

        Assert.Contains("is read-only", e.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", e.Message, StringComparison.Ordinal);
        Assert.Single(store.Sessions());
    }
}
