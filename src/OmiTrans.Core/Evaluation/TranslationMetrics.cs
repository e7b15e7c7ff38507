using System.Text.Json.Serialization;

namespace OmiTrans.Evaluation;

/// <summary>
/// The nine reconstruction metrics of the paper's Table 1, computed on the original (unscaled) target values.
/// Missing actual values are left out. R² values are NaN when undefined (no non-constant feature or sample).
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

    /// <summary>Features whose actual values are constant (or observed in fewer than two samples): they have no featurewise R² and are excluded from its statistics.</summary>
    [JsonPropertyName("constantFeatureCount")]
    public required int ConstantFeatureCount { get; init; }

    /// <summary>Samples whose actual profile is constant across features: they have no samplewise R².</summary>
    [JsonPropertyName("constantSampleCount")]
    public required int ConstantSampleCount { get; init; }

    /// <summary>Missing actual values left out of every metric.</summary>
    [JsonPropertyName("missingValueCount")]
    public required long MissingValueCount { get; init; }

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
