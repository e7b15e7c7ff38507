namespace OmiTrans.Data.IO;

/// <summary>
/// The grammar of an omics table above the field level: the header, whether it has a corner cell, the column ids,
/// and the rows (an id, then one value per column), with every message about them. Shared by the whole-file reader
/// and the chunked reader, so that both accept the same files and report the same problems in the same words.
/// </summary>
internal sealed class TableLayout
{
    private TableLayout(string origin, char delimiter, bool samplesInRows, long headerLine, uint headerFingerprint, string[] columnIds, bool headerHasCorner)
    {
        Origin = origin;
        Delimiter = delimiter;
        SamplesInRows = samplesInRows;
        HeaderLine = headerLine;
        HeaderFingerprint = headerFingerprint;
        ColumnIds = columnIds;
        HeaderHasCorner = headerHasCorner;
    }

    public string Origin { get; }

    public char Delimiter { get; }

    public bool SamplesInRows { get; }

    /// <summary>The 1-based line of the header.</summary>
    public long HeaderLine { get; }

    /// <summary>The CRC-32 of the header line's bytes, to recognise the file in later passes.</summary>
    public uint HeaderFingerprint { get; }

    /// <summary>The ids of the value columns: sample ids, or feature ids when samples are rows.</summary>
    public string[] ColumnIds { get; }

    /// <summary>False when the header lacks the corner cell (R's write.table layout).</summary>
    public bool HeaderHasCorner { get; }

    /// <summary>What a row is: "feature" or "sample".</summary>
    public string RowKind => SamplesInRows ? "sample" : "feature";

    /// <summary>A line of spaces (and tabs, unless tab is the delimiter) only.</summary>
    public static bool IsBlank(ReadOnlySpan<byte> line, char delimiter)
        => delimiter == '\t' ? line.IndexOfAnyExcept((byte)' ') < 0 : line.IndexOfAnyExcept((byte)' ', (byte)'\t') < 0;

    /// <summary>The fields of the header line (the first may be a corner label, decided by <see cref="Decide"/>).</summary>
    public static string[] ReadHeader(ReadOnlySpan<byte> line, long lineNumber, string origin, char delimiter)
    {
        var cursor = new FieldCursor(line, delimiter);
        var fields = new List<string>();
        while (cursor.MoveNext())
        {
            if (!cursor.TryGetText(out var text, out var problem))
            {
                throw new OmicsFormatException(origin, lineNumber, cursor.Index + 1, $"the header field {problem}.");
            }

            fields.Add(text);
        }

        if (cursor.Error != FieldError.None)
        {
            throw new OmicsFormatException(origin, lineNumber, cursor.Index + 1, FieldCursor.Describe(cursor.Error));
        }

        return fields.ToArray();
    }

    /// <summary>
    /// Decides the layout from the header and the first data line: when that line has one field more than the
    /// header, the header lacks the corner cell; when it has as many, the header's first field is the corner.
    /// </summary>
    public static TableLayout Decide(
        string origin, char delimiter, bool samplesInRows, string[] header, long headerLine, uint headerFingerprint, ReadOnlySpan<byte> firstDataLine, long lineNumber)
    {
        int fields = FieldCursor.Count(firstDataLine, delimiter, out var error);
        if (error != FieldError.None)
        {
            throw new OmicsFormatException(origin, lineNumber, fields + 1, FieldCursor.Describe(error));
        }

        string[] columnIds;
        bool hasCorner;
        if (fields == header.Length + 1)
        {
            columnIds = header;
            hasCorner = false;
        }
        else if (fields == header.Length)
        {
            columnIds = header[1..];
            hasCorner = true;
        }
        else
        {
            throw new OmicsFormatException(
                origin,
                lineNumber,
                0,
                $"expected {header.Length} fields (a row id and {header.Length - 1} values, as the header on line {headerLine} has) but found {fields}. Is the delimiter right? This file is read with {Delimiters.Describe(delimiter)}.");
        }

        var layout = new TableLayout(origin, delimiter, samplesInRows, headerLine, headerFingerprint, columnIds, hasCorner);
        if (columnIds.Length == 0)
        {
            throw new OmicsFormatException(
                origin, headerLine, 0, $"the header names no {(samplesInRows ? "features" : "samples")}. Is the delimiter right? This file is read with {Delimiters.Describe(delimiter)}.");
        }

        layout.CheckColumnIds();
        return layout;
    }

    private void CheckColumnIds()
    {
        int offset = HeaderHasCorner ? 2 : 1;
        var seen = new Dictionary<string, int>(ColumnIds.Length, StringComparer.Ordinal);
        string kind = SamplesInRows ? "feature" : "sample";
        for (int i = 0; i < ColumnIds.Length; i++)
        {
            var id = ColumnIds[i];
            if (id.Length == 0)
            {
                throw new OmicsFormatException(Origin, HeaderLine, i + offset, $"the {kind} id in the header is empty.");
            }

            if (!seen.TryAdd(id, i))
            {
                throw new OmicsFormatException(
                    Origin, HeaderLine, i + offset, $"duplicate {kind} id '{Printable.Text(id)}' (also in column {seen[id] + offset}).");
            }
        }
    }

    /// <summary>
    /// Parses one data line: its id, then the values <paramref name="sink"/> wants. Returns the problem instead of
    /// throwing, so rows can be parsed in parallel and the first problem in file order reported.
    /// </summary>
    public OmicsFormatException? ParseRow<TSink>(ReadOnlySpan<byte> line, long lineNumber, bool mayHoldQuote, ref TSink sink, out string id)
        where TSink : struct, ICellSink
    {
        var cursor = new FieldCursor(line, Delimiter, mayHoldQuote);
        id = string.Empty;
        if (!cursor.MoveNext())
        {
            return Syntax(ref cursor, lineNumber);
        }

        if (!cursor.TryGetText(out id, out var problem))
        {
            return new OmicsFormatException(Origin, lineNumber, 1, $"the {RowKind} id {problem}.");
        }

        if (id.Length == 0)
        {
            return new OmicsFormatException(Origin, lineNumber, 1, $"the {RowKind} id is empty.");
        }

        bool wholeRow = sink.CheckWholeRow;
        int last = sink.LastColumn;
        if (!wholeRow && last < 0)
        {
            return null;
        }

        int expected = ColumnIds.Length;
        int column = 0;
        while (cursor.MoveNext())
        {
            if (column == expected)
            {
                int found = column + 2;
                while (cursor.MoveNext())
                {
                    found++;
                }

                return cursor.Error != FieldError.None
                    ? Syntax(ref cursor, lineNumber)
                    : new OmicsFormatException(Origin, lineNumber, 0, $"expected {expected + 1} fields (a row id and {expected} values) but found {found}.");
            }

            if (sink.Wants(column))
            {
                var kind = CellParser.Parse(cursor.Current, out float value);
                if (kind == CellKind.NotANumber)
                {
                    return new OmicsFormatException(
                        Origin, lineNumber, column + 2, $"'{Printable.Bytes(cursor.Current)}' in row '{Printable.Text(id)}', column '{Printable.Text(ColumnIds[column])}' is not a number (missing values may be written NA, NaN or left empty).");
                }

                if (kind == CellKind.Infinite)
                {
                    return new OmicsFormatException(
                        Origin, lineNumber, column + 2, $"'{Printable.Bytes(cursor.Current)}' in row '{Printable.Text(id)}', column '{Printable.Text(ColumnIds[column])}' is infinite; write NA for a missing value.");
                }

                sink.Set(column, value);
            }

            column++;
            if (!wholeRow && column > last)
            {
                return null;
            }
        }

        if (cursor.Error != FieldError.None)
        {
            return Syntax(ref cursor, lineNumber);
        }

        if (column != expected)
        {
            return new OmicsFormatException(
                Origin, lineNumber, 0, $"expected {expected + 1} fields (a row id and {expected} values) but found {column + 1}.");
        }

        return null;
    }

    private OmicsFormatException Syntax(ref FieldCursor cursor, long lineNumber)
        => new(Origin, lineNumber, cursor.Index + 1, FieldCursor.Describe(cursor.Error));
}
