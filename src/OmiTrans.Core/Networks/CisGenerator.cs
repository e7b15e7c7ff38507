using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Networks;

/// <summary>
/// A location-aware generator: each target feature gets its own small network over the
/// <see cref="NeighbourCount"/> source features nearest to it on the same chromosome (cis effects, such as promoter
/// methylation on a gene's expression, or a gene's copy number on its own expression), plus a shared fully connected
/// path from all source features through a narrow bottleneck (trans effects such as tumour type). Needs location
/// tables for both omics (<see cref="DatasetAlignerOptions.SourceLocations"/> and
/// <see cref="DatasetAlignerOptions.TargetLocations"/>); the neighbourhoods are computed from them once, after
/// preprocessing, and saved with the model. See docs/study.md for where it helps.
/// </summary>
public sealed record CisGenerator : IGenerator, IValidatableNetwork
{
    /// <summary>The name used in model files: "cis".</summary>
    public const string GeneratorName = "cis";

    /// <inheritdoc />
    public string Name => GeneratorName;

    /// <summary>How many nearest source features on the same chromosome feed each target feature.</summary>
    /// <value>The default value is 8.</value>
    public int NeighbourCount { get; init; } = 8;

    /// <summary>Hidden units of each target feature's own network.</summary>
    /// <value>The default value is 8.</value>
    public int LocalHiddenWidth { get; init; } = 8;

    /// <summary>Widths of the shared path's hidden blocks (empty: no shared path).</summary>
    /// <value>The default value is 64.</value>
    public IReadOnlyList<int> SharedHiddenWidths { get; init; } = [64];

    /// <summary>Dropout probability inside the shared path's blocks.</summary>
    /// <value>The default value is 0.2.</value>
    public double DropoutProbability { get; init; } = 0.2;

    /// <summary>The normalisation inside the shared path's blocks.</summary>
    /// <value>The default value is <see cref="FeatureNormalization.PerSample"/>.</value>
    public FeatureNormalization Normalization { get; init; } = FeatureNormalization.PerSample;

    /// <summary>The negative slope of the LeakyReLU activations.</summary>
    /// <value>The default value is 0.2.</value>
    public double LeakyReluSlope { get; init; } = 0.2;

    /// <summary>
    /// Adds a fixed linear map from all source features to each target feature, set before training to the ridge
    /// solution of the training samples (penalty chosen on validation), so that training starts from the ridge baseline
    /// and the network learns what it misses (see <see cref="FullyConnectedGenerator.RidgeShortcut"/>).
    /// </summary>
    /// <value>The default value is false.</value>
    public bool RidgeShortcut { get; init; }

    /// <inheritdoc />
    public nn.Module<Tensor, Tensor> Create(NetworkContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Neighbourhoods neighbourhoods;
        if (context.IsRestoring)
        {
            neighbourhoods = Neighbourhoods.Placeholder(context.TargetFeatureCount, NeighbourCount);
        }
        else
        {
            var sources = context.SourceLocations
                ?? throw new InvalidOperationException("The cis generator needs the location of every source feature: give the aligner a source location table (CLI --source-locations).");
            var targets = context.TargetLocations
                ?? throw new InvalidOperationException("The cis generator needs the location of every target feature: give the aligner a target location table (CLI --target-locations).");
            neighbourhoods = Neighbourhoods.Nearest(sources, targets, NeighbourCount);
        }

        var body = new CisGeneratorModule(this, context, neighbourhoods);
        return RidgeShortcut ? new RidgeShortcutModule(body, context.SourceFeatureCount, context.TargetFeatureCount) : body;
    }

    /// <inheritdoc />
    /// <remarks>With <see cref="RidgeShortcut"/>, sets the shortcut to the validated ridge map and zeroes the body's output.</remarks>
    public bool InitializeFromData(nn.Module<Tensor, Tensor> network, GeneratorInitialization initialization) =>
        RidgeShortcut && RidgeShortcutModule.InitializeIn(network, initialization);

    /// <inheritdoc />
    public IEnumerable<string> Validate() => NetworkChecks.Widths("CisGenerator", nameof(SharedHiddenWidths), SharedHiddenWidths)
        .Concat(NetworkChecks.Common("CisGenerator", DropoutProbability, LeakyReluSlope))
        .Concat(NetworkChecks.Defined("CisGenerator", nameof(Normalization), Normalization))
        .Concat(NetworkChecks.AtLeastOne("CisGenerator", nameof(NeighbourCount), NeighbourCount))
        .Concat(NetworkChecks.AtLeastOne("CisGenerator", nameof(LocalHiddenWidth), LocalHiddenWidth));
}
