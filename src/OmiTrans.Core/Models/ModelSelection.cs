using System.Globalization;

namespace OmiTrans.Models;

/// <summary>
/// Which model a translator's fit kept, and why: the trained network, or the fallback method when it validated better
/// (<see cref="TranslatorSettings.Fallback"/>). Both validation figures are on <see cref="Metric"/> (errors negated, so
/// larger is better), computed the same way for both: the model's translations of the validation samples against their
/// actual values.
/// </summary>
public sealed record ModelSelection
{
    /// <summary>Whether the fallback method's model was kept instead of the trained network.</summary>
    public required bool FallbackKept { get; init; }

    /// <summary>The trained network's generator, for example "fc" or "cis".</summary>
    public required string Network { get; init; }

    /// <summary>The fallback method's name (for example "ridge"), or null when the translator has none.</summary>
    public string? Fallback { get; init; }

    /// <summary>The quantity compared.</summary>
    public required SelectionMetric Metric { get; init; }

    /// <summary>The trained network's validation value, or NaN when there was no comparison.</summary>
    public double NetworkValidation { get; init; } = double.NaN;

    /// <summary>The fallback's validation value, or NaN when there was no comparison.</summary>
    public double FallbackValidation { get; init; } = double.NaN;

    /// <summary>Why the fallback did not compete, when it did not (no validation samples, a bounded distance loss); null otherwise.</summary>
    public string? NotComparedBecause { get; init; }

    /// <summary>
    /// The cross-validated selection's figures when the translator cross-validated (small cohorts,
    /// <see cref="TranslatorSettings.CrossValidation"/>); null when it compared on the validation split.
    /// </summary>
    public CrossValidationSummary? CrossValidation { get; init; }

    /// <summary>One sentence on what was kept and why, for logs, reports and <c>omitrans inspect</c>.</summary>
    public string Reason
    {
        get
        {
            string metric = Metric switch
            {
                SelectionMetric.MeanSamplewiseR2 => "mean samplewise R²",
                SelectionMetric.Mse => "−MSE",
                _ => "mean featurewise R²",
            };
            string figures = string.Create(CultureInfo.InvariantCulture, $"validation {metric}: network {NetworkValidation:G4}, {Fallback} {FallbackValidation:G4}");
            if (CrossValidation is { } cv)
            {
                string ridge = cv.PerTarget ? $"{Fallback} with each target's own penalty ({cv.FeaturesAtMean} of {cv.TargetFeatures} targets at their training mean)" : string.Create(CultureInfo.InvariantCulture, $"{Fallback} with one penalty ({cv.RidgeRelativePenalty:G3} × the mean eigenvalue)");
                string kept = cv.FeaturesUsingNetwork == 0
                    ? $"kept {ridge}; the trained {Network} network added nothing out of fold"
                    : cv.PerTarget
                        ? $"kept a per-target blend of the trained {Network} network (epoch {cv.NetworkEpoch}, used by {cv.FeaturesUsingNetwork} of {cv.TargetFeatures} targets) and {ridge}"
                        : cv.NetworkWeight >= 1
                            ? $"kept the trained {Network} network (epoch {cv.NetworkEpoch}), which no blend with {ridge} beat"
                            : string.Create(CultureInfo.InvariantCulture, $"kept a blend of the trained {Network} network (epoch {cv.NetworkEpoch}, weight {cv.NetworkWeight:G2}) and {ridge}");
                return kept + string.Create(
                    CultureInfo.InvariantCulture,
                    $" ({cv.Folds}-fold cross-validation on {cv.Samples} samples, out-of-fold mean featurewise R²: kept {cv.StackR2:G4}, network {cv.NetworkR2:G4}, {Fallback} one penalty {cv.RidgeR2:G4}, {Fallback} per target {cv.PerFeatureRidgeR2:G4}, mean {cv.MeanR2:G4})");
            }

            if (Fallback is null)
            {
                return $"kept the trained {Network} network (no fallback method)";
            }

            if (NotComparedBecause is not null || double.IsNaN(NetworkValidation) || double.IsNaN(FallbackValidation))
            {
                return $"kept the trained {Network} network without comparing it with the {Fallback} fallback: {NotComparedBecause ?? "no validation figures"}";
            }

            return FallbackKept
                ? $"kept the {Fallback} fallback, which validates better than the trained {Network} network ({figures})"
                : $"kept the trained {Network} network, which validates at least as well as the {Fallback} fallback ({figures})";
        }
    }
}
