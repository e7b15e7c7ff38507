namespace OmiTrans.Baselines;

/// <summary>Settings of the ridge and linear-regression baselines.</summary>
public sealed record RidgeOptions
{
    /// <summary>
    /// The penalties to try, relative to the mean eigenvalue of the Gram matrix (so the grid fits any data scale); the
    /// one with the best validation score is kept.
    /// </summary>
    /// <value>The default value is 12 values from 0.001 to 100, evenly spaced on a log scale.</value>
    public IReadOnlyList<double> RelativePenalties { get; init; } = RidgePath.DefaultRelativePenalties;

    /// <summary>The validation quantity that chooses the penalty.</summary>
    /// <value>The default value is <see cref="SelectionMetric.MeanFeaturewiseR2"/>.</value>
    public SelectionMetric SelectionMetric { get; init; } = SelectionMetric.MeanFeaturewiseR2;

    /// <summary>The preprocessing (the same as OmiTrans' by default, for a fair comparison).</summary>
    /// <value>The default value is <see cref="PreprocessingOptions"/> with its defaults.</value>
    public PreprocessingOptions Preprocessing { get; init; } = new();

    /// <summary>The device.</summary>
    /// <value>The default value is <see cref="DeviceOptions.Cpu"/>.</value>
    public DeviceOptions Device { get; init; } = DeviceOptions.Cpu;

    /// <summary>The problems of a relative penalty grid (shared by the ridge baselines' options).</summary>
    internal static IEnumerable<string> PenaltyProblems(IReadOnlyList<double>? relativePenalties)
    {
        if (relativePenalties is null || relativePenalties.Count == 0)
        {
            yield return "RelativePenalties must list at least one penalty.";
        }
        else if (relativePenalties.Any(p => !(p > 0 && double.IsFinite(p))))
        {
            yield return "RelativePenalties must all be positive.";
        }
    }

    /// <summary>Checks the options; returns one message per problem.</summary>
    public IEnumerable<string> Validate()
    {
        foreach (var e in PenaltyProblems(RelativePenalties))
        {
            yield return e;
        }

        if (SelectionMetric is not (SelectionMetric.MeanFeaturewiseR2 or SelectionMetric.MeanSamplewiseR2 or SelectionMetric.Mse))
        {
            yield return $"SelectionMetric must be MeanFeaturewiseR2, MeanSamplewiseR2 or Mse, got {SelectionMetric}.";
        }

        foreach (var e in Preprocessing?.Validate() ?? ["Preprocessing options are required."])
        {
            yield return e;
        }
    }
}
