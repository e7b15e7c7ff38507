// NewCohort: apply a saved model to a cohort that lacks some features, lists them in another order and comes from
// another platform; in memory, from a file in chunks, and with quantile normalisation.
using OmiTrans;

var training = SyntheticOmics.Generate(new SyntheticOmicsOptions { Samples = 500, SourceFeatures = 800, TargetFeatures = 300, Seed = 3 });
using (var fitted = new TranslatorBuilder().WithTraining(o => o with { Epochs = 15, Seed = 3 }).Build().Fit(training.Source, training.Target))
{
    fitted.Save("cohort-model.omitrans");
}

// The new cohort: other patients, 10 % of the CpGs missing, rows shuffled, and a platform that reads 0.8x + 0.1.
var cohort = SyntheticOmics.Generate(new SyntheticOmicsOptions { Samples = 200, SourceFeatures = 800, TargetFeatures = 300, Seed = 99 });
var random = new Random(1);
var kept = Enumerable.Range(0, cohort.Source.FeatureCount).Where(_ => random.NextDouble() > 0.1).OrderBy(_ => random.Next()).ToList();
var newSource = cohort.Source.SelectFeatures(kept).Map(v => (0.8f * v) + 0.1f);
OmicsFile.Write(newSource, "new_cohort.tsv.gz");

using var model = TranslationModel.Load("cohort-model.omitrans");
var coverage = model.GetCoverage(newSource);
Console.WriteLine($"Coverage: {coverage.PresentFeatureCount} of {coverage.ModelFeatureCount} source features ({coverage.Fraction:P1}); {coverage.MissingFeatures.Count} filled with the training mean; {coverage.ExtraFeatureCount} extra ignored.");

var plain = model.Evaluate(newSource, cohort.Target);
var normalised = model.Evaluate(newSource, cohort.Target, new TranslateOptions { QuantileNormalize = true });
Console.WriteLine($"Featurewise R² on the new cohort: {plain.Metrics.MeanFeaturewiseR2:F3} as measured, {normalised.Metrics.MeanFeaturewiseR2:F3} quantile-normalised to the training distribution.");

// The same cohort from the file, 64 samples at a time (bounded memory), written as it goes.
var result = model.TranslateFile("new_cohort.tsv.gz", "new_cohort_expression.tsv", new StreamingTranslateOptions
{
    ChunkSamples = 64,
    Translate = new TranslateOptions { QuantileNormalize = true },
});
Console.WriteLine($"Streamed {result.Samples} samples in {result.Chunks} chunks to new_cohort_expression.tsv ({result.TargetFeatures} genes each).");
