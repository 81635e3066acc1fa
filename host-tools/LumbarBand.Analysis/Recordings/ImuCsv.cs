using System.Globalization;
using System.Text;

namespace LumbarBand.Analysis.Recordings;

/// <summary>
/// Reads and writes IMU recordings in the CSV format of DESIGN.md:
/// <c>t_s,acc_x_g,acc_y_g,acc_z_g,gyr_x_dps,gyr_y_dps,gyr_z_dps</c>, columns in any order, one sample a line.
/// Reading is strict: anything that would silently change the analysis is an error naming the line and column, and
/// values the sensor cannot produce, long gaps and other units are refused (<see cref="ImuPlausibility"/>).
/// </summary>
public static class ImuCsv
{
    private static readonly string[] Columns = ImuRecording.CsvHeader.Split(',');

    /// <summary>Reads a recording file, throwing <see cref="RecordingFormatException"/> on any fault.</summary>
    public static ImuRecording Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            throw new RecordingFormatException(path, "is a directory, not a recording file");
        }

        if (!File.Exists(path))
        {
            throw new RecordingFormatException(path, "no such file");
        }

        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Read(reader, path);
    }

    /// <summary>Reads a recording from text; <paramref name="name"/> is used in error messages.</summary>
    public static ImuRecording Read(TextReader reader, string name)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(name);
        string? header = reader.ReadLine();
        if (header == null || header.Trim().Length == 0)
        {
            throw new RecordingFormatException(name, $"is empty; expected the header line '{ImuRecording.CsvHeader}'");
        }

        int[] fieldOfColumn = ParseHeader(header, name);
        string[] fieldNames = header.Split(',').Select(f => f.Trim().TrimStart('\uFEFF')).ToArray();
        int fieldCount = fieldNames.Length;
        var values = new List<double>[Columns.Length];
        for (int c = 0; c < values.Length; c++)
        {
            values[c] = new List<double>();
        }

        int lineNumber = 1;
        string? line;
        var fields = new double[fieldCount];
        while ((line = reader.ReadLine()) != null)
        {
            lineNumber++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            string[] parts = line.Split(',');
            if (parts.Length != fieldCount)
            {
                throw new RecordingFormatException(name, lineNumber, 0, $"has {parts.Length} fields; the header has {fieldCount}");
            }

            for (int f = 0; f < fieldCount; f++)
            {
                string text = parts[f].Trim();
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                {
                    string what = text.Length == 0 ? "is empty" : $"'{text}' is not a finite number";
                    throw new RecordingFormatException(name, lineNumber, f + 1, $"{fieldNames[f]} {what}");
                }

                ImuPlausibility.CheckValue(name, lineNumber, f + 1, fieldNames[f], v);

                fields[f] = v;
            }

            for (int c = 0; c < Columns.Length; c++)
            {
                values[c].Add(fields[fieldOfColumn[c]]);
            }

            List<double> time = values[0];
            int n = time.Count;
            if (n > 1 && !(time[n - 1] > time[n - 2]))
            {
                throw new RecordingFormatException(
                    name, lineNumber, fieldOfColumn[0] + 1,
                    $"t_s must increase: {Format(time[n - 1])} s follows {Format(time[n - 2])} s");
            }

            if (n > 1)
            {
                ImuPlausibility.CheckGap(name, lineNumber, fieldOfColumn[0] + 1, time[n - 2], time[n - 1]);
            }
        }

        if (values[0].Count == 0)
        {
            throw new RecordingFormatException(name, "has a header but no samples");
        }

        if (values[0].Count < 2)
        {
            throw new RecordingFormatException(name, "has only one sample; a recording needs at least two");
        }

        var recording = new ImuRecording(
            values[0].ToArray(), values[1].ToArray(), values[2].ToArray(), values[3].ToArray(),
            values[4].ToArray(), values[5].ToArray(), values[6].ToArray());
        ImuPlausibility.CheckUnits(recording, name);
        return recording;
    }

    /// <summary>Writes a recording with the standard header, in invariant culture.</summary>
    public static void Write(ImuRecording recording, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(recording);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(ImuRecording.CsvHeader);
        for (int i = 0; i < recording.Count; i++)
        {
            writer.Write(recording.TimeS[i].ToString("0.####", CultureInfo.InvariantCulture));
            for (int a = 0; a < 3; a++)
            {
                writer.Write(',');
                writer.Write(recording.AccG[a][i].ToString("0.#####", CultureInfo.InvariantCulture));
            }

            for (int a = 0; a < 3; a++)
            {
                writer.Write(',');
                writer.Write(recording.GyrDps[a][i].ToString("0.####", CultureInfo.InvariantCulture));
            }

            writer.WriteLine();
        }
    }

    private static int[] ParseHeader(string header, string name)
    {
        string[] names = header.Split(',');
        var fieldOfColumn = new int[Columns.Length];
        Array.Fill(fieldOfColumn, -1);
        for (int f = 0; f < names.Length; f++)
        {
            string n = names[f].Trim().TrimStart('\uFEFF');
            int c = Array.IndexOf(Columns, n);
            if (c < 0)
            {
                throw new RecordingFormatException(
                    name, 1, f + 1, $"unknown column '{n}'; expected exactly {ImuRecording.CsvHeader}");
            }

            if (fieldOfColumn[c] >= 0)
            {
                throw new RecordingFormatException(name, 1, f + 1, $"column '{n}' appears twice");
            }

            fieldOfColumn[c] = f;
        }

        string[] missing = Columns.Where((_, c) => fieldOfColumn[c] < 0).ToArray();
        if (missing.Length > 0)
        {
            throw new RecordingFormatException(
                name, 1, 0, $"missing column{(missing.Length > 1 ? "s" : "")} {string.Join(", ", missing)}; expected {ImuRecording.CsvHeader}");
        }

        return fieldOfColumn;
    }

    private static string Format(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);
}
