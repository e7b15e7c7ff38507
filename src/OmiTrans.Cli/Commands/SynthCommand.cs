using System.Text.Json.Nodes;
using System.CommandLine;

namespace OmiTrans.Cli.Commands;

/// <summary>omitrans synth: writes a synthetic TCGA-like methylation/expression data set.</summary>
internal static class SynthCommand
{
    public static Command Create()
    {
        var defaults = new SyntheticOmicsOptions();
        var samples = CliOptions.Int("--samples", "Samples present in both omics (1 % more appear in only one).", defaults.Samples).Between(1);
        var sourceFeatures = CliOptions.Int("--source-features", "CpG sites (methylation beta values).", defaults.SourceFeatures).Between(1);
        var targetFeatures = CliOptions.Int("--target-features", "Genes (log2 expression).", defaults.TargetFeatures).Between(1);
        var seed = CliOptions.Int("--seed", "Random seed.", defaults.Seed).Between(0);
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder.", DefaultValueFactory = _ => new DirectoryInfo("synthetic") };
        var json = JsonSummary.Option("output folder, files, sizes, noise ceiling");
        var command = new Command("synth", "Generate a synthetic TCGA-like data set: source.tsv (methylation), target.tsv (expression), target_noiseless.tsv, source_locations.tsv, target_locations.tsv and labels.tsv.")
        {
            samples, sourceFeatures, targetFeatures, seed, output, json,
        };
        command.SetAction((result, cancellationToken) =>
        {
            bool summary = JsonSummary.Begin(result, json);
            var options = defaults with
            {
                Samples = result.GetValue(samples),
                SourceFeatures = result.GetValue(sourceFeatures),
                TargetFeatures = result.GetValue(targetFeatures),
                Seed = result.GetValue(seed),
            };
            var directory = CommandFiles.OutputFolder(result.GetValue(output)!.FullName, "--out", SyntheticOmicsDataset.FileNames.ToArray());
            var data = SyntheticOmics.Generate(options);
            cancellationToken.ThrowIfCancellationRequested();
            data.WriteTo(directory);
            TorchRuntime.EnsureLoaded();
            var (ceiling, _) = TranslationEvaluator.Evaluate(data.TargetNoiseless, data.Target);
            Terminal.Out.WriteLine($"Wrote {string.Join(", ", SyntheticOmicsDataset.FileNames)} to {directory}");
            Terminal.Out.WriteLine($"Source {data.Source.FeatureCount} CpGs x {data.Source.SampleCount} samples; target {data.Target.FeatureCount} genes x {data.Target.SampleCount} samples.");
            Terminal.Out.WriteLine($"Noise ceiling (noise-free vs observed expression, all paired samples): mean featurewise R² {ceiling.Metrics.MeanFeaturewiseR2:F3}, mean samplewise R² {ceiling.Metrics.MeanSamplewiseR2:F3}.");
            if (summary)
            {
                JsonSummary.Write("synth", new JsonObject
                {
                    ["out"] = directory,
                    ["files"] = JsonSummary.Node(SyntheticOmicsDataset.FileNames.Select(name => Path.Combine(directory, name)).ToList()),
                    ["pairedSamples"] = options.Samples,
                    ["sourceSamples"] = data.Source.SampleCount,
                    ["targetSamples"] = data.Target.SampleCount,
                    ["sourceFeatures"] = data.Source.FeatureCount,
                    ["targetFeatures"] = data.Target.FeatureCount,
                    ["seed"] = options.Seed,
                    ["noiseCeiling"] = JsonSummary.Node(ceiling.Metrics),
                });
            }

            return Task.FromResult(0);
        });
        return command;
    }
}
