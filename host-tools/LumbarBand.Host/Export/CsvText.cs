using System.Globalization;

namespace LumbarBand.Host.Export;

/// <summary>Formats CSV fields (RFC 4180 quoting, invariant culture, empty for unknown values).</summary>
internal static class CsvText
{
    public static string Field(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        bool quote = text.AsSpan().IndexOfAny(",\"\r\n") >= 0;
        return quote ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    public static string Number(double? value, int decimals = 3) =>
        value is double v ? Math.Round(v, decimals).ToString("0.###", CultureInfo.InvariantCulture) : "";

    public static string Optional(int? value) => value is int v ? v.ToString(CultureInfo.InvariantCulture) : "";

    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset? time) =>
        time is DateTimeOffset t ? t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "";
}
