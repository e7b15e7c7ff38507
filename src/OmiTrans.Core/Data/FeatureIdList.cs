
namespace OmiTrans.Data;

/// <summary>Reads lists of feature ids (for example probes to exclude): one id per line, the first tab- or comma-separated field.</summary>
public static class FeatureIdList
{
    /// <summary>
    /// Reads the ids of a file (optionally .gz), with the table grammar of the omics readers (quoting, line breaks,
    /// encoding and gzip checks). Blank lines and lines starting with '#' are skipped; a header line "feature" or
    /// "id" is skipped.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="OmicsFormatException">The file lists the same id twice (line and id named), or is not a readable text file.</exception>
    public static IReadOnlyCollection<string> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var input = TableInput.Open(path);
        using var stream = input.OpenPass();
        var reader = new LineBlockReader(stream, path, input.BufferSizeFor(1 << 20));
        var lines = new List<LineRef>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        bool first = true;
        while (reader.Next(lines))
        {
            foreach (var line in lines)
            {
                var text = reader.Buffer.AsSpan(line.Offset, line.Length);
                var cursor = new FieldCursor(text, text.IndexOf((byte)'\t') >= 0 ? '\t' : ',');
                if (!cursor.MoveNext())
                {
                    throw new OmicsFormatException(path, line.LineNumber, 1, FieldCursor.Describe(cursor.Error));
                }

                if (!cursor.TryGetText(out var id, out var problem))
                {
                    throw new OmicsFormatException(path, line.LineNumber, 1, $"the id {problem}.");
                }

                bool header = first && id is "feature" or "id";
                first &= id.Length == 0;
                if (id.Length == 0 || (!cursor.Quoted && id.StartsWith('#')) || header)
                {
                    continue;
                }

                if (!ids.Add(id))
                {
                    throw new OmicsFormatException(path, line.LineNumber, 1, $"the id '{Printable.Text(id)}' is listed twice.");
                }
            }
        }

        input.CheckUnchanged();
        return ids;
    }
}
