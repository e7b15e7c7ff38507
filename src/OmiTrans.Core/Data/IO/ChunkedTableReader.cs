namespace OmiTrans.Data.IO;

/// <summary>
/// Reads an omics table a chunk of samples at a time, so memory stays bounded by the chunk: the same grammar and
/// messages as the whole-file reader, because the opening scan is that reader (<see cref="TableParser"/>, every line
/// checked, values not kept). Each chunk is then read by a further pass over the same open file: one pass per chunk
/// when features are rows, one pass for all chunks when samples are rows (chunks read in order).
/// </summary>
/// <remarks>
/// Every pass checks that the file is still the one scanned: same size and modification time
/// (<see cref="TableInput"/>), same header bytes, and the same row id on the same line for every row.
/// </remarks>
internal sealed class ChunkedTableReader : IDisposable
{
    private const int BlockSize = 1 << 20;

    private readonly TableInput _input;
    private readonly TableLayout _layout;
    private readonly string[] _rowIds;
    private readonly long[] _rowLines;
    private readonly int _blockSize;
    private DataPass? _sampleRows;
    private int _nextSampleRow;

    private ChunkedTableReader(TableInput input, TableParser scan)
    {
        _input = input;
        _layout = scan.Layout;
        _rowIds = scan.RowIds.ToArray();
        _rowLines = scan.RowLines.ToArray();
        _blockSize = (int)Math.Min(BlockSize, scan.DataBytes + 16);
    }

    /// <summary>The sample ids in file order.</summary>
    public IReadOnlyList<string> SampleIds => _layout.SamplesInRows ? _rowIds : _layout.ColumnIds;

    /// <summary>The feature ids in file order.</summary>
    public IReadOnlyList<string> FeatureIds => _layout.SamplesInRows ? _layout.ColumnIds : _rowIds;

    /// <summary>The file as named by the caller.</summary>
    public string Origin => _input.Origin;

    /// <summary>Opens and scans a table.</summary>
    /// <exception cref="OmicsFormatException">The file is malformed (file, line and column named).</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static ChunkedTableReader Open(string path, char? delimiter, bool samplesInRows)
    {
        char resolved = Delimiters.For(path, delimiter);
        var input = TableInput.Open(path);
        try
        {
            return new ChunkedTableReader(input, TableParser.Read(input, resolved, samplesInRows, storeValues: false));
        }
        catch
        {
            input.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads the samples <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> - 1 (in file
    /// order) of the features that <paramref name="featureRows"/> maps to a destination row (-1: not wanted).
    /// </summary>
    /// <param name="start">The first sample.</param>
    /// <param name="count">The number of samples.</param>
    /// <param name="featureRows">For each feature of the file (in file order), its destination row or -1.</param>
    /// <param name="rowCount">The number of destination rows.</param>
    /// <returns>Destination row r, sample j of the chunk at r * count + j; NaN where no feature maps.</returns>
    public float[] ReadSamples(int start, int count, int[] featureRows, int rowCount)
    {
        var values = new float[(long)rowCount * count];
        Array.Fill(values, float.NaN);
        try
        {
            if (_layout.SamplesInRows)
            {
                ReadSampleRows(start, count, featureRows, values);
            }
            else
            {
                ReadFeatureRows(start, count, featureRows, values);
            }
        }
        catch (OmicsFormatException)
        {
            _input.CheckUnchanged();
            throw;
        }

        return values;
    }

    /// <summary>One pass over a features-as-rows file, keeping the chunk's columns of the wanted features.</summary>
    private void ReadFeatureRows(int start, int count, int[] featureRows, float[] values)
    {
        using var pass = new DataPass(this);
        for (int row = 0; row < _rowIds.Length; row++)
        {
            var line = pass.Next(row, out long lineNumber, out bool hasQuote);
            int destination = featureRows[row];
            OmicsFormatException? error;
            string id;
            if (destination < 0)
            {
                var sink = new WindowSink(values, 0, 0, 0);
                error = _layout.ParseRow(line, lineNumber, hasQuote, ref sink, out id);
            }
            else
            {
                var sink = new WindowSink(values, (long)destination * count, start, count);
                error = _layout.ParseRow(line, lineNumber, hasQuote, ref sink, out id);
            }

            pass.Check(row, id, error);
        }

        pass.End();
    }

    /// <summary>The next rows of a samples-as-rows file (one pass for chunks read in order).</summary>
    private void ReadSampleRows(int start, int count, int[] featureRows, float[] values)
    {
        if (_sampleRows is null || _nextSampleRow != start)
        {
            _sampleRows?.Dispose();
            _sampleRows = new DataPass(this);
            _nextSampleRow = 0;
        }

        int lastMapped = Array.FindLastIndex(featureRows, r => r >= 0);
        while (_nextSampleRow < start + count)
        {
            int row = _nextSampleRow;
            var line = _sampleRows.Next(row, out long lineNumber, out bool hasQuote);
            OmicsFormatException? error;
            string id;
            if (row < start)
            {
                var skip = new WindowSink(values, 0, 0, 0);
                error = _layout.ParseRow(line, lineNumber, hasQuote, ref skip, out id);
            }
            else
            {
                var sink = new MappedSink(values, featureRows, lastMapped, count, row - start);
                error = _layout.ParseRow(line, lineNumber, hasQuote, ref sink, out id);
            }

            _sampleRows.Check(row, id, error);
            _nextSampleRow++;
        }

        if (_nextSampleRow == _rowIds.Length)
        {
            _sampleRows.End();
            _sampleRows.Dispose();
            _sampleRows = null;
        }
    }

    public void Dispose()
    {
        _sampleRows?.Dispose();
        _input.Dispose();
    }

    private OmicsFormatException Changed(long line, string problem)
        => new(_input.Origin, line, 0, $"the file changed while it was being read: {problem}");

    /// <summary>One sequential pass over the data lines, checked against the scan.</summary>
    private sealed class DataPass : IDisposable
    {
        private readonly ChunkedTableReader _owner;
        private readonly Stream _stream;
        private readonly LineBlockReader _reader;
        private readonly List<LineRef> _lines = [];
        private int _index;

        public DataPass(ChunkedTableReader owner)
        {
            _owner = owner;
            _stream = owner._input.OpenPass();
            _reader = new LineBlockReader(_stream, owner._input.Origin, owner._blockSize);
        }

        /// <summary>The line of data row <paramref name="row"/> (rows are requested in order).</summary>
        public ReadOnlySpan<byte> Next(int row, out long lineNumber, out bool hasQuote)
        {
            var layout = _owner._layout;
            while (true)
            {
                if (_index == _lines.Count)
                {
                    _index = 0;
                    if (!_reader.Next(_lines))
                    {
                        throw _owner.Changed(0, $"it ends before row {row + 1} of {_owner._rowIds.Length}.");
                    }
                }

                var line = _lines[_index++];
                var text = _reader.Buffer.AsSpan(line.Offset, line.Length);
                if (line.LineNumber < layout.HeaderLine)
                {
                    continue;
                }

                if (line.LineNumber == layout.HeaderLine)
                {
                    if (Crc32.Of(text) != layout.HeaderFingerprint)
                    {
                        throw _owner.Changed(line.LineNumber, "its header is not the one read first.");
                    }

                    continue;
                }

                if (TableLayout.IsBlank(text, layout.Delimiter))
                {
                    continue;
                }

                lineNumber = line.LineNumber;
                hasQuote = line.HasQuote;
                return text;
            }
        }

        /// <summary>Reports a row's problem, or a row that is not the one scanned on that line.</summary>
        public void Check(int row, string id, OmicsFormatException? error)
        {
            if (error is not null)
            {
                throw error;
            }

            var lines = _owner._rowLines;
            var ids = _owner._rowIds;
            if (!string.Equals(id, ids[row], StringComparison.Ordinal) || _lines[_index - 1].LineNumber != lines[row])
            {
                throw _owner.Changed(
                    _lines[_index - 1].LineNumber,
                    $"this line holds {_owner._layout.RowKind} '{Printable.Text(id)}' where '{Printable.Text(ids[row])}' was read first (line {lines[row]}).");
            }
        }

        /// <summary>Ends a pass that read every row: nothing may follow but blank lines, and the file must be unchanged.</summary>
        public void End()
        {
            var layout = _owner._layout;
            while (true)
            {
                for (; _index < _lines.Count; _index++)
                {
                    var line = _lines[_index];
                    if (!TableLayout.IsBlank(_reader.Buffer.AsSpan(line.Offset, line.Length), layout.Delimiter))
                    {
                        throw _owner.Changed(line.LineNumber, "this line follows the last row read first.");
                    }
                }

                _index = 0;
                if (!_reader.Next(_lines))
                {
                    break;
                }
            }

            _owner._input.CheckUnchanged();
        }

        public void Dispose() => _stream.Dispose();
    }
}
