using System.Text.Json;
using System.Text.RegularExpressions;

namespace LumbarBand.Analysis.Scoring;

/// <summary>A reference walking bout: its span, every initial contact (NaN where the reference has no time) and what the reference measured of it.</summary>
/// <param name="StartS">Bout start, seconds.</param>
/// <param name="EndS">Bout end, seconds.</param>
/// <param name="InitialContactsS">Reference initial contacts in seconds; NaN for a contact without a time.</param>
public sealed record ReferenceBout(double StartS, double EndS, IReadOnlyList<double> InitialContactsS)
{
    /// <summary>The system that found the bout (<c>INDIP</c>, the default, or <c>Stereophoto</c>).</summary>
    public string ReferenceSystem { get; init; } = ReferenceRecording.DefaultSystem;

    /// <summary>The reference's walking speed over the bout, m/s; null where it has none.</summary>
    public double? WalkingSpeedMps { get; init; }

    /// <summary>The reference's mean stride length over the bout, m; null where it has none.</summary>
    public double? AverageStrideLengthM { get; init; }

    /// <summary>The reference's cadence over the bout, steps/min; null where it has none.</summary>
    public double? CadenceSpm { get; init; }

    /// <summary>
    /// The foot of each initial contact (<c>Left</c> or <c>Right</c>, null where not given), in the order of
    /// <see cref="InitialContactsS"/>; empty where the reference gives no sides.
    /// </summary>
    public IReadOnlyList<string?> InitialContactSides { get; init; } = [];
}

/// <summary>A span of a recording, seconds.</summary>
/// <param name="StartS">Start, seconds.</param>
/// <param name="EndS">End, seconds.</param>
public readonly record struct TimeSpanS(double StartS, double EndS)
{
    /// <summary>Whether <paramref name="t"/> lies inside, ends included.</summary>
    public bool Contains(double t) => t >= StartS && t <= EndS;

    /// <summary>Length in seconds.</summary>
    public double DurationS => EndS - StartS;
}

/// <summary>Who wore the sensor, where the reference says.</summary>
/// <param name="HeightCm">Body height, cm; null where not given.</param>
/// <param name="SensorHeightCm">Height of the lower-back sensor above the floor, cm; null where not given.</param>
public sealed record ReferenceSubject(double? HeightCm, double? SensorHeightCm)
{
    /// <summary>The cohort the file names (<c>healthy</c>, or a condition); null where not given.</summary>
    public string? Cohort { get; init; }
}

/// <summary>
/// The reference record of one real walk (<c>NAME.reference.json</c> beside <c>NAME.imu.csv</c>): walking bouts with
/// every initial contact (INDIP's bouts, plus the Stereophoto bouts where INDIP had none), spans where no reference can
/// tell walking from not walking, the wearer, and the contacts that published lower-back detectors found.
/// </summary>
public sealed partial class ReferenceRecording
{
    /// <summary>The system a bout comes from when the file does not say.</summary>
    public const string DefaultSystem = "INDIP";

    private ReferenceRecording(string name, double durationS, IReadOnlyList<ReferenceBout> bouts, IReadOnlyList<TimeSpanS> unverified, ReferenceSubject? subject, IReadOnlyDictionary<string, double[]> peers, IReadOnlyDictionary<string, TimeSpanS[]> peerBouts)
    {
        Name = name;
        SubjectId = name.Split('_')[0];
        PeerWalkingBoutsS = peerBouts;
        DurationS = durationS;
        Bouts = bouts;
        UnverifiedS = unverified;
        Subject = subject;
        PeerInitialContactsS = peers;
    }

    /// <summary>Recording name (the file name without <c>.reference.json</c>).</summary>
    public string Name { get; }

    /// <summary>
    /// Who walked: the recording name up to its first underscore (<c>HA001</c> of <c>HA001_Test5_Trial1</c>,
    /// <c>S01</c> of <c>S01_T1</c>, <c>MS</c> of <c>MS_EDSS6_M0</c>), the naming both shared folders follow.
    /// </summary>
    public string SubjectId { get; }

    /// <summary>
    /// Walking periods that published gait-sequence detectors found on the continuous recording, by detector name
    /// (empty where the file has none): score them with <see cref="BoutScorer"/>.
    /// </summary>
    public IReadOnlyDictionary<string, TimeSpanS[]> PeerWalkingBoutsS { get; }

    /// <summary>Recording duration in seconds (samples / rate).</summary>
    public double DurationS { get; }

    /// <summary>Reference walking bouts.</summary>
    public IReadOnlyList<ReferenceBout> Bouts { get; }

    /// <summary>Spans where no reference can tell walking from not walking: detections there count neither way.</summary>
    public IReadOnlyList<TimeSpanS> UnverifiedS { get; }

    /// <summary>The wearer, where the file says; null otherwise.</summary>
    public ReferenceSubject? Subject { get; }

    /// <summary>Initial contacts each published detector found, by detector name (run inside the INDIP bouts only).</summary>
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
                b.GetProperty("initial_contacts_s").EnumerateArray().Select(ToDouble).ToArray())
            {
                ReferenceSystem = b.TryGetProperty("reference_system", out JsonElement system) && system.ValueKind == JsonValueKind.String
                    ? system.GetString()!
                    : DefaultSystem,
                WalkingSpeedMps = OptionalNumber(b, "walking_speed_mps"),
                AverageStrideLengthM = OptionalNumber(b, "average_stride_length_m"),
                CadenceSpm = OptionalNumber(b, "cadence_spm"),
                InitialContactSides = b.TryGetProperty("initial_contacts_side", out JsonElement sides) && sides.ValueKind == JsonValueKind.Array
                    ? sides.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : null).ToArray()
                    : [],
            });
        }

        var unverified = new List<TimeSpanS>();
        if (root.TryGetProperty("unverified_s", out JsonElement spans))
        {
            foreach (JsonElement span in spans.EnumerateArray())
            {
                unverified.Add(new TimeSpanS(span[0].GetDouble(), span[1].GetDouble()));
            }
        }

        ReferenceSubject? subject = root.TryGetProperty("subject", out JsonElement s) && s.ValueKind == JsonValueKind.Object
            ? new ReferenceSubject(OptionalNumber(s, "height_cm"), OptionalNumber(s, "sensor_height_cm"))
            {
                Cohort = s.TryGetProperty("cohort", out JsonElement cohort) && cohort.ValueKind == JsonValueKind.String ? cohort.GetString() : null,
            }
            : null;

        var peers = new SortedDictionary<string, double[]>(StringComparer.Ordinal);
        if (root.TryGetProperty("peer_initial_contacts_s", out JsonElement peerObject))
        {
            foreach (JsonProperty peer in peerObject.EnumerateObject())
            {
                peers[peer.Name] = peer.Value.EnumerateArray().Select(ToDouble).ToArray();
            }
        }

        var peerBouts = new SortedDictionary<string, TimeSpanS[]>(StringComparer.Ordinal);
        if (root.TryGetProperty("peer_walking_bouts_s", out JsonElement peerBoutObject) && peerBoutObject.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty peer in peerBoutObject.EnumerateObject())
            {
                peerBouts[peer.Name] = peer.Value.EnumerateArray().Select(span => new TimeSpanS(span[0].GetDouble(), span[1].GetDouble())).ToArray();
            }
        }

        return new ReferenceRecording(name, duration, bouts, unverified, subject, peers, peerBouts);
    }

    private static double? OptionalNumber(JsonElement e, string property) =>
        e.TryGetProperty(property, out JsonElement v) && v.ValueKind == JsonValueKind.Number && !double.IsNaN(v.GetDouble()) ? v.GetDouble() : null;

    private static double ToDouble(JsonElement e) => e.ValueKind == JsonValueKind.Null ? double.NaN : e.GetDouble();

    [GeneratedRegex(@"([\[,:]\s*)NaN\b")]
    private static partial Regex BareNaN();
}
