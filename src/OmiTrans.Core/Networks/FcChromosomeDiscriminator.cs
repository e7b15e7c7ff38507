using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Networks;

/// <summary>
/// The original code's per-chromosome conditional discriminator (its effective default, <c>fcd_sep</c>): the source
/// passes through one small block per chromosome group and a block over their concatenation, the target profile (real
/// or translated) through its own blocks, and the two are joined by fully connected blocks ending in a plain linear
/// layer of raw logits. Unlike the original, that last layer is not normalised per sample, so the adversarial term can
/// learn. Requires a source location table; much lighter than <see cref="FullyConnectedDiscriminator"/>, whose first
/// layer spans source and target together.
/// </summary>
public sealed record FcChromosomeDiscriminator : IDiscriminator, IValidatableNetwork
{
    /// <summary>The name used in model files and reports: "fc-chromosome".</summary>
    public const string DiscriminatorName = "fc-chromosome";

    /// <inheritdoc />
    public string Name => DiscriminatorName;

    /// <summary>Output width of each chromosome's block on the source side.</summary>
    /// <value>The default value is 16 (the original).</value>
    public int GroupWidth { get; init; } = 16;

    /// <summary>Width of the block over the concatenated chromosome outputs.</summary>
    /// <value>The default value is 64 (the original).</value>
    public int SourceWidth { get; init; } = 64;

    /// <summary>Widths of the blocks on the target side.</summary>
    /// <value>The default value is 128, 64 (the original).</value>
    public IReadOnlyList<int> TargetWidths { get; init; } = [128, 64];

    /// <summary>Widths of the hidden blocks after source and target are joined.</summary>
    /// <value>The default value is 32 (the original).</value>
    public IReadOnlyList<int> JointWidths { get; init; } = [32];

    /// <summary>Number of output logits.</summary>
    /// <value>The default value is 16 (the original).</value>
    public int OutputLogits { get; init; } = 16;

    /// <summary>Dropout probability inside each block.</summary>
    /// <value>The default value is 0 (the original passed no dropout to its discriminator).</value>
    public double DropoutProbability { get; init; }

    /// <summary>The normalisation inside each block.</summary>
    /// <value>The default value is <see cref="FeatureNormalization.PerSample"/>.</value>
    public FeatureNormalization Normalization { get; init; } = FeatureNormalization.PerSample;

    /// <inheritdoc />
    /// <value>True unless <see cref="Normalization"/> is batch normalisation.</value>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsSampleIndependent => Normalization != FeatureNormalization.BatchNorm;

    /// <summary>The negative slope of the LeakyReLU activations.</summary>
    /// <value>The default value is 0.2.</value>
    public double LeakyReluSlope { get; init; } = 0.2;

    /// <inheritdoc />
    public nn.Module<Tensor, Tensor, Tensor> Create(NetworkContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var groups = context.SourceGroups
            ?? throw new InvalidOperationException("The fc-chromosome discriminator needs the chromosome of every source feature: give the aligner a source location table.");
        return new ChromosomeDiscriminatorModule(this, context, groups);
    }

    /// <inheritdoc />
    public IEnumerable<string> Validate()
    {
        const string owner = "FcChromosomeDiscriminator";
        return NetworkChecks.Widths(owner, nameof(TargetWidths), TargetWidths)
            .Concat(NetworkChecks.Widths(owner, nameof(JointWidths), JointWidths))
            .Concat(NetworkChecks.Common(owner, DropoutProbability, LeakyReluSlope))
            .Concat(NetworkChecks.Defined(owner, nameof(Normalization), Normalization))
            .Concat(NetworkChecks.AtLeastOne(owner, nameof(GroupWidth), GroupWidth))
            .Concat(NetworkChecks.AtLeastOne(owner, nameof(SourceWidth), SourceWidth))
            .Concat(NetworkChecks.AtLeastOne(owner, nameof(OutputLogits), OutputLogits));
    }
}
