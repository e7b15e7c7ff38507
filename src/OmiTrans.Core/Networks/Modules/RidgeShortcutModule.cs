using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Networks.Modules;

/// <summary>
/// A generator body plus a fixed linear map from source to target: output = body(x) + W x + b. Before training, W and b
/// are set to the ridge solution on the training samples (penalty chosen on validation; <see cref="InitializeIn"/>, called
/// through <see cref="IGenerator.InitializeFromData"/>) and then kept fixed (buffers,
/// saved with the model but not trained: Adam's per-weight steps would wipe out the small ridge coefficients within
/// an epoch), so the body learns what the linear map misses.
/// </summary>
internal sealed class RidgeShortcutModule : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> body;
    private readonly IResidualBody residual;
    private readonly Tensor shortcut_weight;
    private readonly Tensor shortcut_bias;

    public RidgeShortcutModule(nn.Module<Tensor, Tensor> body, long sourceFeatures, long targetFeatures)
        : base(nameof(RidgeShortcutModule))
    {
        this.body = body;
        residual = body as IResidualBody ?? throw new ArgumentException($"The module '{body.GetName()}' cannot zero its output layer, so it cannot learn a residual on top of a ridge shortcut.", nameof(body));
        shortcut_weight = zeros(targetFeatures, sourceFeatures);
        shortcut_bias = zeros(targetFeatures);
        register_buffer(nameof(shortcut_weight), shortcut_weight);
        register_buffer(nameof(shortcut_bias), shortcut_bias);
        RegisterComponents();
    }

    /// <summary>
    /// Sets the linear map of every ridge shortcut in a network to the validated ridge solution of the training data and
    /// zeroes the bodies' output layers, so the untrained network is exactly the ridge map.
    /// </summary>
    /// <returns>Whether the network has a ridge shortcut.</returns>
    public static bool InitializeIn(nn.Module network, GeneratorInitialization initialization)
    {
        bool found = false;
        foreach (var shortcut in network.modules().Prepend(network).OfType<RidgeShortcutModule>())
        {
            initialization.FitRidgeInto(shortcut.shortcut_weight, shortcut.shortcut_bias);
            shortcut.residual.ZeroOutput();
            found = true;
        }

        return found;
    }

    public override Tensor forward(Tensor source)
    {
        using var scope = NewDisposeScope();
        return body.call(source).PlusInPlace(nn.functional.linear(source, shortcut_weight, shortcut_bias)).MoveToOuterDisposeScope();
    }
}
