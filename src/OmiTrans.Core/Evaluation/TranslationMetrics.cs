using System.Text.Json.Serialization;

namespace OmiTrans.Evaluation;

/// <summary>
/// The nine reconstruction metrics of the paper's Table 1, computed on the original (unscaled) target values.
/// Every metric uses the pairwise-complete entries: an entry whose actual or predicted value is missing is left out,
/// and both kinds of missing value are counted (<see cref="MissingValueCount"/>, <see cref="MissingPredictionCount"/>).
/// R² values are NaN when undefined (no non-constant feature or sample).
/// </summary>
public sealed record TranslationMetrics
{
    /// <summary>Mean squared error over all observed entries.</summary>
    [JsonPropertyName("mse")]
    public required double Mse { get; init; }

    /// <summary>Root of the global mean squared error (not a mean of per-sample RMSEs).</summary>
    [JsonPropertyName("rmse")]
    public required double Rmse { get; init; }

    /// <summary>Mean absolute error over all observed entries.</summary>
    [JsonPropertyName("mae")]
    public required double Mae { get; init; }

    /// <summary>Median absolute error over all observed entries.</summary>
    [JsonPropertyName("medianAe")]
    public required double MedianAe { get; init; }

    /// <summary>Mean over samples of the R² of each sample's profile across features.</summary>
    [JsonPropertyName("meanSamplewiseR2")]
    public required double MeanSamplewiseR2 { get; init; }

    /// <summary>Mean over non-constant features of the R² of each feature across samples.</summary>
    [JsonPropertyName("meanFeaturewiseR2")]
    public required double MeanFeaturewiseR2 { get; init; }

    /// <summary>Median over non-constant features of the featurewise R².</summary>
    [JsonPropertyName("medianFeaturewiseR2")]
    public required double MedianFeaturewiseR2 { get; init; }

    /// <summary>Number of non-constant features whose featurewise R² exceeds 0.3.</summary>
    [JsonPropertyName("featuresR2Above03")]
    public required int FeaturesR2Above03 { get; init; }

    /// <summary>Percentage (0 to 100) of non-constant features whose featurewise R² exceeds 0.3.</summary>
    [JsonPropertyName("percentFeaturesR2Above03")]
    public required double PercentFeaturesR2Above03 { get; init; }

    /// <summary>Samples evaluated.</summary>
    [JsonPropertyName("sampleCount")]
    public required int SampleCount { get; init; }

    /// <summary>Features evaluated.</summary>
    [JsonPropertyName("featureCount")]
    public required int FeatureCount { get; init; }

    /// <summary>Features whose actual values are constant (or observed in fewer than two samples): they have no featurewise R² and are excluded from its statistics. Features without an R² because of missing predictions are counted in <see cref="UnpredictedFeatureCount"/> instead.</summary>
    [JsonPropertyName("constantFeatureCount")]
    public required int ConstantFeatureCount { get; init; }

    /// <summary>Samples whose actual profile is constant across features: they have no samplewise R².</summary>
    [JsonPropertyName("constantSampleCount")]
    public required int ConstantSampleCount { get; init; }

    /// <summary>Missing actual values left out of every metric.</summary>
    [JsonPropertyName("missingValueCount")]
    public required long MissingValueCount { get; init; }

    /// <summary>Missing (NaN) predicted values left out of every metric. A complete translation has none.</summary>
    [JsonPropertyName("missingPredictionCount")]
    public long MissingPredictionCount { get; init; }

    /// <summary>Entries with both a predicted and an actual value: the entries every metric is computed on.</summary>
    [JsonPropertyName("comparedValueCount")]
    public long ComparedValueCount { get; init; }

    /// <summary>
    /// Features whose actual values vary but that have no featurewise R² because of missing predictions (fewer than two
    /// samples with both values, or constant actual values over those): excluded from the R² statistics, and never
    /// counted as constant.
    /// </summary>
    [JsonPropertyName("unpredictedFeatureCount")]
    public int UnpredictedFeatureCount { get; init; }

    /// <summary>Samples whose actual profile varies but that have no samplewise R² because of missing predictions.</summary>
    [JsonPropertyName("unpredictedSampleCount")]
    public int UnpredictedSampleCount { get; init; }

    /// <summary>The nine Table 1 metrics as (key, value) pairs, keyed as in metrics.json.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> TableValues() =>
    [
        new("mse", Mse),
        new("rmse", Rmse),
        new("mae", Mae),
        new("medianAe", MedianAe),
        new("meanSamplewiseR2", MeanSamplewiseR2),
        new("meanFeaturewiseR2", MeanFeaturewiseR2),
        new("medianFeaturewiseR2", MedianFeaturewiseR2),
        new("featuresR2Above03", FeaturesR2Above03),
        new("percentFeaturesR2Above03", PercentFeaturesR2Above03),
    ];

    /// <summary>True for the metrics where lower is better (the error metrics).</summary>
    /// <param name="key">A metrics.json key.</param>
    public static bool LowerIsBetter(string key) => key is "mse" or "rmse" or "mae" or "medianAe";
}
