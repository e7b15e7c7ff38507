using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Networks;

/// <summary>
/// The paper's conditional CNN discriminator for any lengths: source and target branches of double convolutions
/// (the source resampled to the target length), concatenated, then down-sampling convolution stages (max-pooling by
/// <see cref="PoolFactor"/>) and one raw logit per patch of the target.
/// </summary>
public sealed record ConvolutionalDiscriminator : IDiscriminator, IValidatableNetwork
{
    /// <summary>The name used in model files and reports: "cnn".</summary>
    public const string DiscriminatorName = "cnn";

    /// <inheritdoc />
    public string Name => DiscriminatorName;

    /// <summary>Channels of each branch (the concatenation has twice as many; stages double them up to 8x).</summary>
    /// <value>The default value is 64 (the paper).</value>
    public int BaseChannels { get; init; } = 64;

    /// <summary>Convolution kernel size (odd).</summary>
    /// <value>The default value is 9.</value>
    public int KernelSize { get; init; } = 9;

    /// <summary>The most down-sampling stages; fewer are used when the target is short.</summary>
    /// <value>The default value is 3 (the paper).</value>
    public int MaxStages { get; init; } = 3;

    /// <summary>The pooling factor of each stage.</summary>
    /// <value>The default value is 4 (the paper).</value>
    public int PoolFactor { get; init; } = 4;

    /// <summary>Dropout probability in the down-sampling stages.</summary>
    /// <value>The default value is 0.</value>
    public double DropoutProbability { get; init; }

    /// <summary>The normalisation inside the convolution blocks.</summary>
    /// <value>The default value is <see cref="ConvNormalization.BatchNorm"/>.</value>
    public ConvNormalization Normalization { get; init; } = ConvNormalization.BatchNorm;

    /// <inheritdoc />
    /// <value>True unless <see cref="Normalization"/> is batch normalisation.</value>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsSampleIndependent => Normalization != ConvNormalization.BatchNorm;

    /// <summary>The negative slope of the LeakyReLU activations.</summary>
    /// <value>The default value is 0.2.</value>
    public double LeakyReluSlope { get; init; } = 0.2;

    /// <inheritdoc />
    public nn.Module<Tensor, Tensor, Tensor> Create(NetworkContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ConvolutionalDiscriminatorModule(this, context);
    }

    /// <inheritdoc />
    public IEnumerable<string> Validate() => NetworkChecks.Convolutional("ConvolutionalDiscriminator", BaseChannels, KernelSize, DropoutProbability, LeakyReluSlope, Normalization)
        .Concat(MaxStages is < 0 or > 8 ? [$"ConvolutionalDiscriminator.MaxStages must be between 0 and 8, got {MaxStages}."] : [])
        .Concat(PoolFactor < 2 ? [$"ConvolutionalDiscriminator.PoolFactor must be at least 2, got {PoolFactor}."] : []);
}
