using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace OmiTrans.Core.Tests.Data.IO;

/// <summary>
/// An independent, deliberately plain implementation of the table grammar of docs/data-formats.md (strings, no
/// spans, no speed), used as the oracle for corrupted files: whatever the readers accept must be what this reads,
/// and whatever this refuses the readers must refuse. It decides only accept or refuse, not the message.
/// </summary>
internal static partial class ReferenceTableReader
{
    private static readonly string[] MissingTokens = ["", "NA", "na", "NaN", "nan", "NAN", "N/A", "null", "NULL"];

    /// <summary>Reads uncompressed table bytes; throws <see cref="FormatException"/> when the grammar refuses them.</summary>
    public static OmicsMatrix Read(byte[] bytes, char delimiter, bool samplesInRows)
    {
        if (bytes.Length == 0 || bytes.Contains((byte)0))
        {
            throw new FormatException("empty, or a NUL byte");
        }

        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            throw new FormatException("UTF-16 or UTF-32");
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new FormatException("not UTF-8");
        }

        if (text.StartsWith('\uFEFF'))
        {
            text = text[1..];
        }

        if (text.Any(c => c < ' ' && c is not '\t' and not '\r' and not '\n' || c == '\u007F'))
        {
            throw new FormatException("a control character");
        }

        var lines = LineBreak().Split(text).ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1); // the break after the last line
        }

        var records = lines.Where(l => !IsBlank(l, delimiter)).Select(l => Fields(l, delimiter)).ToList();
        if (records.Count == 0)
        {
            throw new FormatException("no header");
        }

        var header = records[0].Select(f => f.Text).ToList();
        if (records.Count == 1)
        {
            throw new FormatException("no rows");
        }

        var columns = records[1].Count == header.Count + 1 ? header
            : records[1].Count == header.Count ? header.Skip(1).ToList()
            : throw new FormatException("ragged first row");
        if (columns.Count == 0 || columns.Any(c => c.Length == 0) || columns.Distinct(StringComparer.Ordinal).Count() != columns.Count)
        {
            throw new FormatException("column ids");
        }

        var rowIds = new List<string>();
        var values = new List<float[]>();
        foreach (var record in records.Skip(1))
        {
            if (record.Count != columns.Count + 1 || record[0].Text.Length == 0)
            {
                throw new FormatException("ragged row or empty id");
            }

            rowIds.Add(record[0].Text);
            values.Add(record.Skip(1).Select(f => Value(f.Raw)).ToArray());
        }

        if (rowIds.Distinct(StringComparer.Ordinal).Count() != rowIds.Count)
        {
            throw new FormatException("duplicate row id");
        }

        var grid = new float[rowIds.Count, columns.Count];
        for (int r = 0; r < rowIds.Count; r++)
        {
            for (int c = 0; c < columns.Count; c++)
            {
                grid[r, c] = values[r][c];
            }
        }

        if (!samplesInRows)
        {
            return OmicsMatrix.Create(rowIds, columns, grid);
        }

        var transposed = new float[columns.Count, rowIds.Count];
        for (int r = 0; r < rowIds.Count; r++)
        {
            for (int c = 0; c < columns.Count; c++)
            {
                transposed[c, r] = grid[r, c];
            }
        }

        return OmicsMatrix.Create(columns, rowIds, transposed);
    }

    private static bool IsBlank(string line, char delimiter) => line.All(c => c == ' ' || (c == '\t' && delimiter != '\t'));

    private static bool IsPad(char c, char delimiter) => c == ' ' || (c == '\t' && delimiter != '\t');

    /// <summary>The fields of a line: the id text (unquoted trimmed, quoted verbatim) and the raw cell (quotes removed, untrimmed).</summary>
    private static List<(string Text, string Raw)> Fields(string line, char delimiter)
    {
        var fields = new List<(string, string)>();
        int i = 0;
        while (true)
        {
            int start = i;
            while (i < line.Length && IsPad(line[i], delimiter))
            {
                i++;
            }

            if (i < line.Length && line[i] == '"')
            {
                var content = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        throw new FormatException("unclosed quote");
                    }

                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            content.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    content.Append(line[i++]);
                }

                while (i < line.Length && IsPad(line[i], delimiter))
                {
                    i++;
                }

                fields.Add((content.ToString(), content.ToString()));
                if (i == line.Length)
                {
                    return fields;
                }

                if (line[i] != delimiter)
                {
                    throw new FormatException("text after a closing quote");
                }

                i++;
                continue;
            }

            int end = line.IndexOf(delimiter, start);
            var raw = end < 0 ? line[start..] : line[start..end];
            if (raw.Contains('"'))
            {
                throw new FormatException("a quote in an unquoted field");
            }

            fields.Add((raw.Trim(' ', '\t'), raw));
            if (end < 0)
            {
                return fields;
            }

            i = end + 1;
        }
    }

    private static float Value(string raw)
    {
        var cell = raw.Trim(' ', '\t');
        if (MissingTokens.Contains(cell))
        {
            return float.NaN;
        }

        if (!Number().IsMatch(cell))
        {
            throw new FormatException("not a number");
        }

        float value = float.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);
        return float.IsInfinity(value) ? throw new FormatException("infinite") : value;
    }

    [GeneratedRegex("\r\n|\r|\n")]
    private static partial Regex LineBreak();

    [GeneratedRegex("^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?\\z")]
    private static partial Regex Number();
}
