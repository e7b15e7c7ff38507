namespace OmiTrans.Baselines;

/// <summary>Settings of the lasso baseline.</summary>
public sealed record LassoOptions
{
    /// <summary>Penalties tried along the path, from the largest useful one down to <see cref="MinPenaltyRatio"/> of it.</summary>
    /// <value>The default value is 10.</value>
    public int PenaltyCount { get; init; } = 10;

    /// <summary>
    /// The smallest penalty of the path as a fraction of the largest useful one. Coordinate descent slows down sharply
    /// below about 1% when features outnumber samples (the active sets grow large and correlated), and the validation
    /// optimum of omics data usually lies above it; lower it (with <see cref="PathPatience"/>) to search further.
    /// </summary>
    /// <value>The default value is 0.01.</value>
    public double MinPenaltyRatio { get; init; } = 1e-2;

    /// <summary>
    /// Convergence tolerance: a target is solved when its duality gap is below this fraction of ‖y‖²/n (the criterion
    /// of scikit-learn's coordinate descent).
    /// </summary>
    /// <value>The default value is 1e-4 (scikit-learn's default).</value>
    public double Tolerance { get; init; } = 1e-4;

    /// <summary>Stop the path after this many penalties in a row that are worse on validation than the best.</summary>
    /// <value>The default value is 1: the path stops at the first penalty that is worse than the best.</value>
    public int PathPatience { get; init; } = 1;

    /// <summary>The validation quantity that chooses the penalty.</summary>
    /// <value>The default value is <see cref="SelectionMetric.MeanFeaturewiseR2"/>.</value>
    public SelectionMetric SelectionMetric { get; init; } = SelectionMetric.MeanFeaturewiseR2;

    /// <summary>The preprocessing (the same as OmiTrans' by default).</summary>
    /// <value>The default value is <see cref="PreprocessingOptions"/> with its defaults.</value>
    public PreprocessingOptions Preprocessing { get; init; } = new();

    /// <summary>The device used for the Gram matrix.</summary>
    /// <value>The default value is <see cref="DeviceOptions.Cpu"/>.</value>
    public DeviceOptions Device { get; init; } = DeviceOptions.Cpu;

    /// <summary>Checks the options; returns one message per problem.</summary>
    public IEnumerable<string> Validate()
    {
        if (PenaltyCount < 1)
        {
            yield return $"PenaltyCount must be at least 1, got {PenaltyCount}.";
        }

        if (!(MinPenaltyRatio > 0 && MinPenaltyRatio < 1))
        {
            yield return $"MinPenaltyRatio must be in (0, 1), got {MinPenaltyRatio}.";
        }

        if (!(Tolerance > 0 && Tolerance < 1))
        {
            yield return $"Tolerance must be in (0, 1), got {Tolerance}.";
        }

        if (PathPatience < 1)
        {
            yield return $"PathPatience must be at least 1, got {PathPatience}.";
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
