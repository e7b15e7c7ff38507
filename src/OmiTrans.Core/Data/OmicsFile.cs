
namespace OmiTrans.Data;

/// <summary>
/// Reads and writes omics tables: tab- or comma-separated text, optionally gzip-compressed, one feature per row
/// (the default) or one sample per row.
/// </summary>
/// <remarks>
/// Layout read by default: a header line whose first cell is a label (ignored) and whose other cells are sample
/// ids, then one line per feature: its id, then one value per sample. NA, NaN, N/A, null and empty cells are
/// missing values. Quoted ids, CRLF line breaks and a UTF-8 byte order mark are accepted. A malformed file (ragged
/// row, non-numeric or infinite cell, duplicate id, empty file, header without data) throws
/// <see cref="OmicsFormatException"/> naming the file, line and column.
/// </remarks>
public static class OmicsFile
{
    /// <summary>Reads an omics table.</summary>
    /// <param name="path">The file (.tsv, .txt, .csv, optionally .gz).</param>
    /// <param name="options">Layout options; null for the defaults.</param>
    /// <returns>The matrix, whose <see cref="OmicsMatrix.Origin"/> is the path.</returns>
    /// <exception cref="OmicsFormatException">The file is malformed.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static OmicsMatrix Read(string path, OmicsReadOptions? options = null)
        => DelimitedMatrixReader.Read(Guard.NotNullOrWhiteSpace(path), options ?? OmicsReadOptions.Default);

    /// <summary>
    /// Writes an omics table atomically (to a temporary file renamed into place), with the shortest text that
    /// reads back to the same float32 values, so a round trip is exact. Missing values are written as NA.
    /// </summary>
    /// <param name="matrix">The data.</param>
    /// <param name="path">The destination; a name ending in .gz is gzip-compressed, one ending in .csv is comma-separated.</param>
    /// <param name="options">Layout options; null for the defaults.</param>
    public static void Write(OmicsMatrix matrix, string path, OmicsWriteOptions? options = null)
        => DelimitedMatrixWriter.Write(Guard.NotNull(matrix), Guard.NotNullOrWhiteSpace(path), options ?? OmicsWriteOptions.Default);
}
