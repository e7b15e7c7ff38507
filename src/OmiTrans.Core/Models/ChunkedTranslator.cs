using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace OmiTrans.Models;

/// <summary>
/// Translates a cohort file chunk by chunk of samples so that memory stays bounded by the chunk: the input is
/// scanned once for its ids, then each chunk's values are read (one pass over the file per chunk when features are
/// rows, a single pass when samples are rows), translated, and written. With features as output rows, translated
/// chunks wait in a temporary binary file and are merged row by row at the end. The output appears atomically.
/// </summary>
internal sealed class ChunkedTranslator
{
    private readonly TranslationModel _model;
    private readonly StreamingTranslateOptions _options;
    private readonly string _path;
    private readonly char _delimiter;
    private readonly Dictionary<string, int> _modelIndex;

    public ChunkedTranslator(TranslationModel model, string sourcePath, StreamingTranslateOptions options)
    {
        _model = model;
        _options = options;
        _path = Path.GetFullPath(sourcePath);
        _delimiter = TextInput.DelimiterFor(sourcePath, options.InputDelimiter);
        _modelIndex = model.SourceFeatureIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
    }

    public StreamingResult Run(string outputPath, IProgress<StreamingProgress>? progress, CancellationToken cancellationToken)
    {
        var layout = Scan();
        var coverage = _model.CoverageOf(layout.FeatureIds);
        TranslationModel.EnsureCoverage(coverage, _path, _options.Translate);
        int total = layout.SampleIds.Count;
        int chunkSize = _options.ChunkSamples;
        int chunks = (total + chunkSize - 1) / chunkSize;
        var targetIds = _model.TargetFeatureIds;
        char outDelimiter = TextInput.DelimiterFor(outputPath, null);
        bool gzip = outputPath.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        string? spill = _options.OutputSamplesInRows ? null : SpillPath(outputPath);
        try
        {
            AtomicFile.Write(outputPath, file =>
            {
                Stream output = gzip ? new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true) : file;
                using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: !gzip);
                using var samplesInRowsReader = _options.InputSamplesInRows ? OpenAfterHeader() : null;
                long samplesInRowsLine = 1;
                if (_options.OutputSamplesInRows)
                {
                    WriteHeader(writer, "sample", targetIds, outDelimiter);
                }

                using var spillFile = spill is null ? null : new FileStream(spill, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
                for (int c = 0; c < chunks; c++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    int start = c * chunkSize;
                    int count = Math.Min(chunkSize, total - start);
                    var ids = layout.SampleIds.Skip(start).Take(count).ToArray();
                    var values = _options.InputSamplesInRows
                        ? ReadSampleRows(samplesInRowsReader!, layout, count, ref samplesInRowsLine)
                        : ReadFeatureRowColumns(layout, start, count);
                    var chunk = OmicsMatrix.CreateTrusted(_model.SourceFeatureIds.ToArray(), ids, values, $"{_path} (samples {start + 1}-{start + count})");
                    var translated = _model.Translate(chunk, _options.Translate);
                    if (spillFile is null)
                    {
                        WriteSampleRows(writer, translated, outDelimiter);
                    }
                    else
                    {
                        spillFile.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(translated.Values.Span));
                    }

                    progress?.Report(new StreamingProgress(start + count, total));
                }

                if (spillFile is not null)
                {
                    spillFile.Flush();
                    WriteHeader(writer, "feature", layout.SampleIds, outDelimiter);
                    MergeFeatureRows(writer, spillFile, targetIds, total, chunkSize, outDelimiter, cancellationToken);
                }

                writer.Flush(); // disposing the writer then closes the gzip stream (the file itself stays open for the rename)
            });
        }
        finally
        {
            if (spill is not null)
            {
                TemporaryFiles.Delete(spill);
            }
        }

        return new StreamingResult(total, chunks, coverage, targetIds.Count);
    }

    /// <summary>
    /// The spill file: next to the output (named as the library's temporary files, so a killed run's spill file is
    /// recognised and removed by the next run), or in the system's temporary folder when the output is written in
    /// place (a pipe, a device, standard output).
    /// </summary>
    private static string SpillPath(string outputPath)
    {
        var (mode, destination) = AtomicFile.Plan(outputPath);
        var folder = mode == AtomicFile.Mode.Direct ? Path.GetTempPath() : Path.GetDirectoryName(destination)!;
        Directory.CreateDirectory(folder);
        return TemporaryFiles.NewPath(folder, Path.GetFileName(destination), "chunks");
    }

    private sealed record Layout(List<string> SampleIds, List<string> FeatureIds, int[] ModelIndex);

    /// <summary>Reads the ids: sample and feature ids, and where each of the model's features is.</summary>
    private Layout Scan()
    {
        using var reader = new StreamReader(TextInput.Open(_path), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var header = reader.ReadLine() ?? throw new OmicsFormatException(_path, 1, 1, "the file is empty.");
        var headerFields = DelimitedLine.Fields(header, _delimiter);
        if (headerFields.Length < 2)
        {
            throw new OmicsFormatException(_path, 1, 1, $"the header has no data columns (is the delimiter '{(_delimiter == '\t' ? "\\t" : _delimiter.ToString())}' right?).");
        }

        var columnIds = headerFields.Skip(1).ToList();
        CheckUnique(columnIds, 1, _options.InputSamplesInRows ? "feature" : "sample");
        var rowIds = new List<string>();
        long line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0 || text == "\r")
            {
                continue;
            }

            int separator = text.IndexOf(_delimiter, StringComparison.Ordinal);
            int fields = 1 + text.AsSpan().Count(_delimiter);
            if (fields != headerFields.Length)
            {
                throw new OmicsFormatException(_path, line, Math.Min(fields, headerFields.Length) + 1, $"the row has {fields} fields but the header has {headerFields.Length}.");
            }

            rowIds.Add(DelimitedLine.Unquote(separator < 0 ? text : text[..separator]));
        }

        CheckUnique(rowIds, 2, _options.InputSamplesInRows ? "sample" : "feature");
        if (rowIds.Count == 0)
        {
            throw new OmicsFormatException(_path, 2, 1, "the file has a header but no data rows.");
        }

        var featureIds = _options.InputSamplesInRows ? columnIds : rowIds;
        var modelIndex = featureIds.Select(id => _modelIndex.TryGetValue(id, out var m) ? m : -1).ToArray();
        return new Layout(_options.InputSamplesInRows ? rowIds : columnIds, featureIds, modelIndex);
    }

    private void CheckUnique(List<string> ids, long line, string kind)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < ids.Count; i++)
        {
            if (ids[i].Length == 0 || !seen.Add(ids[i]))
            {
                throw new OmicsFormatException(_path, line == 1 ? 1 : line + i, line == 1 ? i + 2 : 1, ids[i].Length == 0 ? $"empty {kind} id." : $"duplicate {kind} id '{ids[i]}'.");
            }
        }
    }

    private StreamReader OpenAfterHeader()
    {
        var reader = new StreamReader(TextInput.Open(_path), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        reader.ReadLine();
        return reader;
    }

    /// <summary>One pass over a features-as-rows file, keeping the chunk's columns of the model's features.</summary>
    private float[] ReadFeatureRowColumns(Layout layout, int start, int count)
    {
        var values = new float[(long)_model.SourceFeatureIds.Count * count];
        Array.Fill(values, float.NaN);
        using var reader = OpenAfterHeader();
        long line = 1;
        int row = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0 || text == "\r")
            {
                continue;
            }

            int m = layout.ModelIndex[row++];
            if (m < 0)
            {
                continue;
            }

            int field = 0;
            long offset = (long)m * count;
            foreach (var range in text.AsSpan().TrimEnd('\r').Split(_delimiter))
            {
                int sample = field - 1;
                if (sample >= start + count)
                {
                    break;
                }

                if (sample >= start)
                {
                    values[offset + sample - start] = DelimitedLine.Value(text.AsSpan()[range], _path, line, field + 1);
                }

                field++;
            }
        }

        return values;
    }

    /// <summary>The next rows of a samples-as-rows file, laid out feature by feature for the model.</summary>
    private float[] ReadSampleRows(StreamReader reader, Layout layout, int count, ref long line)
    {
        var values = new float[(long)_model.SourceFeatureIds.Count * count];
        Array.Fill(values, float.NaN);
        int read = 0;
        while (read < count && reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0 || text == "\r")
            {
                continue;
            }

            int field = 0;
            foreach (var range in text.AsSpan().TrimEnd('\r').Split(_delimiter))
            {
                if (field > 0 && layout.ModelIndex[field - 1] is var m and >= 0)
                {
                    values[((long)m * count) + read] = DelimitedLine.Value(text.AsSpan()[range], _path, line, field + 1);
                }

                field++;
            }

            read++;
        }

        return values;
    }

    private static void WriteHeader(StreamWriter writer, string corner, IReadOnlyList<string> ids, char delimiter)
    {
        writer.Write(corner);
        foreach (var id in ids)
        {
            writer.Write(delimiter);
            writer.Write(id);
        }

        writer.Write('\n');
    }

    private static void WriteSampleRows(StreamWriter writer, OmicsMatrix translated, char delimiter)
    {
        for (int s = 0; s < translated.SampleCount; s++)
        {
            writer.Write(translated.SampleIds[s]);
            for (int f = 0; f < translated.FeatureCount; f++)
            {
                writer.Write(delimiter);
                WriteValue(writer, translated[f, s]);
            }

            writer.Write('\n');
        }
    }

    /// <summary>Writes feature rows from the spilled chunks (each chunk feature-major: feature f at f * chunkCount).</summary>
    private static void MergeFeatureRows(StreamWriter writer, FileStream spill, IReadOnlyList<string> targetIds, int total, int chunkSize, char delimiter, CancellationToken cancellationToken)
    {
        int features = targetIds.Count;
        var row = new float[chunkSize];
        for (int f = 0; f < features; f++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            writer.Write(targetIds[f]);
            long chunkOffset = 0;
            for (int start = 0; start < total; start += chunkSize)
            {
                int count = Math.Min(chunkSize, total - start);
                var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(row.AsSpan(0, count));
                RandomAccess.Read(spill.SafeFileHandle, bytes, chunkOffset + ((long)f * count * sizeof(float)));
                for (int j = 0; j < count; j++)
                {
                    writer.Write(delimiter);
                    WriteValue(writer, row[j]);
                }

                chunkOffset += (long)features * count * sizeof(float);
            }

            writer.Write('\n');
        }
    }

    private static void WriteValue(StreamWriter writer, float value)
    {
        Span<char> buffer = stackalloc char[32];
        if (float.IsNaN(value))
        {
            writer.Write("NA");
        }
        else if (value.TryFormat(buffer, out int written, default, CultureInfo.InvariantCulture))
        {
            writer.Write(buffer[..written]);
        }
        else
        {
            writer.Write(value.ToString(CultureInfo.InvariantCulture));
        }
    }
}
