
namespace OmiTrans.Data;

/// <summary>Reads lists of feature ids (for example probes to exclude): one id per line, the first tab- or comma-separated field.</summary>
public static class FeatureIdList
{
    /// <summary>Reads the ids of a file (optionally .gz). Empty lines and lines starting with '#' are skipped; a header line "feature" or "id" is skipped.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="OmicsFormatException">The file lists the same id twice (line and id named).</exception>
    public static IReadOnlyCollection<string> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = TextInput.Open(path);
        using var reader = new StreamReader(stream, detectEncodingFromByteOrderMarks: true);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        long lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var id = line.Split('\t', ',')[0].Trim().Trim('"');
            if (id.Length == 0 || id.StartsWith('#') || (lineNumber == 1 && id is "feature" or "id"))
            {
                continue;
            }

            if (!ids.Add(id))
            {
                throw new OmicsFormatException(path, lineNumber, 1, $"the id '{id}' is listed twice.");
            }
        }

        return ids;
    }
}
