using System.Text.Json;
using System.Text.RegularExpressions;

namespace LumbarBand.Analysis.Scoring;

/// <summary>A reference walking bout: its span and every initial contact (NaN where the reference has no time).</summary>
/// <param name="StartS">Bout start, seconds.</param>
/// <param name="EndS">Bout end, seconds.</param>
/// <param name="InitialContactsS">Reference initial contacts in seconds; NaN for a contact without a time.</param>
public sealed record ReferenceBout(double StartS, double EndS, IReadOnlyList<double> InitialContactsS);

/// <summary>
/// The reference record of one real walk (<c>NAME.reference.json</c> beside <c>NAME.imu.csv</c>): walking bouts with
/// every initial contact from the INDIP reference system, and the contacts that published lower-back detectors found.
/// </summary>
public sealed partial class ReferenceRecording
{
    private ReferenceRecording(string name, double durationS, IReadOnlyList<ReferenceBout> bouts, IReadOnlyDictionary<string, double[]> peers)
    {
        Name = name;
        DurationS = durationS;
        Bouts = bouts;
        PeerInitialContactsS = peers;
    }

    /// <summary>Recording name (the file name without <c>.reference.json</c>).</summary>
    public string Name { get; }

    /// <summary>Recording duration in seconds (samples / rate).</summary>
    public double DurationS { get; }

    /// <summary>Reference walking bouts.</summary>
    public IReadOnlyList<ReferenceBout> Bouts { get; }

    /// <summary>Initial contacts each published detector found, by detector name.</summary>
    public IReadOnlyDictionary<string, double[]> PeerInitialContactsS { get; }

    /// <summary>Reads a reference file; the files carry Python's bare <c>NaN</c> for contacts without a time.</summary>
    public static ReferenceRecording Read(string path)
    {
        string text = BareNaN().Replace(File.ReadAllText(path), "$1null");
        using JsonDocument doc = JsonDocument.Parse(text);
        JsonElement root = doc.RootElement;
        string name = root.GetProperty("recording").GetString() ?? throw new InvalidDataException($"{path}: no recording name");
        double duration = root.GetProperty("n_samples").GetDouble() / root.GetProperty("sample_rate_hz").GetDouble();
        var bouts = new List<ReferenceBout>();
        foreach (JsonElement b in root.GetProperty("walking_bouts").EnumerateArray())
        {
            bouts.Add(new ReferenceBout(
                b.GetProperty("start_s").GetDouble(),
                b.GetProperty("end_s").GetDouble(),
                b.GetProperty("initial_contacts_s").EnumerateArray().Select(ToDouble).ToArray()));
        }

        var peers = new SortedDictionary<string, double[]>(StringComparer.Ordinal);
        if (root.TryGetProperty("peer_initial_contacts_s", out JsonElement peerObject))
        {
            foreach (JsonProperty peer in peerObject.EnumerateObject())
            {
                peers[peer.Name] = peer.Value.EnumerateArray().Select(ToDouble).ToArray();
            }
        }

        return new ReferenceRecording(name, duration, bouts, peers);
    }

    private static double ToDouble(JsonElement e) => e.ValueKind == JsonValueKind.Null ? double.NaN : e.GetDouble();

    [GeneratedRegex(@"([\[,:]\s*)NaN\b")]
    private static partial Regex BareNaN();
}
