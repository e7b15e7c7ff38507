using System.Text.Json.Nodes;
using System.CommandLine;

namespace OmiTrans.Cli.Commands;

/// <summary>omitrans demo: the main job on the embedded default data: the paper's comparison with a short schedule.</summary>
internal static class DemoCommand
{
    /// <summary>A narrow U-Net with short kernels: the paper's shape at a cost that fits the demo's few minutes.</summary>
    private static UNetGenerator DemoUNet => new() { BaseChannels = 4, KernelSize = 5 };

    /// <summary>TDimpute with larger batches (and a learning rate scaled to them) so that its short schedule learns.</summary>
    private static TDimputeOptions DemoTDimpute(int epochs, int seed) => new() { Epochs = epochs, BatchSize = 128, LearningRate = 1e-3, Seed = seed };

    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder (data, tables, figures, report.md).", DefaultValueFactory = _ => new DirectoryInfo("omitrans-demo") };
        var samples = CliOptions.Int("--samples", "Samples of the synthetic data.", 1000).Between(1);
        var sourceFeatures = CliOptions.Int("--source-features", "CpG sites.", 4000).Between(1);
        var targetFeatures = CliOptions.Int("--target-features", "Genes.", 1500).Between(1);
        var epochs = CliOptions.Int("--epochs", "Training epochs of the neural methods (a short schedule).", 30).Between(1);
        var methods = CliOptions.Text("--methods", "Comma-separated methods to compare.", string.Join(',', TranslationMethods.Names));
        var seed = CliOptions.Int("--seed", "Seed of the data, the split and training.", 1).Between(0);
        var threads = CliOptions.Int("--threads", "CPU threads (0 = one per core).", 0).ThreadCount();
        var json = JsonSummary.Option("as compare's, with the noise-free ceiling");
        var command = new Command("demo", "Generate the embedded default data (synthetic methylation and expression with known structure), fit OmiTrans (its default generator is the cis generator here, as both location tables are known), its variants and the baselines on the same split, and print the nine test metrics of every method next to the noise-free ceiling, with Table 3, figures and report.md.")
        {
            output, samples, sourceFeatures, targetFeatures, epochs, methods, seed, threads, json,
        };
        command.SetAction((result, cancellationToken) =>
        {
            bool summary = JsonSummary.Begin(result, json);
            var directory = CommandFiles.OutputFolder(result.GetValue(output)!.FullName, "--out", [.. CompareCommand.OutputNames, .. SyntheticOmicsDataset.FileNames], subfolders: true);
            Runtime.ApplyThreads(result.GetValue(threads));
            int seedValue = result.GetValue(seed);
            var synthetic = SyntheticOmics.Generate(new SyntheticOmicsOptions
            {
                Samples = result.GetValue(samples),
                SourceFeatures = result.GetValue(sourceFeatures),
                TargetFeatures = result.GetValue(targetFeatures),
                Seed = seedValue,
            });
            synthetic.WriteTo(Path.Combine(directory, "data"));
            Terminal.Note($"Synthetic data: {synthetic.Source.FeatureCount} CpGs, {synthetic.Target.FeatureCount} genes, {synthetic.Source.SampleCount} methylation and {synthetic.Target.SampleCount} expression samples (written to {Path.Combine(directory, "data")}).");

            int epochCount = result.GetValue(epochs);
            var settings = TranslatorPresets.Default with
            {
                Aligner = new DatasetAligner(new DatasetAlignerOptions { SourceLocations = synthetic.SourceLocations, TargetLocations = synthetic.TargetLocations }),
                Training = TranslatorPresets.Default.Training with { Epochs = epochCount, Seed = seedValue },
            };
            var data = new TranslatorBuilder().WithSettings(settings).Build().PrepareData(synthetic.Source, synthetic.Target);
            TrainCommand.Describe(data);
            var names = result.GetResult(methods) is { Implicit: false }
                ? result.GetValue(methods)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : TranslationMethods.For(settings, data).ToArray();
            var demoMethods = names.Select(name => TranslationMethods.Create(
                name,
                name == "omitrans-unet" ? settings with { Generator = DemoUNet } : settings,
                DemoTDimpute(epochCount, seedValue))).ToList();
            var comparison = CompareCommand.Run(data, demoMethods, new ComparisonOptions { Labels = synthetic.Labels }, cancellationToken);
            CompareCommand.Write(comparison, directory, synthetic.Labels);

            var testIds = data.Split.Test;
            var (ceiling, _) = TranslationEvaluator.Evaluate(synthetic.TargetNoiseless.SelectSamples(testIds), data.Target.SelectSamples(testIds));
            MetricsTable.Write(Terminal.Out, "The best any method can reach on this data: the noise-free expression against the observed test expression", [("noise-free ceiling", ceiling.Metrics)]);
            if (comparison.Entries.FirstOrDefault(e => e.Method == "omitrans") is { } omitrans && comparison.Entries.FirstOrDefault(e => e.Method == "mean") is { } mean)
            {
                var better = omitrans.Metrics.TableValues().Zip(mean.Metrics.TableValues())
                    .Count(pair => TranslationMetrics.LowerIsBetter(pair.First.Key) ? pair.First.Value < pair.Second.Value : pair.First.Value > pair.Second.Value);
                Terminal.Out.WriteLine($"OmiTrans (default generator) beats the per-feature-mean baseline on {better} of 9 metrics.");
            }

            Terminal.Out.WriteLine($"Data, tables, figures and report.md in {directory}.");
            if (summary)
            {
                CompareCommand.WriteSummary("demo", comparison, directory, new JsonObject { ["noiseCeiling"] = JsonSummary.Node(ceiling.Metrics) });
            }

            return Task.FromResult(0);
        });
        return command;
    }
}
