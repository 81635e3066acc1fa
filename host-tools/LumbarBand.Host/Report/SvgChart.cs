using System.Globalization;
using System.Net;
using System.Text;

namespace LumbarBand.Host.Report;

/// <summary>
/// One chart as inline SVG: a plot area with axes, grid and "nice" ticks, and series drawn into it (lines with gaps
/// for unknown values, bars, time markers). No script, no external resource: it renders as it is in any browser.
/// </summary>
public sealed class SvgChart
{
    private const double Left = 58;
    private const double Right = 18;
    private const double Top = 30;
    private const double Bottom = 30;

    private readonly double _width;
    private readonly double _height;
    private readonly double _xMin;
    private readonly double _xMax;
    private readonly double _yMin;
    private readonly double _yMax;
    private readonly string _title;
    private readonly StringBuilder _body = new();
    private readonly List<(string Color, string Label)> _legend = [];

    /// <summary>A chart of <paramref name="width"/> × <paramref name="height"/> pixels over the given ranges.</summary>
    public SvgChart(double width, double height, double xMin, double xMax, double yMin, double yMax, string title)
    {
        _width = width;
        _height = height;
        _xMin = xMin;
        _xMax = xMax > xMin ? xMax : xMin + 1;
        _yMin = yMin;
        _yMax = yMax > yMin ? yMax : yMin + 1;
        _title = title;
    }

    /// <summary>Formats x tick labels (default: the number).</summary>
    public Func<double, string> XLabel { get; init; } = v => v.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>The x axis' name, e.g. "minutes".</summary>
    public string XName { get; init; } = "";

    /// <summary>The smallest step between x ticks (1 for days, 7 for weeks), so ticks never repeat a label.</summary>
    public double MinXStep { get; init; }

    /// <summary>A "nice" upper bound at or above <paramref name="value"/> (1, 2, 5 × 10ⁿ steps).</summary>
    public static double NiceCeiling(double value)
    {
        if (value <= 0)
        {
            return 1;
        }

        double step = NiceStep(value / 5);
        return Math.Ceiling(value / step) * step;
    }

    /// <summary>A line through <paramref name="points"/>; an unknown y breaks it. Each known point gets a dot.</summary>
    public void AddLine(IReadOnlyList<(double X, double? Y)> points, string color, string label, bool dashed = false)
    {
        ArgumentNullException.ThrowIfNull(points);
        var run = new List<string>();
        foreach ((double x, double? y) in points)
        {
            if (y is double value)
            {
                run.Add(Point(x, value));
                Append($"<circle cx=\"{N(Px(x))}\" cy=\"{N(Py(value))}\" r=\"2.5\" fill=\"{color}\"/>");
            }
            else
            {
                Flush(run, color, dashed);
            }
        }

        Flush(run, color, dashed);
        _legend.Add((color, label));
    }

    /// <summary>The narrowest bar drawn, in pixels: narrower bars read as slivers, not as amounts.</summary>
    public const double MinBarPixels = 8;

    /// <summary>The widest bar drawn, in pixels: one day alone on a chart stays a bar, not a block.</summary>
    public const double MaxBarPixels = 64;

    /// <summary>
    /// Bars of <paramref name="barWidth"/> x-units (at least <see cref="MinBarPixels"/> wide) centred on each x, from
    /// 0 up to y; a bar at the plot's edge is moved inside it whole rather than cut.
    /// </summary>
    public void AddBars(IReadOnlyList<(double X, double Y)> bars, double barWidth, string color, string label)
    {
        ArgumentNullException.ThrowIfNull(bars);
        double pixels = Math.Clamp(Px(_xMin + barWidth) - Px(_xMin), MinBarPixels, MaxBarPixels);
        foreach ((double x, double y) in bars)
        {
            double top = Py(Math.Max(y, _yMin));
            double bottom = Py(Math.Max(0, _yMin));
            double left = Math.Clamp(Px(x) - (pixels / 2), Left, _width - Right - pixels);
            Append($"<rect x=\"{N(left)}\" y=\"{N(Math.Min(top, bottom))}\" width=\"{N(pixels)}\" height=\"{N(Math.Abs(bottom - top))}\" fill=\"{color}\"/>");
        }

        _legend.Add((color, label));
    }

    /// <summary>Vertical lines across the plot at each x (pain markers), each with its tag (e.g. "6/10") beside its top when given.</summary>
    public void AddVerticalMarkers(IReadOnlyList<double> xs, string color, string label, IReadOnlyList<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(xs);
        for (int i = 0; i < xs.Count; i++)
        {
            double x = xs[i];
            Append($"<line x1=\"{N(Px(x))}\" y1=\"{N(Top)}\" x2=\"{N(Px(x))}\" y2=\"{N(_height - Bottom)}\" stroke=\"{color}\" stroke-width=\"3\"/>");
            if (tags is not null && i < tags.Count && tags[i].Length > 0)
            {
                Append($"<text x=\"{N(Px(x) + 5)}\" y=\"{N(Top + 24)}\" font-size=\"11\" font-weight=\"bold\" fill=\"{color}\">{WebUtility.HtmlEncode(tags[i])}</text>");
            }
        }

        if (xs.Count > 0)
        {
            _legend.Add((color, label));
        }
    }

    /// <summary>
    /// Downward triangles along the top edge of the plot at each x (cues), each with <paramref name="tag"/> (e.g. "F"
    /// for a flexion cue) printed in it when given, so the marker says which rule gave it.
    /// </summary>
    public void AddTopMarkers(IReadOnlyList<double> xs, string color, string label, string? tag = null)
    {
        ArgumentNullException.ThrowIfNull(xs);
        foreach (double x in xs)
        {
            double px = Px(x);
            Append($"<path d=\"M{N(px - 6)},{N(Top)} L{N(px + 6)},{N(Top)} L{N(px)},{N(Top + 10)} Z\" fill=\"{color}\"><title>{WebUtility.HtmlEncode(label)}</title></path>");
            if (tag is not null)
            {
                Append($"<text x=\"{N(px)}\" y=\"{N(Top - 2)}\" text-anchor=\"middle\" font-size=\"10\" font-weight=\"bold\" fill=\"{color}\">{WebUtility.HtmlEncode(tag)}</text>");
            }
        }

        if (xs.Count > 0)
        {
            _legend.Add((color, label));
        }
    }

    /// <summary>A note in the middle of the plot (e.g. "not recorded by this firmware").</summary>
    public void AddNote(string text)
    {
        Append($"<text x=\"{N(_width / 2)}\" y=\"{N(_height / 2)}\" text-anchor=\"middle\" font-size=\"13\" fill=\"{ChartColors.Axis}\">{WebUtility.HtmlEncode(text)}</text>");
    }

    /// <summary>The chart as an <c>&lt;svg&gt;</c> element.</summary>
    public string Render()
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" width=\"{N(_width)}\" height=\"{N(_height)}\" viewBox=\"0 0 {N(_width)} {N(_height)}\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(_title)}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(Left)}\" y=\"18\" font-size=\"13\" font-weight=\"bold\" fill=\"{ChartColors.Axis}\">{WebUtility.HtmlEncode(_title)}</text>");
        AppendLegend(svg);
        AppendAxes(svg);
        svg.Append(_body);
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static double NiceStep(double raw)
    {
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double fraction = raw / magnitude;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private void AppendLegend(StringBuilder svg)
    {
        double x = _width - Right;
        for (int i = _legend.Count - 1; i >= 0; i--)
        {
            (string color, string label) = _legend[i];
            double textWidth = 7 * label.Length;
            x -= textWidth;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x)}\" y=\"18\" font-size=\"11\" fill=\"{ChartColors.Axis}\">{WebUtility.HtmlEncode(label)}</text>");
            x -= 14;
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(x)}\" y=\"9\" width=\"10\" height=\"10\" fill=\"{color}\"/>");
            x -= 12;
        }
    }

    private void AppendAxes(StringBuilder svg)
    {
        double plotBottom = _height - Bottom;
        double yStep = NiceStep((_yMax - _yMin) / 4);
        for (int i = (int)Math.Ceiling(_yMin / yStep); (i * yStep) <= _yMax + (yStep / 1000); i++)
        {
            // Ticks by index, not by summing steps: no drift, and zero is 0, never "-0".
            double y = i == 0 ? 0 : i * yStep;
            double py = Py(y);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(Left)}\" y1=\"{N(py)}\" x2=\"{N(_width - Right)}\" y2=\"{N(py)}\" stroke=\"{ChartColors.Grid}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(Left - 6)}\" y=\"{N(py + 4)}\" text-anchor=\"end\" font-size=\"11\" fill=\"{ChartColors.Axis}\">{WebUtility.HtmlEncode(y.ToString("0.##", CultureInfo.InvariantCulture))}</text>");
        }

        double xStep = Math.Max(MinXStep, NiceStep((_xMax - _xMin) / 6));
        for (int i = (int)Math.Ceiling(_xMin / xStep); (i * xStep) <= _xMax + (xStep / 1000); i++)
        {
            double x = i == 0 ? 0 : i * xStep;
            double px = Px(x);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(px)}\" y1=\"{N(plotBottom)}\" x2=\"{N(px)}\" y2=\"{N(plotBottom + 4)}\" stroke=\"{ChartColors.Axis}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(px)}\" y=\"{N(plotBottom + 16)}\" text-anchor=\"middle\" font-size=\"11\" fill=\"{ChartColors.Axis}\">{WebUtility.HtmlEncode(XLabel(x))}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(Left)}\" y1=\"{N(Top)}\" x2=\"{N(Left)}\" y2=\"{N(plotBottom)}\" stroke=\"{ChartColors.Axis}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(Left)}\" y1=\"{N(plotBottom)}\" x2=\"{N(_width - Right)}\" y2=\"{N(plotBottom)}\" stroke=\"{ChartColors.Axis}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(_width - Right)}\" y=\"{N(_height - 2)}\" text-anchor=\"end\" font-size=\"11\" fill=\"{ChartColors.Axis}\">{WebUtility.HtmlEncode(XName)}</text>");
    }

    private void Flush(List<string> run, string color, bool dashed)
    {
        if (run.Count > 1)
        {
            string dash = dashed ? " stroke-dasharray=\"5,3\"" : "";
            Append($"<polyline points=\"{string.Join(' ', run)}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2.5\"{dash}/>");
        }

        run.Clear();
    }

    private string Point(double x, double y) => N(Px(x)) + "," + N(Py(y));

    private double Px(double x) => Left + ((x - _xMin) / (_xMax - _xMin) * (_width - Left - Right));

    private double Py(double y) => _height - Bottom - ((Math.Clamp(y, _yMin, _yMax) - _yMin) / (_yMax - _yMin) * (_height - Top - Bottom));

    private void Append(string element) => _body.Append(element);
}
