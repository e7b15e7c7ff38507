using OmiTrans.Data;
using OmiTrans.Models;
using OmiTrans.Synthetic;
using OmiTrans.Training;
using System.Diagnostics;

// NewCohort: apply a saved model to a cohort that lacks some features, lists them in another order and comes from
// another platform; in memory, from a file in chunks, and with quantile normalisation.
using OmiTrans;

// One population: the model is trained on 500 patients; 200 others form the new cohort.
var population = SyntheticOmics.Generate(new SyntheticOmicsOptions { Samples = 700, SourceFeatures = 800, TargetFeatures = 300, Seed = 3 });
var trainIds = population.Source.SampleIds.Take(500).ToList();
var cohortIds = population.Source.SampleIds.Skip(500).Where(id => population.Target.IndexOfSample(id) >= 0).ToList();
using (var fitted = new TranslatorBuilder().WithTraining(o => o with { Epochs = 30, Seed = 3 }).Build()
    .Fit(population.Source.SelectSamples(trainIds), population.Target.SelectSamples(trainIds.Where(id => population.Target.IndexOfSample(id) >= 0)), new EpochLines()))
{
    fitted.Save("cohort-model.omitrans");
}

// The new cohort: 10 % of the CpGs missing, the rest in another order, and a platform that reads 0.8x + 0.1.
var random = new Random(1);
var cohortSource = population.Source.SelectSamples(cohortIds);
var kept = Enumerable.Range(0, cohortSource.FeatureCount).Where(_ => random.NextDouble() > 0.1).OrderBy(_ => random.Next()).ToList();
var newSource = cohortSource.SelectFeatures(kept).Map(v => (0.8f * v) + 0.1f);
var cohort = (Target: population.Target.SelectSamples(cohortIds), Source: cohortSource);
OmicsFile.Write(newSource, "new_cohort.tsv.gz");

using var model = TranslationModel.Load("cohort-model.omitrans");
var coverage = model.GetCoverage(newSource);
Console.WriteLine($"Coverage: {coverage.PresentFeatureCount} of {coverage.ModelFeatureCount} source features ({coverage.Fraction:P1}); {coverage.MissingFeatures.Count} filled with the training mean; {coverage.ExtraFeatureCount} extra ignored.");

var undistorted = model.Evaluate(cohort.Source, cohort.Target);
var plain = model.Evaluate(newSource, cohort.Target);
var normalised = model.Evaluate(newSource, cohort.Target, new TranslateOptions { QuantileNormalize = true });
Console.WriteLine($"Featurewise R² on the new cohort: {undistorted.Metrics.MeanFeaturewiseR2:F3} with every feature on the training platform; {plain.Metrics.MeanFeaturewiseR2:F3} as measured (10 % missing, other platform); {normalised.Metrics.MeanFeaturewiseR2:F3} quantile-normalised to the training distribution.");

// The same cohort from the file, 64 samples at a time (bounded memory), written as it goes.
var result = model.TranslateFile("new_cohort.tsv.gz", "new_cohort_expression.tsv", new StreamingTranslateOptions
{
    ChunkSamples = 64,
    Translate = new TranslateOptions { QuantileNormalize = true },
});
Console.WriteLine($"Streamed {result.Samples} samples in {result.Chunks} chunks to new_cohort_expression.tsv ({result.TargetFeatures} genes each).");

/// <summary>An epoch line at least every 10 seconds while the model trains, and at the last epoch.</summary>
internal sealed class EpochLines : IProgress<EpochReport>
{
    private readonly Stopwatch _sinceLine = Stopwatch.StartNew();

    public void Report(EpochReport value)
    {
        if (value.Epoch == 1 || value.Epoch == value.TotalEpochs || _sinceLine.Elapsed.TotalSeconds >= 10)
        {
            Console.WriteLine($"training: epoch {value.Epoch}/{value.TotalEpochs}, validation featurewise R² {value.ValidationMetrics?.MeanFeaturewiseR2:F3}");
            _sinceLine.Restart();
        }
    }
}
