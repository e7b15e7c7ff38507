namespace OmiTrans.Data.IO;

/// <summary>
/// Reads a delimited omics table (TSV or CSV, optionally gzip-compressed) straight into float32 storage.
/// </summary>
/// <remarks>
/// The file is read twice: once to count its lines (so the matrix is allocated once, at its final size) and once
/// to parse. Each block of lines is parsed in parallel, without allocating a string per cell. The layout is one
/// header line of ids followed by one line per row, whose first field is the row id. When every data line has one
/// field more than the header, the header is taken to lack the corner cell (as R's write.table writes it).
/// </remarks>
internal static class DelimitedMatrixReader
{
    public static OmicsMatrix Read(string path, OmicsReadOptions options)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The file '{path}' does not exist.", path);
        }

        char delimiter = TextInput.DelimiterFor(path, options.Delimiter);
        long lineCount;
        using (var counting = TextInput.Open(path))
        {
            (lineCount, long bytes) = LineBlockReader.CountLines(counting);
            if (bytes == 0)
            {
                throw new OmicsFormatException(path, 0, 0, "the file is empty.");
            }
        }

        using var stream = TextInput.Open(path);
        var reader = new LineBlockReader(stream);
        var lines = new List<LineRef>();
        var state = new ParseState(path, delimiter, options.SamplesInRows);
        bool sawHeader = false;
        while (reader.Next(lines))
        {
            int first = 0;
            if (!sawHeader)
            {
                while (first < lines.Count && IsBlank(reader.Buffer.AsSpan(lines[first].Offset, lines[first].Length)))
                {
                    first++;
                }

                if (first == lines.Count)
                {
                    continue;
                }

                state.ReadHeader(reader.Buffer.AsSpan(lines[first].Offset, lines[first].Length), lines[first].LineNumber, lineCount);
                sawHeader = true;
                first++;
            }

            state.ParseBlock(reader.Buffer, lines, first);
        }

        if (!sawHeader)
        {
            throw new OmicsFormatException(path, 0, 0, "the file holds only blank lines.");
        }

        return state.Finish();
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.Trim((byte)' ').IsEmpty;

    private sealed class ParseState
    {
        private readonly string _path;
        private readonly char _delimiter;
        private readonly bool _samplesInRows;
        private string[] _columnIds = [];
        private long _headerLine;
        private bool? _headerHasCorner;
        private int _allocatedRows;
        private float[] _values = [];
        private readonly List<string> _rowIds = [];
        private readonly List<long> _rowLines = [];

        public ParseState(string path, char delimiter, bool samplesInRows)
        {
            _path = path;
            _delimiter = delimiter;
            _samplesInRows = samplesInRows;
        }

        public void ReadHeader(ReadOnlySpan<byte> line, long lineNumber, long lineCount)
        {
            _headerLine = lineNumber;
            var ids = new List<string>();
            var cursor = new FieldCursor(line, _delimiter);
            while (cursor.MoveNext())
            {
                ids.Add(cursor.CurrentText());
            }

            _columnIds = ids.ToArray();
            _allocatedRows = (int)Math.Max(0, Math.Min(int.MaxValue, lineCount - lineNumber));
        }

        public void ParseBlock(byte[] buffer, List<LineRef> lines, int first)
        {
            // Assign row numbers sequentially (skipping blank lines), then parse the rows in parallel.
            var rows = new List<(LineRef Line, int Row)>(lines.Count - first);
            for (int i = first; i < lines.Count; i++)
            {
                var line = lines[i];
                if (IsBlank(buffer.AsSpan(line.Offset, line.Length)))
                {
                    continue;
                }

                if (_headerHasCorner is null)
                {
                    DecideHeaderLayout(buffer.AsSpan(line.Offset, line.Length), line.LineNumber);
                }

                rows.Add((line, _rowIds.Count));
                _rowIds.Add(string.Empty);
                _rowLines.Add(line.LineNumber);
            }

            if (rows.Count == 0)
            {
                return;
            }

            EnsureCapacity(_rowIds.Count);
            var errors = new OmicsFormatException?[rows.Count];
            var ids = new string[rows.Count];
            Parallel.For(0, rows.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            {
                var (line, row) = rows[i];
                errors[i] = ParseRow(buffer.AsSpan(line.Offset, line.Length), line.LineNumber, row, out ids[i]);
            });

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

        private void DecideHeaderLayout(ReadOnlySpan<byte> firstDataLine, long lineNumber)
        {
            int fields = FieldCursor.Count(firstDataLine, _delimiter);
            if (fields == _columnIds.Length + 1)
            {
                _headerHasCorner = false;
            }
            else if (fields == _columnIds.Length)
            {
                _headerHasCorner = true;
                _columnIds = _columnIds[1..];
            }
            else
            {
                throw new OmicsFormatException(
                    _path,
                    lineNumber,
                    0,
                    $"expected {_columnIds.Length} fields (a row id and {_columnIds.Length - 1} values, as the header on line {_headerLine} has) but found {fields}. Is the delimiter right? This file is read with {DescribeDelimiter()}.");
            }

            if (_columnIds.Length == 0)
            {
                throw new OmicsFormatException(
                    _path, _headerLine, 0, $"the header names no {(_samplesInRows ? "features" : "samples")}. Is the delimiter right? This file is read with {DescribeDelimiter()}.");
            }

            CheckColumnIds();
        }

        private string DescribeDelimiter() => _delimiter switch
        {
            '\t' => "tabs between fields",
            ',' => "commas between fields",
            _ => $"'{_delimiter}' between fields",
        };

        private void CheckColumnIds()
        {
            int offset = _headerHasCorner == true ? 2 : 1;
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            string kind = _samplesInRows ? "feature" : "sample";
            for (int i = 0; i < _columnIds.Length; i++)
            {
                var id = _columnIds[i];
                if (id.Length == 0)
                {
                    throw new OmicsFormatException(_path, _headerLine, i + offset, $"the {kind} id in the header is empty.");
                }

                if (!seen.TryAdd(id, i))
                {
                    throw new OmicsFormatException(
                        _path, _headerLine, i + offset, $"duplicate {kind} id '{id}' (also in column {seen[id] + offset}).");
                }
            }
        }

        private void EnsureCapacity(int rows)
        {
            if (_values.Length > 0)
            {
                if (rows > _allocatedRows)
                {
                    throw new OmicsFormatException(_path, 0, 0, "the file changed while it was being read.");
                }

                return;
            }

            _values = new float[checked((long)_allocatedRows * _columnIds.Length)];
        }

        private OmicsFormatException? ParseRow(ReadOnlySpan<byte> line, long lineNumber, int row, out string id)
        {
            var cursor = new FieldCursor(line, _delimiter);
            cursor.MoveNext();
            id = cursor.CurrentText();
            if (id.Length == 0)
            {
                return new OmicsFormatException(_path, lineNumber, 1, $"the {(_samplesInRows ? "sample" : "feature")} id is empty.");
            }

            int expected = _columnIds.Length;
            long baseIndex = _samplesInRows ? row : (long)row * expected;
            long stride = _samplesInRows ? _allocatedRows : 1;
            int column = 0;
            while (cursor.MoveNext())
            {
                if (column == expected)
                {
                    int found = column + 2 + CountRemaining(ref cursor);
                    return new OmicsFormatException(
                        _path, lineNumber, 0, $"expected {expected + 1} fields (a row id and {expected} values) but found {found}.");
                }

                var kind = CellParser.Parse(cursor.Current, out float value);
                if (kind == CellKind.NotANumber)
                {
                    return new OmicsFormatException(
                        _path, lineNumber, column + 2, $"'{cursor.CurrentText()}' in row '{id}', column '{_columnIds[column]}' is not a number (missing values may be written NA, NaN or left empty).");
                }

                if (kind == CellKind.Infinite)
                {
                    return new OmicsFormatException(
                        _path, lineNumber, column + 2, $"'{cursor.CurrentText()}' in row '{id}', column '{_columnIds[column]}' is infinite; write NA for a missing value.");
                }

                _values[baseIndex + (column * stride)] = value;
                column++;
            }

            if (column != expected)
            {
                return new OmicsFormatException(
                    _path, lineNumber, 0, $"expected {expected + 1} fields (a row id and {expected} values) but found {column + 1}.");
            }

            return null;
        }

        private static int CountRemaining(ref FieldCursor cursor)
        {
            int n = 0;
            while (cursor.MoveNext())
            {
                n++;
            }

            return n;
        }

        public OmicsMatrix Finish()
        {
            int rows = _rowIds.Count;
            if (rows == 0)
            {
                throw new OmicsFormatException(_path, _headerLine, 0, "the file has a header line but no data rows.");
            }

            var seen = new Dictionary<string, int>(rows, StringComparer.Ordinal);
            string kind = _samplesInRows ? "sample" : "feature";
            for (int r = 0; r < rows; r++)
            {
                if (!seen.TryAdd(_rowIds[r], r))
                {
                    throw new OmicsFormatException(
                        _path, _rowLines[r], 1, $"duplicate {kind} id '{_rowIds[r]}' (also on line {_rowLines[seen[_rowIds[r]]]}).");
                }
            }

            int columns = _columnIds.Length;
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

                return OmicsMatrix.CreateTrusted(_columnIds, _rowIds.ToArray(), values, _path);
            }

            if (rows != _allocatedRows)
            {
                Array.Resize(ref values, rows * columns);
            }

            return OmicsMatrix.CreateTrusted(_rowIds.ToArray(), _columnIds, values, _path);
        }
    }
}
