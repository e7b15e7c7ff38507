using System.CommandLine;

namespace OmiTrans.Cli.Commands;

/// <summary>omitrans evaluate: the nine metrics of a prediction against actual values.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var predicted = CliOptions.RequiredFile("--predicted", "Predicted (translated) table.");
        var actual = CliOptions.RequiredFile("--actual", "Actual table (same units; samples and features matched by id).");
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder (metrics.json, features.tsv, samples.tsv, R² histograms, scatter of the best and worst features, report.md).", Required = true };
        var modelFile = CliOptions.OptionalFile("--model", "The model that made the prediction: the actual values are first transformed with its recorded target transform, so that both are in the model's units (as train's test metrics are).");
        var command = new Command("evaluate", "Compute the paper's nine metrics for a prediction against actual values.") { predicted, actual, output, modelFile };
        command.SetAction((result, cancellationToken) =>
        {
            var p = OmicsFile.Read(result.GetValue(predicted)!.FullName);
            var a = OmicsFile.Read(result.GetValue(actual)!.FullName);
            if (result.GetValue(modelFile) is { } m)
            {
                using var model = TranslationModel.Load(m.FullName);
                if (model.TargetTransform != ValueTransform.None)
                {
                    a = OmicsTransforms.Apply(a, model.TargetTransform);
                    Terminal.Note($"The actual values were transformed with the model's target transform ({DataOptions.TransformName(model.TargetTransform)}): both are {DataOptions.TransformUnits(model.TargetTransform)}.");
                }
            }
            var (evaluation, coverage) = TranslationEvaluator.Evaluate(p, a);
            var directory = result.GetValue(output)!.FullName;
            evaluation.WriteTo(directory);
            Reporting.Reports.WriteEvaluation(evaluation, p, a, directory);
            Terminal.Note($"Evaluated {coverage.SharedSamples} samples x {coverage.SharedFeatures} features ({coverage.PredictedOnlySamples.Count} predicted samples and {coverage.PredictedOnlyFeatures.Count} predicted features without actual values skipped).");
            MetricsTable.Write(Terminal.Out, "Metrics", [(Path.GetFileName(result.GetValue(predicted)!.FullName), evaluation.Metrics)]);
            Terminal.Out.WriteLine($"Wrote metrics.json, features.tsv, samples.tsv, figures and report.md to {directory}");
            return Task.FromResult(0);
        });
        return command;
    }
}
