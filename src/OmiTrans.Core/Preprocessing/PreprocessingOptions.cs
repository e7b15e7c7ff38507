namespace OmiTrans.Preprocessing;

/// <summary>
/// The paper's preprocessing. Every statistic (missing fraction, variance, mean, minimum, maximum) is computed on
/// the training samples only and stored with the model, so validation, test and new cohorts are transformed with
/// the training values.
/// </summary>
public sealed record PreprocessingOptions
{
    /// <summary>Features (source or target) missing in more than this fraction of training samples are dropped.</summary>
    /// <value>The default value is 0.1 (10 %).</value>
    public double MaxMissingFraction { get; init; } = PreprocessingDefaults.MaxMissingFraction;

    /// <summary>Source feature ids to drop before anything else (for example probes near SNPs or cross-reactive probes).</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyCollection<string> ExcludedSourceFeatures { get; init; } = [];

    /// <summary>Source features whose training variance is below this value are dropped (the paper used 0.05 on methylation).</summary>
    /// <remarks>Variance is the population variance of the observed training values.</remarks>
    /// <value>The default value is null (no variance threshold).</value>
    public double? MinSourceVariance { get; init; }

    /// <summary>When set, only this many source features with the highest training variance are kept.</summary>
    /// <value>The default value is null (keep all).</value>
    public int? TopVarianceSourceFeatures { get; init; }

    /// <summary>How source features are scaled.</summary>
    /// <value>The default value is <see cref="OmiTrans.Preprocessing.SourceScaling.None"/>.</value>
    public SourceScaling SourceScaling { get; init; } = PreprocessingDefaults.SourceScaling;

    /// <summary>
    /// A transformation of the source values applied before anything else, at fitting and whenever the model translates
    /// (the model records it, so new data is given in the same raw units as the training data).
    /// </summary>
    /// <value>The default value is <see cref="ValueTransform.None"/>.</value>
    public ValueTransform SourceTransform { get; init; }

    /// <summary>
    /// A transformation of the target values applied before anything else. The model learns, predicts and is evaluated
    /// in the transformed units: its translations are, for example, log2(x + 1) values, and
    /// <see cref="TranslationModel.Evaluate"/> transforms the actual values it compares them with.
    /// </summary>
    /// <value>The default value is <see cref="ValueTransform.None"/>.</value>
    public ValueTransform TargetTransform { get; init; }

    /// <summary>Checks the options; returns one message per problem.</summary>
    public IEnumerable<string> Validate()
    {
        if (!(MaxMissingFraction >= 0 && MaxMissingFraction < 1))
        {
            yield return $"MaxMissingFraction must be in [0, 1), got {MaxMissingFraction}.";
        }

        if (MinSourceVariance is { } v && !(v >= 0))
        {
            yield return $"MinSourceVariance must be zero or positive, got {v}.";
        }

        if (TopVarianceSourceFeatures is { } k && k < 1)
        {
            yield return $"TopVarianceSourceFeatures must be at least 1, got {k}.";
        }

        if (ExcludedSourceFeatures is null)
        {
            yield return "ExcludedSourceFeatures must not be null.";
        }

        if (!Enum.IsDefined(SourceTransform))
        {
            yield return $"SourceTransform {(int)SourceTransform} is not a known value transform.";
        }

        if (!Enum.IsDefined(TargetTransform))
        {
            yield return $"TargetTransform {(int)TargetTransform} is not a known value transform.";
        }

        if (!Enum.IsDefined(SourceScaling))
        {
            yield return $"SourceScaling {(int)SourceScaling} is not a known scaling.";
        }
    }
}

/// <summary>Default values of <see cref="PreprocessingOptions"/>.</summary>
internal static class PreprocessingDefaults
{
    public const double MaxMissingFraction = 0.1;
    public const SourceScaling SourceScaling = OmiTrans.Preprocessing.SourceScaling.None;
}
