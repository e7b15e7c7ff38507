using System.Text;

namespace OmiTrans.Data.IO;

/// <summary>Splitting and parsing of one text line of an omics table (quoted ids, CR, missing-value tokens).</summary>
internal static class DelimitedLine
{
    public static string[] Fields(string line, char delimiter)
    {
        var fields = line.TrimEnd('\r').Split(delimiter);
        for (int i = 0; i < fields.Length; i++)
        {
            fields[i] = Unquote(fields[i]);
        }

        return fields;
    }

    public static string Unquote(string field)
    {
        var trimmed = field.Trim();
        return trimmed.Length >= 2 && trimmed[0] == '"' && trimmed[^1] == '"' ? trimmed[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : trimmed;
    }

    /// <summary>
    /// Parses a value cell with the file reader's cell grammar (<see cref="CellParser"/>: the same missing-value tokens
    /// and number syntax). Throws with the file, line and column otherwise.
    /// </summary>
    public static float Value(ReadOnlySpan<char> cell, string path, long line, int column)
    {
        int count = Encoding.UTF8.GetByteCount(cell);
        Span<byte> buffer = count <= 128 ? stackalloc byte[128] : new byte[count];
        int length = Encoding.UTF8.GetBytes(cell, buffer);
        var kind = CellParser.Parse(buffer[..length], out float value);
        return kind switch
        {
            CellKind.Number => value,
            CellKind.Missing => float.NaN,
            CellKind.Infinite => throw new OmicsFormatException(path, line, column, $"'{cell.ToString()}' is infinite; omics values must be finite (use NA for a missing value)."),
            _ => throw new OmicsFormatException(path, line, column, $"'{cell.ToString()}' is not a number (missing values are NA, NaN or empty)."),
        };
    }
}
