using Microsoft.Data.Analysis;

namespace OmiTrans.Data;

/// <summary>
/// Conversion between <see cref="OmicsMatrix"/> and Microsoft.Data.Analysis <see cref="DataFrame"/>, for code that
/// already holds omics data as data frames.
/// </summary>
public static class OmicsDataFrames
{
    /// <summary>
    /// Reads a data frame whose first column holds ids and whose other columns are numeric: with
    /// <paramref name="samplesInRows"/> false (the usual file layout) each row is a feature and each other column a
    /// sample; with it true each row is a sample and each other column a feature. Nulls and NaN are missing values.
    /// </summary>
    /// <param name="frame">The data frame; the id column may be of any type (its values' text is used).</param>
    /// <param name="samplesInRows">Whether rows are samples rather than features.</param>
    /// <param name="origin">A description used in messages; defaults to "data frame".</param>
    /// <exception cref="OmicsSchemaException">
    /// The frame has no value columns or rows, a value column is not numeric, or an id is missing or duplicated;
    /// the message names the column or row.
    /// </exception>
    public static OmicsMatrix ToOmicsMatrix(DataFrame frame, bool samplesInRows = false, string? origin = null)
    {
        Guard.NotNull(frame);
        origin ??= "data frame";
        if (frame.Columns.Count < 2 || frame.Rows.Count == 0)
        {
            throw new OmicsSchemaException($"{origin}: expected an id column and at least one value column with at least one row, got {frame.Columns.Count} column(s) and {frame.Rows.Count} row(s).");
        }

        long rows = frame.Rows.Count;
        var idColumn = frame.Columns[0];
        var rowIds = new string[rows];
        for (long r = 0; r < rows; r++)
        {
            rowIds[r] = idColumn[r]?.ToString() is { Length: > 0 } id
                ? id
                : throw new OmicsSchemaException($"{origin}: row {r} has no id in column '{idColumn.Name}'.");
        }

        var valueColumns = frame.Columns.Skip(1).ToList();
        var notNumeric = valueColumns.Where(c => !IsNumeric(c.DataType)).Select(c => $"'{c.Name}' ({c.DataType.Name})").ToList();
        if (notNumeric.Count > 0)
        {
            throw new OmicsSchemaException($"{origin}: value columns must be numeric, but {notNumeric.Count} are not: {Preview.Of(notNumeric)}.");
        }

        var columnIds = valueColumns.Select(c => c.Name).ToArray();
        var values = new float[rows * columnIds.Length];
        for (int c = 0; c < valueColumns.Count; c++)
        {
            var column = valueColumns[c];
            for (long r = 0; r < rows; r++)
            {
                float v = column[r] is { } cell ? Convert.ToSingle(cell, System.Globalization.CultureInfo.InvariantCulture) : float.NaN;
                values[samplesInRows ? (r * columnIds.Length) + c : (c * rows) + r] = v;
            }
        }

        // values is column-major over the frame: [column][row] for features in rows, [row][column] for samples in rows.
        return samplesInRows
            ? OmicsMatrix.FromSampleRows(columnIds, rowIds, values, origin)
            : OmicsMatrix.FromSampleRows(rowIds, columnIds, values, origin);
    }

    /// <summary>
    /// A data frame of the matrix: a string id column ("feature", or "sample" with <paramref name="samplesInRows"/>)
    /// followed by one float column per sample (or per feature). Missing values become nulls.
    /// </summary>
    /// <param name="matrix">The matrix.</param>
    /// <param name="samplesInRows">Whether to lay samples out as rows.</param>
    public static DataFrame ToDataFrame(OmicsMatrix matrix, bool samplesInRows = false)
    {
        Guard.NotNull(matrix);
        var rowIds = samplesInRows ? matrix.SampleIds : matrix.FeatureIds;
        var columnIds = samplesInRows ? matrix.FeatureIds : matrix.SampleIds;
        var columns = new List<DataFrameColumn> { new StringDataFrameColumn(samplesInRows ? "sample" : "feature", rowIds) };
        for (int c = 0; c < columnIds.Count; c++)
        {
            var column = new SingleDataFrameColumn(columnIds[c], rowIds.Count);
            for (int r = 0; r < rowIds.Count; r++)
            {
                float v = samplesInRows ? matrix[c, r] : matrix[r, c];
                column[r] = float.IsNaN(v) ? null : v;
            }

            columns.Add(column);
        }

        return new DataFrame(columns);
    }

    /// <summary>
    /// Reads an omics table (TSV/CSV, optionally gzip-compressed; the format of <see cref="OmicsFile.Read(string, OmicsReadOptions?)"/>)
    /// into a data frame whose missing values (NA, NaN, empty) are nulls. <c>DataFrame.LoadCsv</c> cannot read such tables: it
    /// fails on the first NA of a numeric column.
    /// </summary>
    /// <param name="path">The table.</param>
    /// <param name="options">How the file is laid out; null for the defaults (features as rows).</param>
    /// <param name="samplesInRows">Whether the frame has one row per sample (default: one row per feature).</param>
    /// <exception cref="OmicsFormatException">The file is malformed (file, line and column named).</exception>
    public static DataFrame ReadFile(string path, OmicsReadOptions? options = null, bool samplesInRows = false) =>
        ToDataFrame(OmicsFile.Read(path, options), samplesInRows);

    private static bool IsNumeric(Type type)
        => type == typeof(float) || type == typeof(double) || type == typeof(int) || type == typeof(long) || type == typeof(short)
        || type == typeof(byte) || type == typeof(sbyte) || type == typeof(ushort) || type == typeof(uint) || type == typeof(ulong) || type == typeof(decimal);
}
