using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Networks;

/// <summary>
/// The paper's conditional fully connected discriminator: the target profile (real or translated) is concatenated
/// with its source profile and passed through fully connected blocks to a plain linear layer of raw logits.
/// Unlike the original code, the last layer is not normalised, so the adversarial term can learn.
/// </summary>
public sealed record FullyConnectedDiscriminator : IDiscriminator, IValidatableNetwork
{
    /// <summary>The name used in model files and reports: "fc".</summary>
    public const string DiscriminatorName = "fc";

    /// <inheritdoc />
    public string Name => DiscriminatorName;

    /// <summary>Widths of the hidden blocks.</summary>
    /// <value>The default value is 128, 64, 32 (the paper).</value>
    public IReadOnlyList<int> HiddenWidths { get; init; } = [128, 64, 32];

    /// <summary>Number of output logits.</summary>
    /// <value>The default value is 16 (the paper).</value>
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
        var stack = new FullyConnectedStack(
            "FullyConnectedDiscriminator", context.SourceFeatureCount + context.TargetFeatureCount, HiddenWidths, OutputLogits, Normalization, DropoutProbability, LeakyReluSlope, context.Random);
        return new ConditionalDiscriminatorModule(stack);
    }

    /// <inheritdoc />
    public IEnumerable<string> Validate() => NetworkChecks.FullyConnected("FullyConnectedDiscriminator", HiddenWidths, DropoutProbability, LeakyReluSlope, Normalization)
        .Concat(NetworkChecks.AtLeastOne("FullyConnectedDiscriminator", nameof(OutputLogits), OutputLogits));
}
