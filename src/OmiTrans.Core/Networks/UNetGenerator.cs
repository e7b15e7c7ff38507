using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Networks;

/// <summary>
/// The paper's 1D U-Net generator (double convolutions with kernel 9, four down-sampling stages from 64 to 1024
/// channels, up-sampling with skip connections, dropout on alternate stages), working for any source and target
/// lengths: the output, computed at the source length, is resampled to the target length by linear interpolation
/// with a learned scale and offset per target feature. Convolutions assume location-aligned features (give location
/// tables to the aligner).
/// </summary>
public sealed record UNetGenerator : IGenerator, IValidatableNetwork
{
    /// <summary>The name used in model files: "unet".</summary>
    public const string GeneratorName = "unet";

    /// <inheritdoc />
    public string Name => GeneratorName;

    /// <summary>Channels of the first stage (doubling at each down-sampling stage).</summary>
    /// <value>The default value is 64 (the paper).</value>
    public int BaseChannels { get; init; } = 64;

    /// <summary>Down-sampling stages.</summary>
    /// <value>The default value is 4 (the paper: 64, 128, 256, 512, 1024 channels).</value>
    public int Depth { get; init; } = 4;

    /// <summary>Convolution kernel size (odd).</summary>
    /// <value>The default value is 9 (the paper).</value>
    public int KernelSize { get; init; } = 9;

    /// <summary>Dropout probability on alternate stages.</summary>
    /// <value>The default value is 0.2.</value>
    public double DropoutProbability { get; init; } = 0.2;

    /// <summary>The normalisation inside the convolution blocks.</summary>
    /// <value>The default value is <see cref="ConvNormalization.BatchNorm"/>.</value>
    public ConvNormalization Normalization { get; init; } = ConvNormalization.BatchNorm;

    /// <summary>The negative slope of the LeakyReLU activations.</summary>
    /// <value>The default value is 0.2.</value>
    public double LeakyReluSlope { get; init; } = 0.2;

    /// <inheritdoc />
    public nn.Module<Tensor, Tensor> Create(NetworkContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new UNet1dModule(this, context);
    }

    /// <inheritdoc />
    public IEnumerable<string> Validate() => NetworkChecks.Convolutional("UNetGenerator", BaseChannels, KernelSize, DropoutProbability, LeakyReluSlope, Normalization)
        .Concat(Depth is < 1 or > 8 ? [$"UNetGenerator.Depth must be between 1 and 8, got {Depth}."] : []);
}
