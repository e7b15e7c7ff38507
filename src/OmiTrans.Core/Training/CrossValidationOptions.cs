namespace OmiTrans.Training;

/// <summary>
/// How a translator decides on small cohorts (<see cref="TranslatorSettings.CrossValidation"/>): instead of one
/// validation split, the training and validation samples are pooled and cut into folds; the network is trained once per
/// fold and every choice — the epoch kept, each target feature's ridge penalty (or its training mean), and each target
/// feature's blend of network and ridge — is made on the out-of-fold predictions. The model is then fitted on all pooled
/// samples with those choices. The test samples are never used. Above <see cref="MaxSamples"/> the translator keeps the
/// single validation split (the fast path).
/// </summary>
public sealed record CrossValidationOptions
{
    /// <summary>The number of folds (at most the number of samples).</summary>
    /// <value>The default value is 5.</value>
    public int Folds { get; init; } = 5;

    /// <summary>
    /// Cross-validation runs when the training and validation samples together are at most this many; larger cohorts
    /// use the single validation split, whose figures are steadier there and which trains the network once.
    /// </summary>
    /// <value>The default value is 300.</value>
    public int MaxSamples { get; init; } = 300;

    /// <summary>
    /// Whether each target feature chooses its own ridge penalty (the training mean competing) and its own network
    /// weight; otherwise one penalty and one network weight serve every target. Per-target choices fit the out-of-fold
    /// errors better but, on 60–80 samples, pick up their noise: on the miniACC pairs they tested worse than the shared
    /// choices (docs/study.md), so they are off by default.
    /// </summary>
    /// <value>The default value is false.</value>
    public bool PerTarget { get; init; }

    /// <summary>
    /// The network weights that compete in the blend with the cross-validated ridge prediction (0: ridge only, 1: the
    /// network only), one for all targets or, with <see cref="PerTarget"/>, one per target.
    /// </summary>
    /// <value>The default value is 0, 0.25, 0.5, 0.75 and 1.</value>
    public IReadOnlyList<double> BlendWeights { get; init; } = [0, 0.25, 0.5, 0.75, 1];

    /// <summary>
    /// How many epochs compete as the network's length: evenly spaced up to <see cref="TrainingOptions.Epochs"/>
    /// (4 with 100 epochs: 25, 50, 75, 100).
    /// </summary>
    /// <value>The default value is 4.</value>
    public int EpochCandidates { get; init; } = 4;

    /// <summary>The candidate epochs for a run of <paramref name="epochs"/> epochs, ascending and distinct.</summary>
    /// <param name="epochs">The training epochs.</param>
    public IReadOnlyList<int> CandidateEpochs(int epochs) =>
        Enumerable.Range(1, EpochCandidates).Select(i => Math.Max(1, (int)Math.Round(epochs * (double)i / EpochCandidates))).Distinct().ToArray();

    /// <summary>Checks the options; returns one message per problem.</summary>
    public IEnumerable<string> Validate()
    {
        if (Folds < 2)
        {
            yield return $"CrossValidation.Folds must be at least 2, got {Folds}.";
        }

        if (MaxSamples < 0)
        {
            yield return $"CrossValidation.MaxSamples must not be negative, got {MaxSamples}.";
        }

        if (BlendWeights is null || BlendWeights.Count == 0)
        {
            yield return "CrossValidation.BlendWeights must list at least one weight.";
        }
        else if (BlendWeights.Any(w => !(w >= 0 && w <= 1)))
        {
            yield return "CrossValidation.BlendWeights must all be between 0 and 1.";
        }

        if (EpochCandidates < 1)
        {
            yield return $"CrossValidation.EpochCandidates must be at least 1, got {EpochCandidates}.";
        }
    }
}
