namespace OmiTrans.Splitting;

/// <summary>How the shared samples are split into train, validation and test sets when no explicit split is given.</summary>
public sealed record SplitOptions
{
    /// <summary>The fraction of samples used for training.</summary>
    /// <value>The default value is 0.8.</value>
    public double TrainFraction { get; init; } = 0.8;

    /// <summary>The fraction of samples used for validation; the test set takes the rest.</summary>
    /// <value>The default value is 0.1.</value>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>An explicit split; when set the fractions are not used.</summary>
    /// <value>The default value is null.</value>
    public SampleSplit? Split { get; init; }

    /// <summary>Checks the options; returns one message per problem.</summary>
    public IEnumerable<string> Validate()
    {
        if (Split is null)
        {
            if (!(TrainFraction > 0 && TrainFraction <= 1))
            {
                yield return $"TrainFraction must be in (0, 1], got {TrainFraction}.";
            }

            if (!(ValidationFraction >= 0 && ValidationFraction < 1))
            {
                yield return $"ValidationFraction must be in [0, 1), got {ValidationFraction}.";
            }
            else if (TrainFraction + ValidationFraction > 1 + 1e-9)
            {
                yield return $"TrainFraction + ValidationFraction must not exceed 1, got {TrainFraction + ValidationFraction}.";
            }
        }
    }

    /// <summary>The split of the given samples: the explicit one, or a seeded random one.</summary>
    internal SampleSplit For(IReadOnlyList<string> sampleIds, int seed)
        => Split ?? SampleSplit.Random(sampleIds, TrainFraction, ValidationFraction, seed);
}
