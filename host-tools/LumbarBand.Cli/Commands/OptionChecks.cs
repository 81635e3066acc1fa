using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace LumbarBand.Cli.Commands;

/// <summary>
/// Checks on option values, shared by every command: each adds a validator to an option, so a bad value is refused
/// while parsing, before anything runs, with a message naming the option, the value and what is allowed
/// (<see cref="Program.Run"/> prints it and exits with <see cref="ExitCodes.BadOption"/>).
/// </summary>
public static class OptionChecks
{
    /// <summary>Refuses an integer outside <paramref name="min"/>..<paramref name="max"/>; <paramref name="what"/> says what it is.</summary>
    public static Option<T> InRange<T>(this Option<T> option, long min, long max, string what)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            object? value = Value<T>(result);
            if (value is int or long && Convert.ToInt64(value, CultureInfo.InvariantCulture) is long v && (v < min || v > max))
            {
                result.AddError(Text($"{option.Name} {v} is out of range: {what} is {min}..{max}"));
            }
        });
        return option;
    }

    /// <summary>Refuses a number that is not finite or lies outside <paramref name="min"/>..<paramref name="max"/>.</summary>
    public static Option<double> InRange(this Option<double> option, double min, double max, string what)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 || !result.Implicit)
            {
                CheckNumber(result, option.Name, Value<double>(result), min, max, what);
            }
        });
        return option;
    }

    /// <summary>Refuses any of several numbers that is not finite or lies outside <paramref name="min"/>..<paramref name="max"/>.</summary>
    public static Option<double[]> EachInRange(this Option<double[]> option, double min, double max, string what)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            foreach (double v in Value<double[]>(result) ?? [])
            {
                CheckNumber(result, option.Name, v, min, max, what);
            }
        });
        return option;
    }

    /// <summary>Refuses any of several integers below <paramref name="min"/>.</summary>
    public static Option<long[]> EachAtLeast(this Option<long[]> option, long min, string what)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            foreach (long v in Value<long[]>(result) ?? [])
            {
                if (v < min)
                {
                    result.AddError(Text($"{option.Name} {v} is not {what} (at least {min})"));
                }
            }
        });
        return option;
    }

    /// <summary>Refuses a text that is not a name of 1–40 lower-case letters, digits, '-' or '_' (it becomes a folder name).</summary>
    public static Option<string> IsName(this Option<string> option)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            string? v = Value<string>(result);
            if (v is null || v.Length is 0 or > 40 || !v.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_'))
            {
                result.AddError($"{option.Name} '{v}' is not a name: use 1 to 40 lower-case letters, digits, '-' or '_'");
            }
        });
        return option;
    }

    /// <summary>The option's value, or the default when it did not parse (the parser reports that error itself).</summary>
    private static T? Value<T>(OptionResult result)
    {
        try
        {
            return result.GetValueOrDefault<T>();
        }
        catch (InvalidOperationException)
        {
            return default;
        }
    }

    private static void CheckNumber(OptionResult result, string name, double v, double min, double max, string what)
    {
        if (!double.IsFinite(v) || v < min || v > max)
        {
            result.AddError(Text($"{name} {v} is out of range: {what} is {min}..{max}"));
        }
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
