using System.Text.Json.Nodes;
using System.CommandLine;

namespace OmiTrans.Cli.Commands;

/// <summary>omitrans evaluate: the nine metrics of a prediction against actual values.</summary>
internal static class EvaluateCommand
{
    /// <summary>The files evaluate writes into its output folder.</summary>
    private static readonly string[] OutputNames =
    [
        "metrics.json", "features.tsv", "samples.tsv", "report.md", "samplewise_r2.png", "featurewise_r2.png", "scatter_best_worst.png", "embedding_pca.png",
    ];

    public static Command Create()
    {
        var predicted = CliOptions.RequiredFile("--predicted", "Predicted (translated) table.");
        var actual = CliOptions.RequiredFile("--actual", "Actual table (same units; samples and features matched by id).");
        var output = new Option<string>("--out") { Description = "Output folder (metrics.json, features.tsv, samples.tsv, R² histograms, scatter of the best and worst features, PCA embedding, report.md), or - to print only metrics.json to standard output.", Required = true };
        var modelFile = CliOptions.OptionalFile("--model", "The model that made the prediction: the actual values are first transformed with its recorded target transform, so that both are in the model's units (as train's test metrics are).");
        var json = JsonSummary.Option("inputs, output folder, shared samples and features, skipped ids, missing values, the metrics");
        var command = new Command("evaluate", "Compute the paper's nine metrics for a prediction against actual values.") { predicted, actual, output, modelFile, json };
        command.SetAction((result, cancellationToken) =>
        {
            if (result.GetValue(json) && result.GetValue(output) == CommandFiles.StandardOutput)
            {
                throw new BadInputException("--json and --out - would both write to standard output; give --out a folder (its metrics.json is the same document).");
            }

            bool summary = JsonSummary.Begin(result, json);
            var predictedPath = CommandFiles.Input(result, predicted);
            var actualPath = CommandFiles.Input(result, actual);
            var target = result.GetValue(output)!;
            bool toStandardOutput = target == CommandFiles.StandardOutput;
            var directory = toStandardOutput ? CommandFiles.OutputFile(target, "--out") : CommandFiles.OutputFolder(target, "--out", OutputNames);
            var p = CommandFiles.Read("--predicted", predictedPath, () => OmicsFile.Read(predictedPath));
            var a = CommandFiles.Read("--actual", actualPath, () => OmicsFile.Read(actualPath));
            if (result.GetValue(modelFile) is { } modelFileInfo && CommandFiles.Input(modelFileInfo.FullName, "--model", text: false) is { } modelPath)
            {
                using var model = TranslationModel.Load(modelPath);
                if (model.TargetTransform != ValueTransform.None)
                {
                    a = OmicsTransforms.Apply(a, model.TargetTransform);
                    Terminal.Note($"The actual values were transformed with the model's target transform ({DataOptions.TransformName(model.TargetTransform)}): both are {DataOptions.TransformUnits(model.TargetTransform)}.");
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            var (evaluation, coverage) = TranslationEvaluator.Evaluate(p, a);
            cancellationToken.ThrowIfCancellationRequested();

            // The metrics first: no figure can stop them from being written.
            if (toStandardOutput)
            {
                evaluation.WriteMetricsJson(directory);
            }
            else
            {
                evaluation.WriteTo(directory);
            }

            Terminal.Note($"Evaluated {coverage.SharedSamples} samples x {coverage.SharedFeatures} features ({coverage.PredictedOnlySamples.Count} predicted samples and {coverage.PredictedOnlyFeatures.Count} predicted features without actual values skipped); "
                + $"{evaluation.Metrics.ComparedValueCount} value pairs compared, {coverage.MissingActualCount} missing actual values left out.");
            WarnAboutMissingPredictions(evaluation.Metrics);
            if (coverage.PredictedOnlyFeatures.Count > 0)
            {
                // Predictions that cannot be scored (an actual table with fewer features is fine the other way round).
                Terminal.Warning(
                    $"only {coverage.SharedFeatures} features are in both tables: {coverage.PredictedOnlyFeatures.Count} predicted features have no actual values "
                    + $"({Preview.Of(coverage.PredictedOnlyFeatures, 3)}) and {coverage.ActualOnlyFeatures.Count} actual features no prediction ({Preview.Of(coverage.ActualOnlyFeatures, 3)}); the metrics cover the shared ones."
                    + SpreadsheetIds.Hint(coverage.PredictedOnlyFeatures.Concat(coverage.ActualOnlyFeatures)));
            }
            if (!toStandardOutput)
            {
                Reporting.Reports.WriteEvaluation(evaluation, p, a, directory, warning => Terminal.Warning("figure " + warning));
            }

            MetricsTable.Write(Terminal.Out, "Metrics", [(ErrorReporter.Printable(Path.GetFileName(predictedPath)), evaluation.Metrics)]);
            Terminal.Out.WriteLine(toStandardOutput
                ? "Wrote metrics.json to standard output"
                : $"Wrote metrics.json, features.tsv, samples.tsv, figures and report.md to {directory}");
            if (summary)
            {
                JsonSummary.Write("evaluate", new JsonObject
                {
                    ["predicted"] = predictedPath,
                    ["actual"] = actualPath,
                    ["out"] = directory,
                    ["sharedSamples"] = coverage.SharedSamples,
                    ["sharedFeatures"] = coverage.SharedFeatures,
                    ["predictedOnlySamples"] = coverage.PredictedOnlySamples.Count,
                    ["actualOnlySamples"] = coverage.ActualOnlySamples.Count,
                    ["predictedOnlyFeatures"] = coverage.PredictedOnlyFeatures.Count,
                    ["actualOnlyFeatures"] = coverage.ActualOnlyFeatures.Count,
                    ["missingPredictions"] = coverage.MissingPredictionCount,
                    ["missingActual"] = coverage.MissingActualCount,
                    ["metrics"] = JsonSummary.Node(evaluation.Metrics),
                });
            }

            return Task.FromResult(0);
        });
        return command;
    }

    /// <summary>A prediction should have no missing value: say how many it has and what they did to the metrics.</summary>
    internal static void WarnAboutMissingPredictions(TranslationMetrics metrics)
    {
        if (metrics.MissingPredictionCount == 0)
        {
            return;
        }

        Terminal.Warning(
            $"the prediction has {metrics.MissingPredictionCount} missing values: they are left out of every metric (pairwise-complete; counted as missingPredictionCount in metrics.json, per feature and sample in missingPredictions); "
            + $"{metrics.UnpredictedFeatureCount} features and {metrics.UnpredictedSampleCount} samples have no R² because of them and are excluded from the R² statistics.");
    }
}
