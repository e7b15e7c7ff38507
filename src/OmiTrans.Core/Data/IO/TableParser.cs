namespace OmiTrans.Data.IO;

/// <summary>
/// Reads a whole omics table: the one implementation behind <see cref="OmicsFile.Read(string, OmicsReadOptions?)"/>
/// (values stored straight into float32 storage) and behind the chunked reader's scan (every line checked, ids kept,
/// values not stored).
/// </summary>
/// <remarks>
/// The file is read twice from one open handle: once to check its bytes (encoding, gzip integrity, NUL bytes) and
/// count its lines, so the matrix is allocated once at its final size, and once to parse. Each block of lines is
/// parsed in parallel, without allocating a string per cell.
/// </remarks>
internal sealed class TableParser
{
    private readonly string _origin;
    private readonly char _delimiter;
    private readonly bool _samplesInRows;
    private readonly bool _storeValues;
    private readonly long _lineCount;
    private readonly List<string> _rowIds = [];
    private readonly List<long> _rowLines = [];
    private string[]? _header;
    private long _headerLine;
    private uint _headerFingerprint;
    private TableLayout? _layout;
    private int _allocatedRows;
    private float[] _values = [];

    private TableParser(string origin, char delimiter, bool samplesInRows, bool storeValues, long lineCount)
    {
        _origin = origin;
        _delimiter = delimiter;
        _samplesInRows = samplesInRows;
        _storeValues = storeValues;
        _lineCount = lineCount;
    }

    /// <summary>The layout found (header, corner cell, column ids).</summary>
    public TableLayout Layout => _layout!;

    /// <summary>The size of the (decompressed) data in bytes.</summary>
    public long DataBytes { get; private init; }

    /// <summary>The row ids in file order.</summary>
    public IReadOnlyList<string> RowIds => _rowIds;

    /// <summary>The 1-based line of each row.</summary>
    public IReadOnlyList<long> RowLines => _rowLines;

    /// <summary>Reads and checks a whole table.</summary>
    /// <param name="input">The open file.</param>
    /// <param name="delimiter">The field delimiter.</param>
    /// <param name="samplesInRows">True when rows are samples.</param>
    /// <param name="storeValues">False to check the values without keeping them.</param>
    /// <exception cref="OmicsFormatException">The file is malformed (file, line and column named).</exception>
    public static TableParser Read(TableInput input, char delimiter, bool samplesInRows, bool storeValues)
    {
        try
        {
            long lineCount;
            long bytes;
            using (var counting = input.OpenPass())
            {
                (lineCount, bytes) = LineBlockReader.CountLines(counting, input.Origin, input.BufferSizeFor(1 << 20));
                if (bytes == 0)
                {
                    throw new OmicsFormatException(input.Origin, 0, 0, "the file is empty.");
                }
            }

            var parser = new TableParser(input.Origin, delimiter, samplesInRows, storeValues, lineCount) { DataBytes = bytes };
            using (var stream = input.OpenPass())
            {
                var reader = new LineBlockReader(stream, input.Origin, (int)Math.Min(16 << 20, bytes + 16));
                var lines = new List<LineRef>();
                while (reader.Next(lines))
                {
                    parser.ParseBlock(reader.Buffer, lines);
                }
            }

            parser.Finish();
            input.CheckUnchanged();
            return parser;
        }
        catch (OmicsFormatException)
        {
            // A file that changed while it was read is reported as such, not by the odd line it produced.
            input.CheckUnchanged();
            throw;
        }
    }

    private void ParseBlock(byte[] buffer, List<LineRef> lines)
    {
        // Assign row numbers sequentially (skipping blank lines), then parse the rows in parallel.
        var rows = new List<(LineRef Line, int Row)>(lines.Count);
        foreach (var line in lines)
        {
            var text = buffer.AsSpan(line.Offset, line.Length);
            if (TableLayout.IsBlank(text, _delimiter))
            {
                continue;
            }

            if (_header is null)
            {
                _header = TableLayout.ReadHeader(text, line.LineNumber, _origin, _delimiter);
                _headerLine = line.LineNumber;
                _headerFingerprint = Crc32.Of(text);
                continue;
            }

            if (_layout is null)
            {
                _layout = TableLayout.Decide(_origin, _delimiter, _samplesInRows, _header, _headerLine, _headerFingerprint, text, line.LineNumber);
                _allocatedRows = (int)Math.Clamp(_lineCount - _headerLine, 0, int.MaxValue);
            }

            rows.Add((line, _rowIds.Count));
            _rowIds.Add(string.Empty);
            _rowLines.Add(line.LineNumber);
        }

        if (rows.Count == 0)
        {
            return;
        }

        var layout = _layout!;
        var errors = new OmicsFormatException?[rows.Count];
        var ids = new string[rows.Count];
        if (_storeValues)
        {
            EnsureCapacity(_rowIds.Count);
            int columns = layout.ColumnIds.Length;
            long stride = _samplesInRows ? _allocatedRows : 1;
            Parallel.For(0, rows.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            {
                var (line, row) = rows[i];
                var sink = new StridedSink(_values, _samplesInRows ? row : (long)row * columns, stride);
                errors[i] = layout.ParseRow(buffer.AsSpan(line.Offset, line.Length), line.LineNumber, line.HasQuote, ref sink, out ids[i]);
            });
        }
        else
        {
            Parallel.For(0, rows.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            {
                var line = rows[i].Line;
                var sink = default(CheckingSink);
                errors[i] = layout.ParseRow(buffer.AsSpan(line.Offset, line.Length), line.LineNumber, line.HasQuote, ref sink, out ids[i]);
            });
        }

        var firstError = errors.FirstOrDefault(e => e is not null);
        if (firstError is not null)
        {
            throw firstError;
        }

        for (int i = 0; i < rows.Count; i++)
        {
            _rowIds[rows[i].Row] = ids[i];
        }
    }

    private void EnsureCapacity(int rows)
    {
        if (rows > _allocatedRows)
        {
            // The first pass counted fewer lines than this one holds.
            throw new OmicsFormatException(_origin, 0, 0, "the file changed while it was being read (it has more lines than when reading began).");
        }

        if (_values.Length == 0)
        {
            _values = new float[checked((long)_allocatedRows * _layout!.ColumnIds.Length)];
        }
    }

    private void Finish()
    {
        if (_header is null)
        {
            throw new OmicsFormatException(_origin, 0, 0, "the file holds only blank lines.");
        }

        int rows = _rowIds.Count;
        if (rows == 0)
        {
            throw new OmicsFormatException(_origin, _headerLine, 0, "the file has a header line but no data rows.");
        }

        var seen = new Dictionary<string, int>(rows, StringComparer.Ordinal);
        for (int r = 0; r < rows; r++)
        {
            if (!seen.TryAdd(_rowIds[r], r))
            {
                throw new OmicsFormatException(
                    _origin, _rowLines[r], 1, $"duplicate {_layout!.RowKind} id '{Printable.Text(_rowIds[r])}' (also on line {_rowLines[seen[_rowIds[r]]]}).");
            }
        }
    }

    /// <summary>The matrix read (only when values were stored).</summary>
    public OmicsMatrix ToMatrix()
    {
        int rows = _rowIds.Count;
        var columnIds = _layout!.ColumnIds;
        int columns = columnIds.Length;
        float[] values = _values;
        if (_samplesInRows)
        {
            if (rows != _allocatedRows)
            {
                values = new float[(long)rows * columns];
                for (int f = 0; f < columns; f++)
                {
                    Array.Copy(_values, (long)f * _allocatedRows, values, (long)f * rows, rows);
                }
            }

            return OmicsMatrix.CreateTrusted(columnIds, _rowIds.ToArray(), values, _origin);
        }

        if (rows != _allocatedRows)
        {
            Array.Resize(ref values, rows * columns);
        }

        return OmicsMatrix.CreateTrusted(_rowIds.ToArray(), columnIds, values, _origin);
    }
}
