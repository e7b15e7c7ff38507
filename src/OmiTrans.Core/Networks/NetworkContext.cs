using static TorchSharp.torch;

namespace OmiTrans.Networks;

/// <summary>What a network factory needs to know when it creates its module.</summary>
public sealed class NetworkContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="sourceFeatureCount">Number of source features after preprocessing.</param>
    /// <param name="targetFeatureCount">Number of target features after preprocessing.</param>
    /// <param name="sourceGroups">Contiguous chromosome blocks of the source features, or null without a location table.</param>
    /// <param name="random">The seeded random generator, on the training device, for randomness inside forward.</param>
    public NetworkContext(int sourceFeatureCount, int targetFeatureCount, IReadOnlyList<FeatureGroup>? sourceGroups, Generator random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sourceFeatureCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(targetFeatureCount, 1);
        SourceFeatureCount = sourceFeatureCount;
        TargetFeatureCount = targetFeatureCount;
        SourceGroups = sourceGroups;
        Random = random ?? throw new ArgumentNullException(nameof(random));
    }

    /// <summary>Number of source features (input width).</summary>
    public int SourceFeatureCount { get; }

    /// <summary>Number of target features (output width).</summary>
    public int TargetFeatureCount { get; }

    /// <summary>
    /// Contiguous chromosome blocks of the source features (chromosomes 1 to 22, X, Y in order, then unplaced
    /// features), or null when no source location table was given.
    /// </summary>
    public IReadOnlyList<FeatureGroup>? SourceGroups { get; }

    /// <summary>
    /// The seeded random generator of this fit, on the training device. Use it for dropout masks and any other
    /// randomness inside forward, so the same seed reproduces the same run.
    /// </summary>
    public Generator Random { get; }

    /// <summary>
    /// The genomic location of each source feature, in the network's input order (null entries for features the
    /// location table does not place), or null when no source location table was given or the network is being
    /// rebuilt from a model file.
    /// </summary>
    public IReadOnlyList<GenomicLocation?>? SourceLocations { get; init; }

    /// <summary>The genomic location of each target feature, in the network's output order; as <see cref="SourceLocations"/>.</summary>
    public IReadOnlyList<GenomicLocation?>? TargetLocations { get; init; }

    /// <summary>
    /// Whether the network is being rebuilt to receive saved weights (model load) rather than created for training:
    /// anything the factory derives from the data may then be left as placeholders that the weights overwrite.
    /// </summary>
    public bool IsRestoring { get; init; }
}
