using System.Globalization;
using System.Text;

namespace LumbarBand.Analysis.Scoring;

/// <summary>One walk of a <see cref="RealStrideCueSurvey"/>: the check, or why it could not be built.</summary>
/// <param name="Source">The recording whose strides it is built from.</param>
/// <param name="StandingStart">True with the recording's own standing start, false walking off at once.</param>
/// <param name="Check">The check, when the walk could be built.</param>
/// <param name="Why">Why the walk could not be built, otherwise.</param>
/// <param name="NotApplicable">True when there is nothing to build: a standing start the recording does not have.</param>
public sealed record RealStrideCueWalk(string Source, bool StandingStart, RealStrideCueCheck? Check, string? Why, bool NotApplicable);

/// <summary>
/// <see cref="RealStrideCueCheck"/> on every recording of a folder, each twice: with the recording's own standing start
/// (when it has one) and walking off at once, the way a wearer who never stands still uses the band. A walk that cannot
/// be built, and any goal a built walk misses, is a missed goal (<see cref="MissedGoals"/>); a standing start the
/// recording lacks is only noted.
/// </summary>
public sealed class RealStrideCueSurvey
{
    private RealStrideCueSurvey(IReadOnlyList<RealStrideCueWalk> walks)
    {
        Walks = walks;
    }

    /// <summary>Every walk tried, recording by recording.</summary>
    public IReadOnlyList<RealStrideCueWalk> Walks { get; }

    /// <summary>Each missed goal, "recording (start): what" (empty when every goal is met).</summary>
    public IReadOnlyList<string> MissedGoals => Walks
        .Where(w => !w.NotApplicable)
        .SelectMany(w => w.Check is null
            ? [$"{Label(w)}: not built: {w.Why}"]
            : w.Check.MissedGoals.Select(m => $"{Label(w)}: {m}"))
        .ToArray();

    /// <summary>Runs the check on the recordings named <paramref name="names"/> in <paramref name="directory"/>.</summary>
    public static RealStrideCueSurvey Run(string directory, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var walks = new List<RealStrideCueWalk>();
        foreach (string name in names)
        {
            foreach (bool standing in new[] { true, false })
            {
                try
                {
                    walks.Add(new RealStrideCueWalk(name, standing, RealStrideCueCheck.Run(directory, name, standing), null, false));
                }
                catch (InvalidDataException e)
                {
                    string reason = e.Message.StartsWith(name + " ", StringComparison.Ordinal) ? e.Message[(name.Length + 1)..] : e.Message;
                    bool noStillStart = standing && reason.Contains("still standing", StringComparison.Ordinal);
                    walks.Add(new RealStrideCueWalk(name, standing, null, reason, noStillStart));
                }
            }
        }

        return new RealStrideCueSurvey(walks);
    }

    /// <summary>The table: a row per walk, then the goals missed (or that every goal is met).</summary>
    public string ToTable()
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(RealStrideCueCheck.TableHeading());
        foreach (RealStrideCueWalk w in Walks)
        {
            sb.Append(w.Check is not null
                ? w.Check.ToRow()
                : string.Create(ci, $"  {w.Source,-22}  {(w.StandingStart ? "stand" : "walk"),-5}  {(w.NotApplicable ? "none: " : "not built: ")}{w.Why}{Environment.NewLine}"));
        }

        IReadOnlyList<string> missed = MissedGoals;
        int built = Walks.Count(w => w.Check is not null);
        sb.AppendLine(missed.Count == 0
            ? string.Create(ci, $"  every goal met on {built} built walks")
            : string.Create(ci, $"  {missed.Count} goal(s) missed on {built} built walks:"));
        foreach (string m in missed)
        {
            sb.AppendLine("    " + m);
        }

        return sb.ToString();
    }

    private static string Label(RealStrideCueWalk w) => $"{w.Source} ({(w.StandingStart ? "standing start" : "walking off")})";
}
