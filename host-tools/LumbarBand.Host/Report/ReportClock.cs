using System.Globalization;

namespace LumbarBand.Host.Report;

/// <summary>The report's times: in one time zone (the computer's unless told), named on the page.</summary>
internal sealed class ReportClock(TimeZoneInfo zone)
{
    /// <summary>The zone's name and its offset now, e.g. "Europe/Berlin (UTC+01:00)".</summary>
    public string ZoneName { get; } = zone.Id + " (UTC" + FormatOffset(zone.GetUtcOffset(DateTimeOffset.UtcNow)) + ")";

    /// <summary>The local calendar day of <paramref name="time"/>.</summary>
    public DateOnly Day(DateTimeOffset time) => DateOnly.FromDateTime(Local(time).DateTime);

    /// <summary>"yyyy-MM-dd" local.</summary>
    public string Date(DateTimeOffset time) => Local(time).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>"yyyy-MM-dd HH:mm" local.</summary>
    public string DateTime(DateTimeOffset time) => Local(time).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"HH:mm:ss" local.</summary>
    public string Time(DateTimeOffset time) => Local(time).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The offset from UTC at <paramref name="time"/>, e.g. "UTC+02:00".</summary>
    public string Offset(DateTimeOffset time) => "UTC" + FormatOffset(Local(time).Offset);

    private DateTimeOffset Local(DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, zone);

    private static string FormatOffset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString("hh\\:mm", CultureInfo.InvariantCulture);
}
