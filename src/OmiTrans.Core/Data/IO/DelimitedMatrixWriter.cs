using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace OmiTrans.Data.IO;

/// <summary>
/// Writes omics tables: the one writer behind <see cref="OmicsFile.Write"/> and the chunked translation's output.
/// Values get the shortest text that reads back to the same float32 value; ids are quoted when the reader would
/// otherwise not read them back exactly (a delimiter, a quote, or white space at either end). Whole matrices are
/// formatted in parallel blocks of rows; rows can also be written one at a time.
/// </summary>
internal sealed class DelimitedMatrixWriter
{
    private const int RowsPerBlock = 64;
    private const int FlushSize = 1 << 16;

    private readonly Stream _output;
    private readonly char _delimiter;
    private readonly byte[] _missing;
    private readonly ArrayBufferWriter<byte> _pending = new(FlushSize * 2);

    public DelimitedMatrixWriter(Stream output, char delimiter, string missingValue)
    {
        _output = output;
        _delimiter = delimiter;
        if (missingValue.Contains(delimiter, StringComparison.Ordinal) || missingValue.Contains('"', StringComparison.Ordinal) || missingValue.Any(char.IsControl))
        {
            throw new ArgumentException($"The missing-value token '{Printable.Text(missingValue)}' cannot be written: it holds the delimiter, a quote or a control character.", nameof(missingValue));
        }

        _missing = Encoding.UTF8.GetBytes(missingValue);
    }

    /// <summary>Writes a matrix to a file, atomically; a name ending in .gz is gzip-compressed.</summary>
    public static void Write(OmicsMatrix matrix, string path, OmicsWriteOptions options)
    {
        char delimiter = Delimiters.For(path, options.Delimiter);
        bool samplesInRows = options.SamplesInRows;
        var columnIds = samplesInRows ? matrix.FeatureIds : matrix.SampleIds;
        var corner = options.CornerLabel ?? (samplesInRows ? "sample" : "feature");
        WriteFile(path, output =>
        {
            var writer = new DelimitedMatrixWriter(output, delimiter, options.MissingValue);
            writer.WriteHeader(corner, columnIds, samplesInRows ? "feature" : "sample");
            writer.WriteMatrixRows(matrix, samplesInRows);
            writer.Flush();
        });
    }

    /// <summary>Creates a file atomically (temporary file renamed into place), gzip-compressed when its name ends in .gz.</summary>
    public static void WriteFile(string path, Action<Stream> write)
    {
        bool gzip = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        AtomicFile.Write(path, file =>
        {
            if (!gzip)
            {
                write(file);
                return;
            }

            using var compressed = new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true);
            write(compressed);
        });
    }

    /// <summary>Writes the header line: the corner label, then the column ids.</summary>
    public void WriteHeader(string corner, IReadOnlyList<string> ids, string kind)
    {
        CheckId(corner, "corner label");
        Append(_pending, Escape(corner, _delimiter));
        string noun = kind + " id";
        foreach (var id in ids)
        {
            CheckId(id, noun);
            _pending.GetSpan(1)[0] = (byte)_delimiter;
            _pending.Advance(1);
            Append(_pending, Escape(id, _delimiter));
        }

        EndLine(_pending);
        FlushIfFull();
    }

    /// <summary>Writes one row: its id, then its values.</summary>
    public void WriteRow(string id, ReadOnlySpan<float> values, string kind)
    {
        BeginRow(id, kind);
        AppendValues(values);
        EndRow();
    }

    /// <summary>Starts a row with its id; values follow with <see cref="AppendValues"/>, then <see cref="EndRow"/>.</summary>
    public void BeginRow(string id, string kind)
    {
        CheckId(id, kind + " id");
        Append(_pending, Escape(id, _delimiter));
    }

    /// <summary>Appends values to the row begun.</summary>
    public void AppendValues(ReadOnlySpan<float> values)
    {
        foreach (float v in values)
        {
            AppendValue(_pending, v, _delimiter, _missing);
        }

        FlushIfFull();
    }

    /// <summary>Ends the row begun.</summary>
    public void EndRow()
    {
        EndLine(_pending);
        FlushIfFull();
    }

    /// <summary>Writes every row of a matrix (features, or samples when <paramref name="samplesInRows"/>), in parallel blocks.</summary>
    public void WriteMatrixRows(OmicsMatrix matrix, bool samplesInRows)
    {
        var rowIds = samplesInRows ? matrix.SampleIds : matrix.FeatureIds;
        string kind = samplesInRows ? "sample id" : "feature id";
        foreach (var id in rowIds)
        {
            CheckId(id, kind);
        }

        Flush();
        var values = matrix.RawValues;
        int samples = matrix.SampleCount;
        int rows = rowIds.Count;
        int columns = samplesInRows ? matrix.FeatureCount : matrix.SampleCount;
        char delimiter = _delimiter;
        byte[] missing = _missing;
        int blockRows = RowsPerBlock * Environment.ProcessorCount;
        for (int blockStart = 0; blockStart < rows; blockStart += blockRows)
        {
            int blockEnd = Math.Min(rows, blockStart + blockRows);
            int chunks = (blockEnd - blockStart + RowsPerBlock - 1) / RowsPerBlock;
            var buffers = new ArrayBufferWriter<byte>[chunks];
            Parallel.For(0, chunks, c =>
            {
                var buffer = new ArrayBufferWriter<byte>(1 << 16);
                int from = blockStart + (c * RowsPerBlock);
                int to = Math.Min(blockEnd, from + RowsPerBlock);
                for (int r = from; r < to; r++)
                {
                    Append(buffer, Escape(rowIds[r], delimiter));
                    for (int col = 0; col < columns; col++)
                    {
                        AppendValue(buffer, samplesInRows ? values[((long)col * samples) + r] : values[((long)r * samples) + col], delimiter, missing);
                    }

                    EndLine(buffer);
                }

                buffers[c] = buffer;
            });

            foreach (var buffer in buffers)
            {
                _output.Write(buffer.WrittenSpan);
            }
        }
    }

    /// <summary>Writes what is pending to the output stream.</summary>
    public void Flush()
    {
        if (_pending.WrittenCount > 0)
        {
            _output.Write(_pending.WrittenSpan);
            _pending.ResetWrittenCount();
        }
    }

    /// <summary>The field for an id: quoted (quotes doubled) when it holds the delimiter or a quote, or has white space at an end.</summary>
    internal static string Escape(string id, char delimiter)
    {
        if (id.Length == 0 || (id.IndexOfAny([delimiter, '"']) < 0 && !char.IsWhiteSpace(id[0]) && !char.IsWhiteSpace(id[^1])))
        {
            return id;
        }

        return "\"" + id.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>Refuses an id the reader could not read back: one with a line break or another control character (tab is allowed).</summary>
    private static void CheckId(string id, string kind)
    {
        foreach (char c in id)
        {
            if (char.IsControl(c) && c != '\t' && c < '\u0080')
            {
                throw new ArgumentException(
                    $"The {kind} '{Printable.Text(id)}' contains {(c is '\n' or '\r' ? "a line break" : "a control character")} (U+{(int)c:X4}), which a table cannot hold; rename it before writing.");
            }
        }
    }

    private void FlushIfFull()
    {
        if (_pending.WrittenCount >= FlushSize)
        {
            Flush();
        }
    }

    private static void Append(ArrayBufferWriter<byte> buffer, string text)
    {
        var span = buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        buffer.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    private static void AppendValue(ArrayBufferWriter<byte> buffer, float value, char delimiter, byte[] missing)
    {
        var span = buffer.GetSpan(32 + missing.Length);
        span[0] = (byte)delimiter;
        if (float.IsNaN(value))
        {
            missing.CopyTo(span[1..]);
            buffer.Advance(1 + missing.Length);
        }
        else
        {
            value.TryFormat(span[1..], out int written, default, CultureInfo.InvariantCulture);
            buffer.Advance(1 + written);
        }
    }

    private static void EndLine(ArrayBufferWriter<byte> buffer)
    {
        buffer.GetSpan(1)[0] = (byte)'\n';
        buffer.Advance(1);
    }
}
