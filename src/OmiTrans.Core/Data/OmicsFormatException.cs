namespace OmiTrans.Data;

/// <summary>
/// Thrown when an input file is malformed: a ragged row, a non-numeric or infinite cell, a duplicate sample or
/// feature id, an empty file. The message and the properties name the file, the 1-based line and column.
/// </summary>
public sealed class OmicsFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="filePath">The file that was being read, or a description of the input.</param>
    /// <param name="line">The 1-based line number, or 0 when the problem concerns the whole file.</param>
    /// <param name="column">The 1-based column (field) number, or 0 when the problem concerns a whole line.</param>
    /// <param name="problem">What is wrong, in a sentence without the location.</param>
    public OmicsFormatException(string filePath, long line, int column, string problem)
        : base(Compose(filePath, line, column, problem))
    {
        FilePath = filePath;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>The file that was being read.</summary>
    public string FilePath { get; }

    /// <summary>The 1-based line number, or 0 when the problem concerns the whole file.</summary>
    public long Line { get; }

    /// <summary>The 1-based column (field) number, or 0 when the problem concerns a whole line.</summary>
    public int Column { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    private static string Compose(string filePath, long line, int column, string problem)
    {
        var where = line <= 0 ? filePath : column <= 0 ? $"{filePath}:{line}" : $"{filePath}:{line}:{column}";
        return $"{where}: {problem}";
    }
}
