namespace LumbarBand.Analysis.Recordings;

/// <summary>
/// A recording file that cannot be read, with where: the file, and the line and column (1-based) when the fault is
/// in a particular value. The message is written for the person who has to fix the file.
/// </summary>
public sealed class RecordingFormatException : Exception
{
    /// <summary>Creates an error about a whole file.</summary>
    public RecordingFormatException(string path, string problem)
        : base($"{path}: {problem}")
    {
        Path = path;
    }

    /// <summary>Creates an error about one line, and optionally one column, of a file.</summary>
    public RecordingFormatException(string path, int line, int column, string problem)
        : base(column > 0 ? $"{path}:{line}:{column}: {problem}" : $"{path}:{line}: {problem}")
    {
        Path = path;
        Line = line;
        Column = column;
    }

    /// <summary>Creates an error (for serializers and tests).</summary>
    public RecordingFormatException()
    {
        Path = string.Empty;
    }

    /// <summary>Creates an error with a message (for serializers and tests).</summary>
    public RecordingFormatException(string message)
        : base(message)
    {
        Path = string.Empty;
    }

    /// <summary>Creates an error with a message and a cause.</summary>
    public RecordingFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = string.Empty;
    }

    /// <summary>The file the error is about.</summary>
    public string Path { get; }

    /// <summary>1-based line number, or 0 when the error is about the whole file.</summary>
    public int Line { get; }

    /// <summary>1-based column (field) number, or 0 when the error is about a whole line or file.</summary>
    public int Column { get; }
}
