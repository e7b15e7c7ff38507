using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace OmiTrans.Cli.Commands;

/// <summary>omitrans translate: applies a saved model to a source table.</summary>
internal static class TranslateCommand
{
    public static Command Create()
    {
        var modelFile = CliOptions.RequiredFile("--model", "A model file written by omitrans train (model.omitrans).");
        var source = CliOptions.RequiredFile("--source", "Source omics table to translate (features matched by id; missing ones are filled with the training mean).");
        var output = new Option<string>("--out") { Description = "Output table (TSV; .csv for commas, .gz to compress), or - for standard output (notes and results then go to standard error). Never one of the inputs.", Required = true };
        var coverage = CliOptions.Double("--min-coverage", "Refuse when fewer than this fraction of the model's source features are present, or when a sample observes (has values that are not missing for) fewer than this fraction of them.", TranslateOptions.Default.MinimumCoverage).Between(0, 1);
        var keepLow = CliOptions.Flag("--keep-low-coverage", "Translate samples that observe less than --min-coverage of the model's source features (mostly from the training mean) instead of refusing; they are named in a warning and flagged in --sample-coverage.");
        var sampleCoverage = new Option<string?>("--sample-coverage") { Description = "Also write a table of each sample's observed source features (sample, observed, modelFeatures, fraction, status ok/low)." };
        var samplesInRows = CliOptions.Flag("--samples-in-rows", "The source table holds one sample per row.");
        var device = CliOptions.Text("--device", "Device: auto, cpu, cuda or cuda:N.", "cpu");
        var quantile = CliOptions.Flag("--quantile-normalize", "Quantile-normalise each sample to the training cohort's distribution first (for a cohort from another platform or batch).");
        var transform = new Option<string?>("--source-transform") { Description = "Not needed: the model applies the source transform it was trained with to the raw values. When given, it must name that transform (none, log2p1 or cpm-log2); another is refused." };
        transform.AcceptOnlyFromAmong("none", "log2p1", "cpm-log2");
        var chunk = new Option<int?>("--chunk-samples") { Description = "Stream the cohort in chunks of this many samples (bounded memory, for cohorts larger than RAM) instead of reading it whole." }.Between(1);
        var outputSamplesInRows = CliOptions.Flag("--out-samples-in-rows", "Write one sample per row.");
        var threads = CliOptions.Int("--threads", "CPU threads for tensor operations (0 = one per core); 1 when several translations run side by side (a workflow's shards).", 0).ThreadCount();
        var json = JsonSummary.Option("model, source, output, samples, features, coverage, low-coverage samples, chunks");
        var command = new Command("translate", "Translate a source omics table with a saved model.") { modelFile, source, output, coverage, keepLow, sampleCoverage, samplesInRows, device, quantile, transform, chunk, outputSamplesInRows, threads, json };
        command.SetAction((result, cancellationToken) =>
        {
            if (result.GetValue(json) && result.GetValue(output) == CommandFiles.StandardOutput)
            {
                throw new BadInputException("--json and --out - would both write to standard output; give --out a file name.");
            }

            bool summary = JsonSummary.Begin(result, json);
            var modelPath = CommandFiles.Input(result, modelFile, text: false);
            var sourcePath = CommandFiles.Input(result, source);
            var path = CommandFiles.OutputFile(result.GetValue(output)!, "--out");
            var coveragePath = result.GetValue(sampleCoverage) is { } c ? CommandFiles.OutputFile(c, "--sample-coverage") : null;
            if (coveragePath is not null && coveragePath == path)
            {
                throw new BadInputException("--sample-coverage and --out name the same file.");
            }

            if (result.GetValue(chunk) is not null && coveragePath is not null)
            {
                throw new BadInputException("--sample-coverage cannot be combined with --chunk-samples (the cohort is never held whole); translate without --chunk-samples, or leave it out: low-coverage samples are still refused, or with --keep-low-coverage kept.");
            }

            Runtime.ApplyThreads(result.GetValue(threads));
            using var model = TranslationModel.Load(modelPath, new ModelLoadOptions { Device = DeviceOptions.Parse(result.GetValue(device)!) });
            if (result.GetValue(transform) is { } given && DataOptions.ParseTransform(given) != model.SourceTransform)
            {
                throw new BadInputException(
                    $"--source-transform {given} contradicts the model, which applies its own source transform ({DataOptions.TransformName(model.SourceTransform)}) to the raw values; give the raw table without the flag.");
            }

            if (model.SourceTransform != ValueTransform.None)
            {
                Terminal.Note($"The model applies its source transform ({DataOptions.TransformName(model.SourceTransform)}) to the raw values.");
            }

            if (model.TargetTransform != ValueTransform.None)
            {
                Terminal.Note($"The translations are in the model's target units: {DataOptions.TransformUnits(model.TargetTransform)} (target transform {DataOptions.TransformName(model.TargetTransform)}); evaluate with --model to compare them with raw actual values.");
            }

            double minimum = result.GetValue(coverage);
            var translateOptions = new TranslateOptions
            {
                MinimumCoverage = minimum,
                QuantileNormalize = result.GetValue(quantile),
                LowCoverageSamples = result.GetValue(keepLow) ? LowCoverageSamples.Keep : LowCoverageSamples.Refuse,
            };
            if (result.GetValue(chunk) is { } chunkSamples)
            {
                var streamed = Terminal.Progress("Translating", bar => model.TranslateFile(sourcePath, path, new StreamingTranslateOptions
                {
                    ChunkSamples = chunkSamples,
                    InputSamplesInRows = result.GetValue(samplesInRows),
                    OutputSamplesInRows = result.GetValue(outputSamplesInRows),
                    Translate = translateOptions,
                }, new SynchronousProgress<StreamingProgress>(p => bar(p.SamplesDone, p.TotalSamples)), cancellationToken));
                Terminal.Note($"{streamed.Coverage.PresentFeatureCount} of the model's {streamed.Coverage.ModelFeatureCount} source features present, {streamed.Coverage.MissingFeatures.Count} filled with the training mean, {streamed.Coverage.ExtraFeatureCount} extra ignored.");
                Terminal.Out.WriteLine($"Wrote {streamed.TargetFeatures} features x {streamed.Samples} samples to {Shown(path)} ({streamed.Chunks} chunks)");
                if (summary)
                {
                    WriteSummary(modelPath, sourcePath, path, streamed.Samples, streamed.TargetFeatures, streamed.Coverage, lowCoverageSamples: null, streamed.Chunks);
                }

                return Task.FromResult(0);
            }

            bool inRows = result.GetValue(samplesInRows);
            var input = CommandFiles.Read("--source", sourcePath, () => OmicsFile.Read(sourcePath, new OmicsReadOptions { SamplesInRows = inRows }));
            cancellationToken.ThrowIfCancellationRequested();
            var report = model.GetCoverage(input);
            if (report.Fraction < minimum)
            {
                // The library refuses; say why when the cause is recognisable.
                var modelFeatures = model.SourceFeatureIds.ToHashSet(StringComparer.Ordinal);
                int transposed = input.SampleIds.Count(modelFeatures.Contains);
                if (transposed > report.PresentFeatureCount)
                {
                    throw new BadInputException(
                        $"--source {sourcePath}: {report.PresentFeatureCount} of the model's {report.ModelFeatureCount} source features are row ids, but {transposed} are column ids (e.g. {Preview.Of(input.SampleIds.Where(modelFeatures.Contains), 3)}): "
                        + $"the table looks transposed; {(inRows ? "leave out" : "add")} --samples-in-rows.");
                }
            }

            Terminal.Note(Describe(input.SampleCount, report));
            var low = report.SamplesBelow(minimum);
            OmicsMatrix translated;
            try
            {
                translated = model.Translate(input, translateOptions);
            }
            catch (OmicsSchemaException ex) when (report.Fraction < minimum && SpreadsheetIds.Hint(input.FeatureIds.Except(model.SourceFeatureIds)) is { Length: > 0 } hint)
            {
                throw new BadInputException(ex.Message + hint, ex);
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (low.Count > 0)
            {
                Terminal.Warning(
                    $"{low.Count} of {input.SampleCount} samples observe less than --min-coverage {Percent(minimum)} of the model's source features and were translated mostly from the training mean (--keep-low-coverage): "
                    + Preview.Of(low.Select(s => $"{s.SampleId} ({Percent(s.Fraction)})")) + (coveragePath is null ? "; --sample-coverage lists every sample." : "."));
            }

            OmicsFile.Write(translated, path, new OmicsWriteOptions { SamplesInRows = result.GetValue(outputSamplesInRows) });
            if (coveragePath is not null)
            {
                AtomicFile.WriteAllText(coveragePath, CoverageTable(report, minimum));
            }

            Terminal.Out.WriteLine($"Wrote {translated.FeatureCount} features x {translated.SampleCount} samples to {Shown(path)}{(coveragePath is null ? string.Empty : $", sample coverage to {Shown(coveragePath)}")}");
            if (summary)
            {
                WriteSummary(modelPath, sourcePath, path, translated.SampleCount, translated.FeatureCount, report, low.Select(l => l.SampleId).ToList(), chunks: null);
            }

            return Task.FromResult(0);
        });
        return command;
    }

    /// <summary>The coverage note: features present and observed, and the observed fraction per sample.</summary>
    internal static string Describe(int samples, SourceCoverage report)
    {
        var fractions = report.Samples.Select(s => s.Fraction).Order().ToArray();
        var lowest = report.Samples.MinBy(s => s.Fraction);
        string perSample = fractions.Length == 0
            ? string.Empty
            : $" Observed per sample: median {Percent(fractions[fractions.Length / 2])}, lowest {Percent(lowest!.Fraction)} ({lowest.SampleId}).";
        return $"{samples} samples; {report.PresentFeatureCount} of the model's {report.ModelFeatureCount} source features present ({Percent(report.Fraction)}), "
            + $"{report.ObservedFeatureCount} observed in at least one sample; {report.MissingFeatures.Count + report.EmptyFeatures.Count} filled with the training mean "
            + $"({report.MissingFeatures.Count} absent, {report.EmptyFeatures.Count} missing in every sample); {report.ExtraFeatureCount} extra ignored.{perSample}";
    }

    private static string CoverageTable(SourceCoverage report, double minimum)
    {
        var text = new StringBuilder("sample\tobserved\tmodelFeatures\tfraction\tstatus\n");
        foreach (var s in report.Samples)
        {
            text.Append(s.SampleId).Append('\t').Append(s.ObservedFeatures.ToString(CultureInfo.InvariantCulture)).Append('\t')
                .Append(s.ModelFeatures.ToString(CultureInfo.InvariantCulture)).Append('\t').Append(s.Fraction.ToString("R", CultureInfo.InvariantCulture)).Append('\t')
                .Append(s.Fraction < minimum ? "low" : "ok").Append('\n');
        }

        return text.ToString();
    }

    private static string Shown(string path) => path == "/dev/stdout" ? "standard output" : path;

    private static string Percent(double fraction) => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static void WriteSummary(string modelPath, string sourcePath, string outputPath, int samples, int features, SourceCoverage coverage, IReadOnlyList<string>? lowCoverageSamples, int? chunks)
        => JsonSummary.Write("translate", new JsonObject
        {
            ["model"] = modelPath,
            ["source"] = sourcePath,
            ["out"] = outputPath,
            ["samples"] = samples,
            ["targetFeatures"] = features,
            ["modelSourceFeatures"] = coverage.ModelFeatureCount,
            ["presentSourceFeatures"] = coverage.PresentFeatureCount,
            ["observedSourceFeatures"] = coverage.ObservedFeatureCount,
            ["missingSourceFeatures"] = coverage.MissingFeatures.Count,
            ["extraSourceFeatures"] = coverage.ExtraFeatureCount,
            ["coverage"] = JsonSummary.Number(coverage.Fraction),
            ["observedCoverage"] = JsonSummary.Number(coverage.ObservedFraction),
            ["lowCoverageSamples"] = lowCoverageSamples is null ? null : JsonSummary.Node(lowCoverageSamples),
            ["chunks"] = chunks,
        });
}
