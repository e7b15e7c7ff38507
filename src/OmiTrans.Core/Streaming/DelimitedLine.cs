using System.Globalization;

namespace OmiTrans.Streaming;

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

    /// <summary>Parses a value cell; NA, NaN, N/A, null and empty are missing. Throws with the file, line and column otherwise.</summary>
    public static float Value(ReadOnlySpan<char> cell, string path, long line, int column)
    {
        cell = cell.Trim();
        if (cell.IsEmpty || cell.Equals("NA", StringComparison.OrdinalIgnoreCase) || cell.Equals("NaN", StringComparison.OrdinalIgnoreCase)
            || cell.Equals("N/A", StringComparison.OrdinalIgnoreCase) || cell.Equals("null", StringComparison.OrdinalIgnoreCase))
        {
            return float.NaN;
        }

        if (!float.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out float value))
        {
            throw new OmicsFormatException(path, line, column, $"'{cell.ToString()}' is not a number (missing values are NA, NaN or empty).");
        }

        if (float.IsInfinity(value))
        {
            throw new OmicsFormatException(path, line, column, $"'{cell.ToString()}' is infinite; omics values must be finite (use NA for a missing value).");
        }

        return value;
    }
}
