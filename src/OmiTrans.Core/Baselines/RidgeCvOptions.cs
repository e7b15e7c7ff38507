namespace OmiTrans.Baselines;

/// <summary>Settings of the cross-validated ridge baseline (<see cref="RidgeCvBaseline"/>).</summary>
public sealed record RidgeCvOptions
{
    /// <summary>The penalties to try, relative to the mean eigenvalue of each fold's Gram matrix.</summary>
    /// <value>The default value is the ridge baseline's grid: 12 values from 0.001 to 100, evenly spaced on a log scale.</value>
    public IReadOnlyList<double> RelativePenalties { get; init; } = RidgePath.DefaultRelativePenalties;

    /// <summary>The number of folds over the training and validation samples pooled.</summary>
    /// <value>The default value is 5.</value>
    public int Folds { get; init; } = 5;

    /// <summary>Whether each target feature chooses its own penalty (otherwise one penalty for all).</summary>
    /// <value>The default value is true.</value>
    public bool PerTarget { get; init; } = true;

    /// <summary>Whether a target feature may be predicted by its training mean when no penalty beats it out of fold (with <see cref="PerTarget"/>).</summary>
    /// <value>The default value is true.</value>
    public bool IncludeMean { get; init; } = true;

    /// <summary>The seed of the fold assignment.</summary>
    /// <value>The default value is 42.</value>
    public int Seed { get; init; } = 42;

    /// <summary>The preprocessing (the same as OmiTrans' by default, for a fair comparison).</summary>
    /// <value>The default value is <see cref="PreprocessingOptions"/> with its defaults.</value>
    public PreprocessingOptions Preprocessing { get; init; } = new();

    /// <summary>The device.</summary>
    /// <value>The default value is <see cref="DeviceOptions.Cpu"/>.</value>
    public DeviceOptions Device { get; init; } = DeviceOptions.Cpu;

    /// <summary>Checks the options; returns one message per problem.</summary>
    public IEnumerable<string> Validate()
    {
        foreach (var e in RidgeOptions.PenaltyProblems(RelativePenalties))
        {
            yield return e;
        }

        if (Folds < 2)
        {
            yield return $"Folds must be at least 2, got {Folds}.";
        }

        foreach (var e in Preprocessing?.Validate() ?? ["Preprocessing options are required."])
        {
            yield return e;
        }
    }
}
