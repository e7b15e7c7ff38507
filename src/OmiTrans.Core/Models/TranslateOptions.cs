namespace OmiTrans.Models;

/// <summary>How a model translates data that may differ from its training data.</summary>
public sealed record TranslateOptions
{
    /// <summary>Default options.</summary>
    public static TranslateOptions Default { get; } = new();

    /// <summary>
    /// The smallest fraction of the model's source features the data must provide; below it translation is refused.
    /// Missing features are filled with their training mean.
    /// </summary>
    /// <value>The default value is 0.8 (80 %).</value>
    public double MinimumCoverage { get; init; } = 0.8;

    /// <summary>
    /// Quantile-normalise each source sample to the training cohort's reference distribution before translating
    /// (TDimpute's approach to platform or batch shift): each sample keeps the ranks of its values, and takes the
    /// training distribution's values. Use it when a new cohort was measured on a different platform or scale.
    /// </summary>
    /// <value>The default value is false.</value>
    public bool QuantileNormalize { get; init; }
}
