namespace OmiTrans.Models;

/// <summary>What to do with samples that observe less than <see cref="TranslateOptions.MinimumCoverage"/> of a model's source features.</summary>
public enum LowCoverageSamples
{
    /// <summary>Refuse the translation, naming the samples (the default).</summary>
    Refuse,

    /// <summary>Translate them (mostly from the training mean); <see cref="SourceCoverage.SamplesBelow"/> names them.</summary>
    Keep,
}

/// <summary>How a model translates data that may differ from its training data.</summary>
public sealed record TranslateOptions
{
    /// <summary>Default options.</summary>
    public static TranslateOptions Default { get; } = new();

    /// <summary>
    /// The smallest fraction of the model's source features the data must provide, and the smallest fraction each
    /// sample must observe (values that are not missing); below it translation is refused (for a sample, unless
    /// <see cref="LowCoverageSamples"/> keeps it). Missing features and values are filled with their training mean.
    /// </summary>
    /// <value>The default value is 0.8 (80 %).</value>
    public double MinimumCoverage { get; init; } = 0.8;

    /// <summary>What to do with samples that observe less than <see cref="MinimumCoverage"/> of the model's source features.</summary>
    /// <value>The default value is <see cref="Models.LowCoverageSamples.Refuse"/>.</value>
    public LowCoverageSamples LowCoverageSamples { get; init; } = LowCoverageSamples.Refuse;

    /// <summary>
    /// Quantile-normalise each source sample to the training cohort's reference distribution before translating
    /// (TDimpute's approach to platform or batch shift): each sample keeps the ranks of its values, and takes the
    /// training distribution's values. Use it when a new cohort was measured on a different platform or scale.
    /// </summary>
    /// <value>The default value is false.</value>
    public bool QuantileNormalize { get; init; }

    /// <summary>
    /// For the samples of the data a model was fitted on (its test split): their features are the model's by
    /// construction, and their missing values were accepted by the preprocessing, so no coverage is required.
    /// </summary>
    internal static TranslateOptions OfFittedData { get; } = new() { MinimumCoverage = 0, LowCoverageSamples = LowCoverageSamples.Keep };
}
