using OmiTrans.Alignment;
using OmiTrans.Comparison;
using OmiTrans.Preprocessing;
using OmiTrans.Splitting;
using OmiTrans.Synthetic;
using System.Diagnostics;

// MethylationToExpression: the paper's workflow. Preprocessing (missing-value and variance filters, mean imputation),
// location alignment by chromosome, FC OmiTrans and the baselines on the same split, Table 1 and Table 3.
using OmiTrans;

var data = SyntheticOmics.Generate(new SyntheticOmicsOptions { Samples = 600, SourceFeatures = 2000, TargetFeatures = 500, Seed = 5 });

var settings = TranslatorPresets.Default with
{
    Aligner = new DatasetAligner(new DatasetAlignerOptions { SourceLocations = data.SourceLocations, TargetLocations = data.TargetLocations }),
    Preprocessing = new PreprocessingOptions { MaxMissingFraction = 0.1, MinSourceVariance = 1e-4 },
    Training = TranslatorPresets.Default.Training with { Epochs = 25, Seed = 5 },
};
var translator = new TranslatorBuilder().WithSettings(settings).Build();
TranslationData prepared = translator.PrepareData(data.Source, data.Target);
Console.WriteLine($"{prepared.Source.SampleCount} paired samples: {prepared.Split.Train.Count} train, {prepared.Split.Validation.Count} validation, {prepared.Split.Test.Count} test.");

string[] names = ["omitrans", "cgan", "ridge", "lasso", "linear", "mean"];
var methods = names.Select(name => TranslationMethods.Create(name, settings)).ToList();
var comparison = MethodComparison.Run(prepared, methods, new ComparisonOptions { Labels = data.Labels }, new ConsoleProgress());

Console.WriteLine(comparison.Table1Markdown());
Console.WriteLine(comparison.Table3Tsv());
comparison.WriteTo("methylation-to-expression");
Console.WriteLine("Tables, per-method metrics and predictions written to methylation-to-expression/.");

/// <summary>
/// A line when a method starts and ends, and an epoch line at least every 10 seconds while it trains (synchronously,
/// unlike Progress&lt;T&gt;, so lines come in order).
/// </summary>
internal sealed class ConsoleProgress : IProgress<ComparisonProgress>
{
    private readonly Stopwatch _sinceLine = Stopwatch.StartNew();

    public void Report(ComparisonProgress value)
    {
        if (value.FitSeconds is { } seconds)
        {
            Console.WriteLine($"{value.Method}: fitted in {seconds:F1} s ({value.Index + 1}/{value.Count})");
        }
        else if (value.Epoch is { } epoch)
        {
            if (_sinceLine.Elapsed.TotalSeconds >= 10 || epoch.Epoch == epoch.TotalEpochs)
            {
                Console.WriteLine($"{value.Method}: epoch {epoch.Epoch}/{epoch.TotalEpochs}, validation featurewise R² {epoch.ValidationMetrics?.MeanFeaturewiseR2:F3}");
                _sinceLine.Restart();
            }
        }
        else
        {
            Console.WriteLine($"{value.Method}: fitting ({value.Index + 1}/{value.Count})...");
            _sinceLine.Restart();
        }
    }
}
