using System.Text;

namespace OmiTrans.Data;

/// <summary>
/// Reads and writes omics tables: tab- or comma-separated text, optionally gzip-compressed, one feature per row
/// (the default) or one sample per row.
/// </summary>
/// <remarks>
/// Layout read by default: a header line whose first cell is a label (ignored) and whose other cells are sample
/// ids, then one line per feature: its id, then one value per sample; a header without the corner cell (as R's
/// write.table writes it) is recognised. NA, NaN, N/A, null and empty cells are missing values. Fields may be quoted
/// (RFC 4180 within a line: "" stands for a quote); lines may end in LF, CRLF or CR; the text is UTF-8 (a byte order
/// mark is skipped); gzip input is verified (CRC-32 and length of every member, a clean end). The grammar is the
/// same for chunked translation (<see cref="TranslationModel.TranslateFile"/>) and is described in
/// docs/data-formats.md. A malformed file (ragged row, stray quote, non-numeric or infinite cell, duplicate id, empty
/// file, header without data, UTF-16 or binary content, truncated or corrupt gzip data) throws
/// <see cref="OmicsFormatException"/> naming the file, line and column.
/// </remarks>
public static class OmicsFile
{
    /// <summary>Reads an omics table.</summary>
    /// <param name="path">The file (.tsv, .txt, .csv, optionally .gz).</param>
    /// <param name="options">Layout options; null for the defaults.</param>
    /// <returns>The matrix, whose <see cref="OmicsMatrix.Origin"/> is the path.</returns>
    /// <exception cref="OmicsFormatException">The file is malformed, or changed while it was being read.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ArgumentException">The configured delimiter cannot separate fields (a quote, a line break, a space, a non-ASCII character).</exception>
    public static OmicsMatrix Read(string path, OmicsReadOptions? options = null)
        => DelimitedMatrixReader.Read(Guard.NotNullOrWhiteSpace(path), options ?? OmicsReadOptions.Default);

    /// <summary>
    /// Reads an omics table from a stream (an HTTP response, a zip entry, an embedded resource), with the grammar and
    /// checks of <see cref="Read(string, OmicsReadOptions?)"/>. The stream is read to its end into memory first (a
    /// table is parsed in several passes); gzip content is recognised by its bytes.
    /// </summary>
    /// <param name="stream">The stream; read to its end, not disposed.</param>
    /// <param name="name">A name for messages and for <see cref="OmicsMatrix.Origin"/>; a name ending in .csv (or .csv.gz) means commas, unless <see cref="OmicsReadOptions.Delimiter"/> is set.</param>
    /// <param name="options">Layout options; null for the defaults.</param>
    /// <exception cref="OmicsFormatException">The content is malformed.</exception>
    public static OmicsMatrix Read(Stream stream, string name, OmicsReadOptions? options = null)
    {
        Guard.NotNull(stream);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return DelimitedMatrixReader.Read(Guard.NotNullOrWhiteSpace(name), copy.ToArray(), options ?? OmicsReadOptions.Default);
    }

    /// <summary>
    /// Reads an omics table from text (a <see cref="StringReader"/>, a decoded response), with the grammar and checks
    /// of <see cref="Read(string, OmicsReadOptions?)"/>. The reader is read to its end.
    /// </summary>
    /// <param name="reader">The text; read to its end, not disposed.</param>
    /// <param name="name">A name for messages and for <see cref="OmicsMatrix.Origin"/>; a name ending in .csv means commas, unless <see cref="OmicsReadOptions.Delimiter"/> is set.</param>
    /// <param name="options">Layout options; null for the defaults.</param>
    /// <exception cref="OmicsFormatException">The content is malformed.</exception>
    public static OmicsMatrix Read(TextReader reader, string name, OmicsReadOptions? options = null)
        => DelimitedMatrixReader.Read(Guard.NotNullOrWhiteSpace(name), new UTF8Encoding(false).GetBytes(Guard.NotNull(reader).ReadToEnd()), options ?? OmicsReadOptions.Default);

    /// <summary>
    /// Writes an omics table atomically (to a temporary file renamed into place), with the shortest text that
    /// reads back to the same float32 values, so a round trip is exact. Missing values are written as NA; ids are
    /// quoted when they hold the delimiter or a quote or start or end with white space, so they read back exactly.
    /// </summary>
    /// <param name="matrix">The data.</param>
    /// <param name="path">The destination; a name ending in .gz is gzip-compressed, one ending in .csv is comma-separated.</param>
    /// <param name="options">Layout options; null for the defaults.</param>
    /// <exception cref="ArgumentException">An id holds a line break or another control character (tab excepted), which a table cannot hold.</exception>
    public static void Write(OmicsMatrix matrix, string path, OmicsWriteOptions? options = null)
        => DelimitedMatrixWriter.Write(Guard.NotNull(matrix), Guard.NotNullOrWhiteSpace(path), options ?? OmicsWriteOptions.Default);
}
