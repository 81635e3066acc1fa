using System.Globalization;

namespace LumbarBand.Bench;

/// <summary>One named figure of a <see cref="BenchResult"/>.</summary>
public sealed class BenchMetric
{
    /// <summary>Creates a metric.</summary>
    /// <param name="key">JSON key, snake_case.</param>
    /// <param name="label">Human-readable label for <see cref="BenchResult.ToText"/>.</param>
    /// <param name="value">The figure.</param>
    /// <param name="decimals">Decimals kept in JSON and text; 0 writes an integer.</param>
    /// <param name="unit">Unit for the text summary, or empty.</param>
    public BenchMetric(string key, string label, double value, int decimals, string unit)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, 15);
        Key = key;
        Label = label;
        Value = value;
        Decimals = decimals;
        Unit = unit;
    }

    /// <summary>JSON key.</summary>
    public string Key { get; }

    /// <summary>Human-readable label.</summary>
    public string Label { get; }

    /// <summary>The figure, unrounded.</summary>
    public double Value { get; }

    /// <summary>Decimals kept when written; 0 means an integer.</summary>
    public int Decimals { get; }

    /// <summary>Unit for the text summary, or empty.</summary>
    public string Unit { get; }

    /// <summary>The value rounded to <see cref="Decimals"/>.</summary>
    public double RoundedValue => Math.Round(Value, Decimals, MidpointRounding.AwayFromZero);

    /// <summary>The rounded value in invariant culture with thousands separators, plus the unit.</summary>
    public string FormatForText()
    {
        string number = double.IsFinite(Value)
            ? RoundedValue.ToString("N" + Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
            : Value.ToString(CultureInfo.InvariantCulture);
        return Unit.Length == 0 ? number : number + " " + Unit;
    }
}
