using System.Runtime.InteropServices;

namespace OmiTrans.Models;

/// <summary>
/// Translates a cohort file chunk by chunk of samples so that memory stays bounded by the chunk. Reading is the
/// library's one table reader in its chunked form (<see cref="ChunkedTableReader"/>: a checked scan for the ids,
/// then one pass per chunk when features are rows, a single pass when samples are rows, all over the one open
/// file); writing is the one table writer (<see cref="DelimitedMatrixWriter"/>). With features as output rows,
/// translated chunks wait in a temporary binary file and are merged row by row at the end. The output appears
/// atomically.
/// </summary>
internal sealed class ChunkedTranslator
{
    private readonly TranslationModel _model;
    private readonly StreamingTranslateOptions _options;
    private readonly string _path;
    private readonly Dictionary<string, int> _modelIndex;

    public ChunkedTranslator(TranslationModel model, string sourcePath, StreamingTranslateOptions options)
    {
        _model = model;
        _options = options;
        _path = sourcePath;
        _modelIndex = model.SourceFeatureIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
    }

    public StreamingResult Run(string outputPath, IProgress<StreamingProgress>? progress, CancellationToken cancellationToken)
    {
        using var table = ChunkedTableReader.Open(_path, _options.InputDelimiter, _options.InputSamplesInRows);
        var coverage = _model.CoverageOf(table.FeatureIds);
        TranslationModel.EnsureCoverage(coverage, _path, _options.Translate);
        var featureRows = table.FeatureIds.Select(id => _modelIndex.TryGetValue(id, out var m) ? m : -1).ToArray();
        var sampleIds = table.SampleIds;
        int total = sampleIds.Count;
        int chunkSize = _options.ChunkSamples;
        int chunks = (total + chunkSize - 1) / chunkSize;
        var targetIds = _model.TargetFeatureIds;
        var sourceIds = _model.SourceFeatureIds.ToArray();
        char outDelimiter = Delimiters.For(outputPath, null);
        string? spill = _options.OutputSamplesInRows ? null : SpillPath(outputPath);
        try
        {
            DelimitedMatrixWriter.WriteFile(outputPath, output =>
            {
                var writer = new DelimitedMatrixWriter(output, outDelimiter, "NA");
                if (_options.OutputSamplesInRows)
                {
                    writer.WriteHeader("sample", targetIds, "feature");
                }

                using var spillFile = spill is null ? null : new FileStream(spill, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
                for (int c = 0; c < chunks; c++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    int start = c * chunkSize;
                    int count = Math.Min(chunkSize, total - start);
                    var ids = sampleIds.Skip(start).Take(count).ToArray();
                    var values = table.ReadSamples(start, count, featureRows, sourceIds.Length);
                    var chunk = OmicsMatrix.CreateTrusted(sourceIds, ids, values, $"{_path} (samples {start + 1}-{start + count})");
                    var translated = _model.Translate(chunk, _options.Translate);
                    if (spillFile is null)
                    {
                        writer.WriteMatrixRows(translated, samplesInRows: true);
                    }
                    else
                    {
                        spillFile.Write(MemoryMarshal.AsBytes(translated.Values.Span));
                    }

                    progress?.Report(new StreamingProgress(start + count, total));
                }

                if (spillFile is not null)
                {
                    spillFile.Flush();
                    writer.WriteHeader("feature", sampleIds, "sample");
                    MergeFeatureRows(writer, spillFile, targetIds, total, chunkSize, cancellationToken);
                }

                writer.Flush();
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

    /// <summary>Writes feature rows from the spilled chunks (each chunk feature-major: feature f at f * chunkCount).</summary>
    private static void MergeFeatureRows(DelimitedMatrixWriter writer, FileStream spill, IReadOnlyList<string> targetIds, int total, int chunkSize, CancellationToken cancellationToken)
    {
        int features = targetIds.Count;
        var row = new float[chunkSize];
        for (int f = 0; f < features; f++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            writer.BeginRow(targetIds[f], "feature");
            long chunkOffset = 0;
            for (int start = 0; start < total; start += chunkSize)
            {
                int count = Math.Min(chunkSize, total - start);
                var bytes = MemoryMarshal.AsBytes(row.AsSpan(0, count));
                RandomAccess.Read(spill.SafeFileHandle, bytes, chunkOffset + ((long)f * count * sizeof(float)));
                writer.AppendValues(row.AsSpan(0, count));
                chunkOffset += (long)features * count * sizeof(float);
            }

            writer.EndRow();
        }
    }
}
