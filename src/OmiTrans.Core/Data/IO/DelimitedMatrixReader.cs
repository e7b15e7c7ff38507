namespace OmiTrans.Data.IO;

/// <summary>
/// Reads a delimited omics table (TSV or CSV, optionally gzip-compressed) straight into float32 storage, with the
/// grammar of <see cref="TableLayout"/> and <see cref="FieldCursor"/> (docs/data-formats.md).
/// </summary>
internal static class DelimitedMatrixReader
{
    public static OmicsMatrix Read(string path, OmicsReadOptions options)
    {
        char delimiter = Delimiters.For(path, options.Delimiter);
        using var input = TableInput.Open(path);
        return TableParser.Read(input, delimiter, options.SamplesInRows, storeValues: true).ToMatrix();
    }

    /// <summary>Reads a table held in memory; <paramref name="origin"/> names it in messages and chooses the delimiter as a file name would.</summary>
    public static OmicsMatrix Read(string origin, byte[] content, OmicsReadOptions options)
    {
        char delimiter = Delimiters.For(origin, options.Delimiter);
        using var input = TableInput.FromBytes(origin, content);
        return TableParser.Read(input, delimiter, options.SamplesInRows, storeValues: true).ToMatrix();
    }
}
