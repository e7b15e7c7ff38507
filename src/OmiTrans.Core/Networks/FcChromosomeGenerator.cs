using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Networks;

/// <summary>
/// The original code's per-chromosome FC generator: the first layer is one dense block per chromosome group of the
/// source (1 to 22, X, Y and unplaced features, taken from the source location table), concatenated, followed by
/// fully connected blocks and a plain linear output (without the original's dropout on the output layer).
/// Requires a source location table.
/// </summary>
public sealed record FcChromosomeGenerator : IGenerator, IValidatableNetwork
{
    /// <summary>The name used in model files: "fc-chromosome".</summary>
    public const string GeneratorName = "fc-chromosome";

    /// <inheritdoc />
    public string Name => GeneratorName;

    /// <summary>Output width of each chromosome's block.</summary>
    /// <value>The default value is 256 (the original).</value>
    public int GroupWidth { get; init; } = 256;

    /// <summary>Widths of the hidden blocks after the concatenation.</summary>
    /// <value>The default value is 1024, 512, 256, 512, 1024, 2048 (the original).</value>
    public IReadOnlyList<int> HiddenWidths { get; init; } = [1024, 512, 256, 512, 1024, 2048];

    /// <summary>Dropout probability inside each block.</summary>
    /// <value>The default value is 0.2.</value>
    public double DropoutProbability { get; init; } = 0.2;

    /// <summary>The normalisation inside each block.</summary>
    /// <value>The default value is <see cref="FeatureNormalization.PerSample"/>.</value>
    public FeatureNormalization Normalization { get; init; } = FeatureNormalization.PerSample;

    /// <summary>The negative slope of the LeakyReLU activations.</summary>
    /// <value>The default value is 0.2.</value>
    public double LeakyReluSlope { get; init; } = 0.2;

    /// <inheritdoc />
    public nn.Module<Tensor, Tensor> Create(NetworkContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var groups = context.SourceGroups
            ?? throw new InvalidOperationException("The fc-chromosome generator needs the chromosome of every source feature: give the aligner a source location table.");
        return new ChromosomeGeneratorModule(this, context, groups);
    }

    /// <inheritdoc />
    public IEnumerable<string> Validate() => NetworkChecks.FullyConnected("FcChromosomeGenerator", HiddenWidths, DropoutProbability, LeakyReluSlope, Normalization)
        .Concat(NetworkChecks.AtLeastOne("FcChromosomeGenerator", nameof(GroupWidth), GroupWidth));
}
