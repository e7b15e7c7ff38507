using static TorchSharp.torch;

namespace OmiTrans.Evaluation;

/// <summary>Computes the paper's nine metrics for predicted against actual omics tables.</summary>
public static class TranslationEvaluator
{
    /// <summary>
    /// Evaluates a prediction against actual values on the samples and features both tables share (matched by id).
    /// Every metric uses the pairwise-complete entries: an entry whose actual or predicted value is missing is left
    /// out, and both kinds are counted (in the metrics and in the coverage).
    /// </summary>
    /// <param name="predicted">Translated values (a missing value is counted and left out, never treated as a match).</param>
    /// <param name="actual">Actual values in the same units.</param>
    /// <returns>The metrics, per-feature and per-sample values, and how the two tables matched.</returns>
    /// <exception cref="OmicsSchemaException">The tables share no sample or no feature.</exception>
    public static (EvaluationResult Result, EvaluationCoverage Coverage) Evaluate(OmicsMatrix predicted, OmicsMatrix actual)
    {
        Guard.NotNull(predicted);
        Guard.NotNull(actual);
        var samples = predicted.SampleIds.Where(id => actual.IndexOfSample(id) >= 0).ToArray();
        var features = predicted.FeatureIds.Where(id => actual.IndexOfFeature(id) >= 0).ToArray();
        if (samples.Length == 0)
        {
            throw new OmicsSchemaException(
                $"The prediction ({predicted.Origin}) and the actual data ({actual.Origin}) share no sample id (predicted e.g. {Preview.Of(predicted.SampleIds, 3)}; actual e.g. {Preview.Of(actual.SampleIds, 3)}).");
        }

        if (features.Length == 0)
        {
            throw new OmicsSchemaException(
                $"The prediction ({predicted.Origin}) and the actual data ({actual.Origin}) share no feature id (predicted e.g. {Preview.Of(predicted.FeatureIds, 3)}; actual e.g. {Preview.Of(actual.FeatureIds, 3)}).");
        }

        var p = predicted.SelectSamples(samples).SelectFeatures(features);
        var a = actual.SelectSamples(samples).SelectFeatures(features);
        var sampleSet = new HashSet<string>(samples, StringComparer.Ordinal);
        var featureSet = new HashSet<string>(features, StringComparer.Ordinal);
        var coverage = new EvaluationCoverage
        {
            SharedSamples = samples.Length,
            SharedFeatures = features.Length,
            PredictedOnlySamples = predicted.SampleIds.Where(id => !sampleSet.Contains(id)).ToArray(),
            ActualOnlySamples = actual.SampleIds.Where(id => !sampleSet.Contains(id)).ToArray(),
            PredictedOnlyFeatures = predicted.FeatureIds.Where(id => !featureSet.Contains(id)).ToArray(),
            ActualOnlyFeatures = actual.FeatureIds.Where(id => !featureSet.Contains(id)).ToArray(),
        };
        var result = Evaluate(p, a, CPU);
        return (result, coverage with { MissingPredictionCount = result.Metrics.MissingPredictionCount, MissingActualCount = result.Metrics.MissingValueCount });
    }

    /// <summary>Evaluates two tables with identical sample and feature order.</summary>
    internal static EvaluationResult Evaluate(OmicsMatrix predicted, OmicsMatrix actual, Device device)
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        var p = TensorConversions.ToSampleMajorTensor(predicted, device);
        var a = TensorConversions.ToSampleMajorTensor(actual, device);
        return MetricsCalculator.Evaluate(p, a, actual.SampleIds, actual.FeatureIds);
    }
}
