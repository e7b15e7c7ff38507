using System.CommandLine;

namespace OmiTrans.Cli.Commands;

/// <summary>omitrans translate: applies a saved model to a source table.</summary>
internal static class TranslateCommand
{
    public static Command Create()
    {
        var modelFile = CliOptions.RequiredFile("--model", "A model file written by omitrans train (model.omitrans).");
        var source = CliOptions.RequiredFile("--source", "Source omics table to translate (features matched by id; missing ones are filled with the training mean).");
        var output = new Option<FileInfo>("--out") { Description = "Output table (TSV; .csv for commas, .gz to compress).", Required = true };
        var coverage = CliOptions.Double("--min-coverage", "Refuse when fewer than this fraction of the model's source features are present.", TranslateOptions.Default.MinimumCoverage).Between(0, 1);
        var samplesInRows = CliOptions.Flag("--samples-in-rows", "The source table holds one sample per row.");
        var device = CliOptions.Text("--device", "Device: auto, cpu, cuda or cuda:N.", "cpu");
        var quantile = CliOptions.Flag("--quantile-normalize", "Quantile-normalise each sample to the training cohort's distribution first (for a cohort from another platform or batch).");
        var transform = new Option<string?>("--source-transform") { Description = "Not needed: the model applies the source transform it was trained with to the raw values. When given, it must name that transform (none, log2p1 or cpm-log2); another is refused." };
        transform.AcceptOnlyFromAmong("none", "log2p1", "cpm-log2");
        var chunk = new Option<int?>("--chunk-samples") { Description = "Stream the cohort in chunks of this many samples (bounded memory, for cohorts larger than RAM) instead of reading it whole." }.Between(1);
        var outputSamplesInRows = CliOptions.Flag("--out-samples-in-rows", "Write one sample per row.");
        var command = new Command("translate", "Translate a source omics table with a saved model.") { modelFile, source, output, coverage, samplesInRows, device, quantile, transform, chunk, outputSamplesInRows };
        command.SetAction((result, cancellationToken) =>
        {
            using var model = TranslationModel.Load(result.GetValue(modelFile)!.FullName, new ModelLoadOptions { Device = DeviceOptions.Parse(result.GetValue(device)!) });
            if (result.GetValue(transform) is { } given && DataOptions.ParseTransform(given) != model.SourceTransform)
            {
                throw new ArgumentException(
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
            var translateOptions = new TranslateOptions { MinimumCoverage = result.GetValue(coverage), QuantileNormalize = result.GetValue(quantile) };
            var path = result.GetValue(output)!.FullName;
            if (result.GetValue(chunk) is { } chunkSamples)
            {
                var streamed = Terminal.Progress("Translating", bar => model.TranslateFile(result.GetValue(source)!.FullName, path, new StreamingTranslateOptions
                {
                    ChunkSamples = chunkSamples,
                    InputSamplesInRows = result.GetValue(samplesInRows),
                    OutputSamplesInRows = result.GetValue(outputSamplesInRows),
                    Translate = translateOptions,
                }, new SynchronousProgress<StreamingProgress>(p => bar(p.SamplesDone, p.TotalSamples)), cancellationToken));
                Terminal.Note($"{streamed.Coverage.PresentFeatureCount} of the model's {streamed.Coverage.ModelFeatureCount} source features present, {streamed.Coverage.MissingFeatures.Count} filled with the training mean, {streamed.Coverage.ExtraFeatureCount} extra ignored.");
                Terminal.Out.WriteLine($"Wrote {streamed.TargetFeatures} features x {streamed.Samples} samples to {path} ({streamed.Chunks} chunks)");
                return Task.FromResult(0);
            }

            var input = OmicsFile.Read(result.GetValue(source)!.FullName, new OmicsReadOptions { SamplesInRows = result.GetValue(samplesInRows) });
            var report = model.GetCoverage(input);
            Terminal.Note($"{input.SampleCount} samples; {report.PresentFeatureCount} of the model's {report.ModelFeatureCount} source features present ({report.Fraction:P1}), {report.MissingFeatures.Count} filled with the training mean, {report.ExtraFeatureCount} extra ignored.");
            var translated = model.Translate(input, translateOptions);
            OmicsFile.Write(translated, path, new OmicsWriteOptions { SamplesInRows = result.GetValue(outputSamplesInRows) });
            Terminal.Out.WriteLine($"Wrote {translated.FeatureCount} features x {translated.SampleCount} samples to {path}");
            return Task.FromResult(0);
        });
        return command;
    }
}
