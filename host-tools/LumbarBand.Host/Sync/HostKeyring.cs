using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace LumbarBand.Host.Sync;

/// <summary>
/// This host's identity for the band's link trust (docs/protocol.md §3): a random 64-bit host id, and for each band
/// (by device id) the keys it received when it enrolled inside a pairing window, newest first. Kept in a small JSON
/// file (by default in the user's application data, or where <c>LUMBARBAND_HOST_KEYS</c> points), written whole to a
/// temporary file and renamed, so a crash never leaves half a keyring.
/// </summary>
public sealed class HostKeyring
{
    /// <summary>Keys kept per band: an older one may still be valid after a re-enrollment elsewhere failed.</summary>
    public const int KeysPerBand = 4;

    /// <summary>The environment variable that names the keyring file.</summary>
    public const string PathVariable = "LUMBARBAND_HOST_KEYS";

    private static readonly object FileLock = new();
    private readonly string? _path;
    private readonly Dictionary<string, List<string>> _keys = new(StringComparer.Ordinal);

    private HostKeyring(string? path, ulong hostId)
    {
        _path = path;
        HostId = hostId;
    }

    /// <summary>The host id this host enrolls and proves with.</summary>
    public ulong HostId { get; private set; }

    /// <summary>A keyring kept in memory only (tests, one-shot demos).</summary>
    public static HostKeyring InMemory() => new(null, RandomHostId());

    /// <summary>The user's keyring: <c>LUMBARBAND_HOST_KEYS</c>, else lumbarband/host-keys.json in the application data folder.</summary>
    public static HostKeyring ForUser()
    {
        string? path = Environment.GetEnvironmentVariable(PathVariable);
        if (string.IsNullOrEmpty(path))
        {
            path = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.Create), "lumbarband", "host-keys.json");
        }

        return Open(path);
    }

    /// <summary>The keyring in the file at <paramref name="path"/> (created on first save).</summary>
    public static HostKeyring Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var ring = new HostKeyring(path, RandomHostId());
        lock (FileLock)
        {
            ring.Load();
        }

        return ring;
    }

    /// <summary>The keys held for band <paramref name="deviceId"/>, newest first, as (key0, key1).</summary>
    public IReadOnlyList<(ulong Key0, ulong Key1)> KeysFor(string deviceId)
    {
        lock (FileLock)
        {
            Load();
            return _keys.TryGetValue(deviceId, out List<string>? keys) ? keys.Select(Parse).ToList() : [];
        }
    }

    /// <summary>Stores a new key for band <paramref name="deviceId"/> (newest first; at most <see cref="KeysPerBand"/>).</summary>
    public void Add(string deviceId, ulong key0, ulong key1)
    {
        lock (FileLock)
        {
            Load();
            if (!_keys.TryGetValue(deviceId, out List<string>? keys))
            {
                keys = [];
                _keys[deviceId] = keys;
            }

            string text = Format(key0, key1);
            keys.Remove(text);
            keys.Insert(0, text);
            if (keys.Count > KeysPerBand)
            {
                keys.RemoveRange(KeysPerBand, keys.Count - KeysPerBand);
            }

            Save();
        }
    }

    private static ulong RandomHostId() => BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));

    private static string Format(ulong key0, ulong key1) => string.Create(CultureInfo.InvariantCulture, $"{key0:x16}{key1:x16}");

    private static (ulong, ulong) Parse(string text) =>
        (ulong.Parse(text.AsSpan(0, 16), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
         ulong.Parse(text.AsSpan(16, 16), NumberStyles.HexNumber, CultureInfo.InvariantCulture));

    private void Load()
    {
        if (_path is null || !File.Exists(_path))
        {
            return;
        }

        KeyringFile? file;
        try
        {
            file = JsonSerializer.Deserialize<KeyringFile>(File.ReadAllText(_path));
        }
        catch (JsonException e)
        {
            throw new LumbarBandException($"the host keyring {_path} is not valid JSON ({e.Message}); move it away to enroll again", e);
        }

        if (file is null || file.HostId is null || file.Keys is null)
        {
            throw new LumbarBandException($"the host keyring {_path} lacks hostId or keys; move it away to enroll again");
        }

        HostId = ulong.Parse(file.HostId, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        _keys.Clear();
        foreach (KeyValuePair<string, List<string>> band in file.Keys)
        {
            _keys[band.Key] = band.Value.Where(k => k.Length == 32 && ulong.TryParse(k.AsSpan(0, 16), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out _)).ToList();
        }
    }

    private void Save()
    {
        if (_path is null)
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_path))!);
        var file = new KeyringFile { HostId = HostId.ToString("x16", CultureInfo.InvariantCulture), Keys = _keys };
        string temp = _path + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(file));
        File.Move(temp, _path, overwrite: true);
    }

    private sealed class KeyringFile
    {
        public string? HostId { get; set; }

        public Dictionary<string, List<string>>? Keys { get; set; }
    }
}
