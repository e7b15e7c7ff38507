namespace OmiTrans.Models;

/// <summary>
/// How much of a model's source data a new data set provides: which of the model's features it has, and how many
/// values it actually observes (not missing) per feature and per sample. Missing features and missing values are
/// filled with the training mean; a sample that observes little is translated mostly from that mean.
/// </summary>
public sealed record SourceCoverage
{
    /// <summary>Source features the model was trained on.</summary>
    public required int ModelFeatureCount { get; init; }

    /// <summary>Model features whose ids are in the new data (observed or not).</summary>
    public required int PresentFeatureCount { get; init; }

    /// <summary>Model features absent from the new data (filled with the training mean).</summary>
    public required IReadOnlyList<string> MissingFeatures { get; init; }

    /// <summary>Features of the new data the model does not use (ignored).</summary>
    public required int ExtraFeatureCount { get; init; }

    /// <summary>
    /// Model features present in the new data but missing (NA) in every sample: filled with the training mean like
    /// absent ones. Empty when only the ids were inspected.
    /// </summary>
    public IReadOnlyList<string> EmptyFeatures { get; init; } = [];

    /// <summary>Model features with at least one observed value (present and not <see cref="EmptyFeatures"/>).</summary>
    public int ObservedFeatureCount => PresentFeatureCount - EmptyFeatures.Count;

    /// <summary>Present features as a fraction (0 to 1) of the model's features: what <see cref="TranslateOptions.MinimumCoverage"/> is compared with for the data set.</summary>
    public double Fraction => ModelFeatureCount == 0 ? 0 : (double)PresentFeatureCount / ModelFeatureCount;

    /// <summary>Features with at least one observed value as a fraction (0 to 1) of the model's features.</summary>
    public double ObservedFraction => ModelFeatureCount == 0 ? 0 : (double)ObservedFeatureCount / ModelFeatureCount;

    /// <summary>
    /// Per sample, how many of the model's features it observes (what <see cref="TranslateOptions.MinimumCoverage"/> is
    /// compared with for each sample); empty when only the ids were inspected.
    /// </summary>
    public IReadOnlyList<SampleSourceCoverage> Samples { get; init; } = [];

    /// <summary>Observed values over the model's features and every sample (0 when only the ids were inspected).</summary>
    public long ObservedValueCount { get; init; }

    /// <summary>The samples whose observed fraction is below a minimum (for example <see cref="TranslateOptions.MinimumCoverage"/>).</summary>
    /// <param name="minimum">The smallest acceptable fraction (0 to 1).</param>
    public IReadOnlyList<SampleSourceCoverage> SamplesBelow(double minimum) => Samples.Where(s => s.Fraction < minimum).ToArray();
}

/// <summary>How many of a model's source features one sample observes.</summary>
/// <param name="SampleId">The sample.</param>
/// <param name="ObservedFeatures">Model features with an observed (not missing) value in this sample.</param>
/// <param name="ModelFeatures">The model's source features.</param>
public sealed record SampleSourceCoverage(string SampleId, int ObservedFeatures, int ModelFeatures)
{
    /// <summary>Observed features as a fraction (0 to 1) of the model's features.</summary>
    public double Fraction => ModelFeatures == 0 ? 0 : (double)ObservedFeatures / ModelFeatures;
}
