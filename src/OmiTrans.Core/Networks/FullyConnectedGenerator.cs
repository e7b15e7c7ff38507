using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Networks;

/// <summary>
/// The paper's fully connected encoder-decoder generator: blocks of Linear, normalisation, dropout and
/// LeakyReLU through the hidden widths, then a plain linear output layer.
/// </summary>
public sealed record FullyConnectedGenerator : IGenerator, IValidatableNetwork
{
    /// <summary>The name used in model files: "fc".</summary>
    public const string GeneratorName = "fc";

    /// <inheritdoc />
    public string Name => GeneratorName;

    /// <summary>The paper's architecture: hidden widths 4096, 1024, 512, 256 (latent), 512, 1024, 4096, dropout 0.2.</summary>
    public static FullyConnectedGenerator Paper { get; } = new() { HiddenWidths = [4096, 1024, 512, 256, 512, 1024, 4096] };

    /// <summary>Widths of the hidden blocks: encoder, latent, decoder.</summary>
    /// <value>
    /// The default value is 1024, 256 (latent), 1024, which generalises better than the paper's much wider
    /// 4096-1024-512-256-512-1024-4096 (<see cref="Paper"/>) on the data studied in docs/study.md.
    /// </value>
    public IReadOnlyList<int> HiddenWidths { get; init; } = [1024, 256, 1024];

    /// <summary>Dropout probability inside each block.</summary>
    /// <value>The default value is 0.2 (the paper).</value>
    public double DropoutProbability { get; init; } = 0.2;

    /// <summary>The normalisation inside each block.</summary>
    /// <value>The default value is <see cref="FeatureNormalization.PerSample"/> (what the original code used).</value>
    public FeatureNormalization Normalization { get; init; } = FeatureNormalization.PerSample;

    /// <summary>The negative slope of the LeakyReLU activations.</summary>
    /// <value>The default value is 0.2.</value>
    public double LeakyReluSlope { get; init; } = 0.2;

    /// <summary>
    /// Adds a linear map from source to target to the network's output, initialised before training to the ridge
    /// solution of the training samples (penalty chosen on validation), so that training starts from the ridge baseline
    /// and the network learns the non-linear remainder. Not used with a sigmoid output (BCE distance).
    /// </summary>
    /// <value>The default value is false.</value>
    public bool RidgeShortcut { get; init; }

    /// <inheritdoc />
    public nn.Module<Tensor, Tensor> Create(NetworkContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var stack = new FullyConnectedStack("FullyConnectedGenerator", context.SourceFeatureCount, HiddenWidths, context.TargetFeatureCount, Normalization, DropoutProbability, LeakyReluSlope, context.Random);
        return RidgeShortcut ? new RidgeShortcutModule(stack, context.SourceFeatureCount, context.TargetFeatureCount) : stack;
    }

    /// <inheritdoc />
    /// <remarks>With <see cref="RidgeShortcut"/>, sets the shortcut to the validated ridge map and zeroes the body's output.</remarks>
    public bool InitializeFromData(nn.Module<Tensor, Tensor> network, GeneratorInitialization initialization) =>
        RidgeShortcut && RidgeShortcutModule.InitializeIn(network, initialization);

    /// <inheritdoc />
    public IEnumerable<string> Validate() => NetworkChecks.FullyConnected("FullyConnectedGenerator", HiddenWidths, DropoutProbability, LeakyReluSlope, Normalization);
}
