using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Networks;

/// <summary>
/// The variational encoder-decoder generator of the original's c_gan_ved model: a KL term (weighted by
/// <see cref="KlWeight"/>) joins the generator loss; at inference the mean latent is used, so translation is
/// deterministic (the original sampled the latent even at test time).
/// </summary>
public sealed record VariationalGenerator : IGenerator, IValidatableNetwork
{
    /// <summary>The name used in model files: "ved".</summary>
    public const string GeneratorName = "ved";

    /// <inheritdoc />
    public string Name => GeneratorName;

    /// <summary>Widths of the encoder blocks.</summary>
    /// <value>The default value is 1024, 512.</value>
    public IReadOnlyList<int> EncoderWidths { get; init; } = [1024, 512];

    /// <summary>The latent dimension.</summary>
    /// <value>The default value is 256 (the paper).</value>
    public int LatentDimension { get; init; } = 256;

    /// <summary>Widths of the decoder blocks.</summary>
    /// <value>The default value is 512, 1024.</value>
    public IReadOnlyList<int> DecoderWidths { get; init; } = [512, 1024];

    /// <summary>The weight of the KL divergence (mean over batch and latent units) in the generator loss.</summary>
    /// <value>The default value is 1 (the original).</value>
    public double KlWeight { get; init; } = 1.0;

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
        return new VariationalGeneratorModule(this, context);
    }

    /// <inheritdoc />
    public IEnumerable<string> Validate() => NetworkChecks.Widths("VariationalGenerator", nameof(EncoderWidths), EncoderWidths)
        .Concat(NetworkChecks.Widths("VariationalGenerator", nameof(DecoderWidths), DecoderWidths))
        .Concat(NetworkChecks.Common("VariationalGenerator", DropoutProbability, LeakyReluSlope))
        .Concat(NetworkChecks.Defined("VariationalGenerator", nameof(Normalization), Normalization))
        .Concat(NetworkChecks.AtLeastOne("VariationalGenerator", nameof(LatentDimension), LatentDimension))
        .Concat(!(KlWeight >= 0 && double.IsFinite(KlWeight)) ? [$"VariationalGenerator.KlWeight must be zero or positive, got {KlWeight}."] : []);
}
