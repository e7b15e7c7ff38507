using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace OmiTrans.Data.IO;

/// <summary>
/// Writes an omics table with the shortest text that reads back to the same float32 value, formatting blocks of
/// rows in parallel. Writes atomically (temporary file, then rename).
/// </summary>
internal static class DelimitedMatrixWriter
{
    private const int RowsPerBlock = 64;

    public static void Write(OmicsMatrix matrix, string path, OmicsWriteOptions options)
    {
        char delimiter = TextInput.DelimiterFor(path, options.Delimiter);
        bool gzip = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        AtomicFile.Write(path, file =>
        {
            Stream output = gzip ? new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true) : file;
            try
            {
                WriteTo(matrix, output, delimiter, options);
            }
            finally
            {
                if (gzip)
                {
                    output.Dispose();
                }
            }
        });
    }

    private static void WriteTo(OmicsMatrix matrix, Stream output, char delimiter, OmicsWriteOptions options)
    {
        bool samplesInRows = options.SamplesInRows;
        var rowIds = samplesInRows ? matrix.SampleIds : matrix.FeatureIds;
        var columnIds = samplesInRows ? matrix.FeatureIds : matrix.SampleIds;
        var corner = options.CornerLabel ?? (samplesInRows ? "sample" : "feature");
        var missing = Encoding.UTF8.GetBytes(options.MissingValue);

        var header = new StringBuilder();
        header.Append(Escape(corner, delimiter));
        foreach (var id in columnIds)
        {
            header.Append(delimiter).Append(Escape(id, delimiter));
        }

        header.Append('\n');
        output.Write(Encoding.UTF8.GetBytes(header.ToString()));

        var values = matrix.RawValues;
        int samples = matrix.SampleCount;
        int rows = rowIds.Count;
        int columns = columnIds.Count;
        for (int blockStart = 0; blockStart < rows; blockStart += RowsPerBlock * Environment.ProcessorCount)
        {
            int blockEnd = Math.Min(rows, blockStart + (RowsPerBlock * Environment.ProcessorCount));
            int chunks = (blockEnd - blockStart + RowsPerBlock - 1) / RowsPerBlock;
            var buffers = new ArrayBufferWriter<byte>[chunks];
            Parallel.For(0, chunks, c =>
            {
                var buffer = new ArrayBufferWriter<byte>(1 << 16);
                int from = blockStart + (c * RowsPerBlock);
                int to = Math.Min(blockEnd, from + RowsPerBlock);
                for (int r = from; r < to; r++)
                {
                    WriteText(buffer, Escape(rowIds[r], delimiter));
                    for (int col = 0; col < columns; col++)
                    {
                        float v = samplesInRows ? values[((long)col * samples) + r] : values[((long)r * samples) + col];
                        var span = buffer.GetSpan(32);
                        span[0] = (byte)delimiter;
                        if (float.IsNaN(v))
                        {
                            buffer.Advance(1);
                            buffer.Write(missing);
                        }
                        else
                        {
                            v.TryFormat(span[1..], out int written, default, CultureInfo.InvariantCulture);
                            buffer.Advance(1 + written);
                        }
                    }

                    buffer.GetSpan(1)[0] = (byte)'\n';
                    buffer.Advance(1);
                }

                buffers[c] = buffer;
            });

            foreach (var buffer in buffers)
            {
                output.Write(buffer.WrittenSpan);
            }
        }
    }

    private static void WriteText(ArrayBufferWriter<byte> buffer, string text)
    {
        var span = buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        buffer.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    internal static string Escape(string id, char delimiter)
    {
        if (id.IndexOfAny([delimiter, '"', '\n', '\r']) < 0 && id.Trim().Length == id.Length)
        {
            return id;
        }

        return "\"" + id.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
