using System.CommandLine;
using OmiTrans.Cli.Output;

namespace OmiTrans.Cli.Commands;

/// <summary>omitrans demo: the main job on the embedded default data.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder (data, models, metrics).", DefaultValueFactory = _ => new DirectoryInfo("omitrans-demo") };
        var samples = CliOptions.Int("--samples", "Samples of the synthetic data.", 1000);
        var sourceFeatures = CliOptions.Int("--source-features", "CpG sites.", 4000);
        var targetFeatures = CliOptions.Int("--target-features", "Genes.", 1500);
        var epochs = CliOptions.Int("--epochs", "Training epochs of OmiTrans.", 60);
        var seed = CliOptions.Int("--seed", "Seed of the data, the split and training.", 1);
        var threads = CliOptions.Int("--threads", "CPU threads (0 = one per core).", 0);
        var command = new Command("demo", "Generate the default synthetic methylation/expression data, train FC OmiTrans and the per-feature-mean baseline on the same split, and print the nine test metrics side by side.")
        {
            output, samples, sourceFeatures, targetFeatures, epochs, seed, threads,
        };
        command.SetAction((result, cancellationToken) =>
        {
            Runtime.ApplyThreads(result.GetValue(threads));
            var directory = result.GetValue(output)!.FullName;
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
            var translator = new TranslatorBuilder()
                .WithAligner(new DatasetAligner(new DatasetAlignerOptions { SourceLocations = synthetic.SourceLocations, TargetLocations = synthetic.TargetLocations }))
                .WithTraining(o => o with { Epochs = epochCount, Seed = seedValue })
                .Build();
            var data = translator.PrepareData(synthetic.Source, synthetic.Target);
            TrainCommand.Describe(data);

            using var mean = new MeanBaseline().Fit(data, cancellationToken: cancellationToken);
            FitOutputs.Write(mean, Path.Combine(directory, "mean"));
            using var omitrans = EpochProgress.Run("omitrans", epochCount, progress => translator.Fit(data, progress, cancellationToken));
            FitOutputs.Write(omitrans, Path.Combine(directory, "omitrans"));

            var testIds = data.Split.Test;
            var (ceiling, _) = TranslationEvaluator.Evaluate(synthetic.TargetNoiseless.SelectSamples(testIds), data.Target.SelectSamples(testIds));
            MetricsTable.Write(Terminal.Out, $"Test metrics, {testIds.Count} samples x {omitrans.TargetFeatureIds.Count} genes", [("OmiTrans (FC)", omitrans.TestMetrics!), ("mean baseline", mean.TestMetrics!), ("noise-free ceiling", ceiling.Metrics)]);
            var better = omitrans.TestMetrics!.TableValues().Zip(mean.TestMetrics!.TableValues())
                .Count(pair => TranslationMetrics.LowerIsBetter(pair.First.Key) ? pair.First.Value < pair.Second.Value : pair.First.Value > pair.Second.Value);
            Terminal.Out.WriteLine($"OmiTrans beats the per-feature-mean baseline on {better} of 9 metrics. The noise-free column is the best any method can reach on this data.");
            Terminal.Out.WriteLine($"Outputs in {directory} (data/, omitrans/, mean/).");
            return Task.FromResult(0);
        });
        return command;
    }
}
