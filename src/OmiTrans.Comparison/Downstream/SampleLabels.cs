
namespace OmiTrans.Comparison.Downstream;

/// <summary>Class labels of samples (for example tumour types), read from a two-column table <c>sample  label</c>.</summary>
public static class SampleLabels
{
    /// <summary>
    /// Reads labels: tab- or comma-separated, first column the sample id, last column the label, an optional header line
    /// (recognised when its first cell is sample, id or barcode). Empty or NA labels are skipped.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <exception cref="OmicsFormatException">A line has fewer than two fields or a sample appears twice.</exception>
    public static IReadOnlyDictionary<string, string> Read(string path)
    {
        Guard.NotNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The label file '{path}' does not exist.", path);
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = new Dictionary<string, long>(StringComparer.Ordinal);
        long lineNumber = 0;
        bool first = true;
        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split(line.Contains('\t') ? '\t' : ',').Select(f => f.Trim().Trim('"')).ToArray();
            if (fields.Length < 2)
            {
                throw new OmicsFormatException(path, lineNumber, 0, "expected a sample id and a label.");
            }

            if (first && fields[0].ToLowerInvariant() is "sample" or "id" or "barcode" or "sample_id" or "")
            {
                first = false;
                continue;
            }

            first = false;
            var label = fields[^1];
            if (label.Length == 0 || label is "NA" or "NaN" or "null")
            {
                continue;
            }

            if (!lines.TryAdd(fields[0], lineNumber))
            {
                throw new OmicsFormatException(path, lineNumber, 1, $"sample '{fields[0]}' is listed twice (also on line {lines[fields[0]]}).");
            }

            labels[fields[0]] = label;
        }

        return labels;
    }
}
