using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Networks.Modules;

/// <summary>
/// A generator body plus a fixed linear map from source to target: output = body(x) + W x + b. Before training, W and b
/// are set to the ridge solution on the training samples (penalty chosen on validation) and then kept fixed (buffers,
/// saved with the model but not trained: Adam's per-weight steps would wipe out the small ridge coefficients within
/// an epoch), so the body learns what the linear map misses.
/// </summary>
internal sealed class RidgeShortcutModule : nn.Module<Tensor, Tensor>
{
    /// <summary>The ridge baseline's own penalty grid and selection metric, so the shortcut starts from exactly that baseline.</summary>
    private static readonly RidgeOptions Ridge = new();
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

    /// <summary>Sets the linear map to the validated ridge solution of the (scaled) training data.</summary>
    public void InitializeFromRidge(TrainingTensors data, CancellationToken cancellationToken)
    {
        using var path = new RidgePath(data.TrainSource, data.TrainTarget);
        var (penalty, _, _) = RidgeSelection.Select(path, data, Ridge.RelativePenalties, Ridge.SelectionMetric, cancellationToken);
        path.SolveInto(shortcut_weight, shortcut_bias, penalty * path.MeanEigenvalue);

        // The body starts as zero (its output layer zeroed), so the untrained generator is exactly the ridge map.
        residual.ZeroOutput();
    }

    public override Tensor forward(Tensor source)
    {
        using var scope = NewDisposeScope();
        return body.call(source).PlusInPlace(nn.functional.linear(source, shortcut_weight, shortcut_bias)).MoveToOuterDisposeScope();
    }
}
